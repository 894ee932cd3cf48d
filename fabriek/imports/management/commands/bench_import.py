import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from fabriek.imports.bench import measure_import_memory, run_benchmark


class Command(BaseCommand):
    help = "Time importing 100,000 observation rows (a scratch programme, removed afterwards). Not a test."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--companies", type=int, default=2_000)
        parser.add_argument("--xlsx", action="store_true", help="time an XLSX file instead of a CSV file")
        parser.add_argument(
            "--memory",
            action="store_true",
            help="measure the peak memory of importing --rows observations (default then 2,000,000) instead",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["memory"]:
            rows = options["rows"] if options["rows"] != 100_000 else 2_000_000
            companies = max(options["companies"], rows // 100)
            measured = measure_import_memory(rows=rows, companies=companies)
            self.stdout.write(json.dumps({"database": connection.vendor, **measured}))
            return
        timings = run_benchmark(rows=options["rows"], companies=options["companies"], xlsx=options["xlsx"])
        self.stdout.write(json.dumps({"database": connection.vendor, **timings}))
