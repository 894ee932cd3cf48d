"""`manage.py person_export --programme SLUG --email ADDRESS`: everything the programme holds about a person,
as one JSON document on standard output (the right of access, GDPR article 15)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fabriek.privacy.management.commands._subject import add_subject_arguments, subject
from fabriek.privacy.services import person_export


class Command(BaseCommand):
    help = "Print everything a programme holds about the person with this e-mail address, as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        add_subject_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        programme, records = subject(options)
        document = person_export(actor=None, programme=programme, **records)
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
