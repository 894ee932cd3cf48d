"""`manage.py person_erase --programme SLUG --email ADDRESS --reason TEXT`: replace the person's name,
e-mail address and phone number everywhere by a placeholder (the right to erasure, GDPR article 17).

The anonymous facts stay, so every report gives the same numbers afterwards. It cannot be undone."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fabriek.privacy.management.commands._subject import add_subject_arguments, subject
from fabriek.privacy.services import person_erase


class Command(BaseCommand):
    help = "Erase the person with this e-mail address from a programme's records (keeps the anonymous figures)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_subject_arguments(parser)
        parser.add_argument("--reason", default="", help="Why (kept in the audit log), e.g. the request's date.")

    def handle(self, *args: Any, **options: Any) -> None:
        programme, records = subject(options)
        entry = person_erase(actor=None, programme=programme, reason=options["reason"], **records)
        changes = entry.changes
        self.stdout.write(
            f"Erased {len(records['people'])} person record(s), {len(records['accounts'])} account(s) and "
            f"{changes['intake'][1]} lead(s) or application(s); "
            f"{changes['rows'][1]} other row(s) and {changes['files'][1]} stored file(s) cleaned."
        )
