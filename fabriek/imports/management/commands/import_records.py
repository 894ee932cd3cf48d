"""`python manage.py import_records --programme ofd companies companies.csv`

Imports one file of companies, participations or observations (CSV or XLSX) into a programme, all or
nothing. Every error is printed to stderr as `file:line:column: message`; with any error nothing is
written and the command exits with status 1. Warnings are printed to stderr too, prefixed "warning:".
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fabriek.imports.columns import Kind
from fabriek.imports.services import import_file
from fabriek.programmes.models import Programme


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of companies, participations or observations into a programme."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="the programme's slug, e.g. ofd")
        parser.add_argument("kind", choices=Kind.values, help="what the file holds; import companies first")
        parser.add_argument("path", help="the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
        parser.add_argument("--user", help="username recorded as the actor in the audit log")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the messages (default: LANGUAGE_CODE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            self._import(**options)

    def _import(self, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(_("no programme with slug %(slug)s") % {"slug": options["programme"]})
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(_("no user %(username)s") % {"username": options["user"]})
        path = Path(options["path"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
            ) from None

        result = import_file(
            programme=programme,
            kind=options["kind"],
            filename=path.name,
            content=content,
            actor=actor,
            dry_run=options["dry_run"],
        )
        for warning in result.warnings:
            self.stderr.write(_("warning: %(message)s") % {"message": warning})
        for message in result.errors:
            self.stderr.write(str(message))
        if result.errors:
            count = len(result.errors)
            raise CommandError(
                ngettext(
                    "%(file)s: %(count)d error; nothing was imported",
                    "%(file)s: %(count)d errors; nothing was imported",
                    count,
                )
                % {"file": path.name, "count": count}
            )
        rows, warnings = result.rows, len(result.warnings)
        summary = _(
            "%(file)s: %(rows)s; %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(warnings)s"
        ) % {
            "file": path.name,
            "rows": ngettext("%(count)d row", "%(count)d rows", rows) % {"count": rows},
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "warnings": ngettext("%(count)d warning", "%(count)d warnings", warnings) % {"count": warnings},
        }
        if options["dry_run"]:
            summary += " " + _("(dry run: nothing was written)")
        self.stdout.write(summary)
