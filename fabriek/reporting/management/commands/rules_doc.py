"""`manage.py rules_doc > docs/rules.md`: the counting rules' numbered clauses as Markdown, in English."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from fabriek.reporting import clauses


class Command(BaseCommand):
    help = "Print docs/rules.md: every counting rule as a numbered clause (from fabriek/reporting/clauses.py)."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):
            self.stdout.write(clauses.markdown(), ending="")
