"""`manage.py anonymise_applications [--today YYYY-MM-DD]`: the intake's retention rule, run daily.

Idempotent: an application is anonymised once; running it twice changes nothing the second time.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fabriek.intake.services import applications_anonymise_expired


class Command(BaseCommand):
    help = "Blank the personal details of applicants who were not admitted, once their retention period is over."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="the day to run as (YYYY-MM-DD)")

    def handle(self, *args: Any, today: date | None = None, **options: Any) -> None:
        count = applications_anonymise_expired(today=today)
        self.stdout.write(f"{count} application(s) anonymised")
