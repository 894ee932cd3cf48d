import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from fabriek.imports.bench import run_benchmark


class Command(BaseCommand):
    help = "Time importing 100,000 observation rows (a scratch programme, removed afterwards). Not a test."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--companies", type=int, default=2_000)
        parser.add_argument("--xlsx", action="store_true", help="time an XLSX file instead of a CSV file")

    def handle(self, *args: Any, **options: Any) -> None:
        timings = run_benchmark(rows=options["rows"], companies=options["companies"], xlsx=options["xlsx"])
        self.stdout.write(json.dumps({"database": connection.vendor, **timings}))
