"""`python manage.py load_demo [--without-history]`: the OndernemersFabriek Drenthe as demo data.

Safe to run again: it only adds what is missing and never changes or removes what is there (so a demo
account whose password was changed keeps the new password). `make run` calls it and relies on the table of
logins it prints at the end.
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fabriek.accounts.models import Role
from fabriek.demo import seed
from fabriek.demo.loader import DemoError, load_demo


class Command(BaseCommand):
    help = "Load the OndernemersFabriek Drenthe demo (programme 'ofd'); safe to run more than once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--without-history",
            action="store_true",
            help="Only the programme, plan, locations, packages, partners, mentors and accounts: "
            "no companies, participations, observations or events.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_demo(with_history=not options["without_history"])
        except DemoError as error:
            raise CommandError(str(error)) from error

        created = {label: count for label, count in sorted(result.created.items()) if count}
        if created:
            summary = ", ".join(_counted(count, label) for label, count in created.items())
            self.stdout.write(
                _("Demo programme %(slug)s: created %(summary)s.") % {"slug": result.programme.slug, "summary": summary}
            )
        else:
            self.stdout.write(
                _("Demo programme %(slug)s is already complete; nothing changed.") % {"slug": result.programme.slug}
            )
        if result.history == "skipped":
            self.stdout.write(
                _("The programme already has participations of its own, so the demo history was not added.")
            )

        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password %(password)s, unless it was changed):") % {"password": seed.DEMO_PASSWORD}
        )
        rows = [(_("username"), _("role"), _("scope"))] + [
            (login.username, _role_label(login.role), login.scope) for login in result.logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for n, row in enumerate(rows):
            self.stdout.write(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))


def _counted(count: int, label: str) -> str:
    """ "1 programme", "3 programmes": the model's singular or plural name (Dutch and English share the rule
    that only 1 is singular, and the names are translated as verbose names already)."""
    meta = apps.get_model(label)._meta
    return f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role
