"""Send the surveys and reminders due on a day through the mail outbox (the worker runs it daily)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fabriek.programmes.models import Programme
from fabriek.surveys.services import surveys_send_due


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today {value!r} is not a date like 2025-03-31") from None


class Command(BaseCommand):
    help = "Queue the survey invitations and reminders due on a day; running it twice sends nothing twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="the programme's slug, for example ofd")
        parser.add_argument("--today", type=_day, default=None, help="YYYY-MM-DD; default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(f"no programme with slug {options['programme']!r}")
        today = options["today"] or timezone.localdate()
        result = surveys_send_due(programme=programme, today=today)
        line = (
            f"{programme.slug} {today.isoformat()}: "
            f"queued {result.invitations} invitations and {result.reminders} reminders"
        )
        if result.without_address:
            line += f"; {result.without_address} companies have no e-mail address (on the call list)"
        self.stdout.write(line)
