"""`manage.py report`: the three reports of a programme, as JSON, CSV or XLSX.

    manage.py report --programme ofd inflow-outflow --on 2017-05-31 [--format json|csv|xlsx] [--output PATH]
    manage.py report --programme ofd jobs-created --from 2017-01-01 --to 2019-12-31 [...]
    manage.py report --programme ofd indicators --from 2017-01-01 --to 2019-12-31 [...]

JSON (the default) and CSV go to standard output unless --output is given. XLSX is a binary file, so it
needs --output. `--companies` adds the per-company rows behind the numbers to CSV and XLSX, and
`--coverage` the data coverage; JSON is always exactly the pinned shape.
"""

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fabriek.programmes.models import Programme
from fabriek.reporting import rules
from fabriek.reporting.exporters import (
    FORMATS,
    IndicatorsExporter,
    InflowOutflowExporter,
    JobsCreatedExporter,
    ReportExporter,
)
from fabriek.reporting.indicators import indicators

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(text: str) -> date:
    """A command-line date in the form YYYY-MM-DD."""
    try:
        if not ISO_DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a date; write it as YYYY-MM-DD, e.g. 2017-05-31") % {"value": text}
        ) from None


class Command(BaseCommand):
    help = "Print a report of a programme: inflow-outflow, jobs-created or indicators."
    # Read-only: the system checks (which import every URL module, the API with it) only cost start-up time
    # here; `manage.py check` and every other command still run them (issue 8 item 4).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="The programme's slug, e.g. ofd.")
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")

        inflow = reports.add_parser("inflow-outflow", help="The in/outflow table on a date.")
        inflow.add_argument("--on", dest="on", type=iso_date, required=True, help="The date, YYYY-MM-DD.")
        self._output_options(inflow, with_companies=True)

        for name, text in (
            ("jobs-created", "New jobs during participation or up to two years after it, in a period."),
            ("indicators", "The eight indicators for a period, against their targets."),
        ):
            report = reports.add_parser(name, help=text)
            report.add_argument("--from", dest="start", type=iso_date, required=True, help="First day, YYYY-MM-DD.")
            report.add_argument("--to", dest="end", type=iso_date, required=True, help="Last day, YYYY-MM-DD.")
            self._output_options(report, with_companies=name == "jobs-created")

    @staticmethod
    def _output_options(parser: Any, *, with_companies: bool) -> None:
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json", help="Default: json.")
        parser.add_argument("--output", help="Write to this file instead of standard output (needed for xlsx).")
        if with_companies:
            parser.add_argument(
                "--companies", action="store_true", help="Add the companies behind the numbers (csv, xlsx)."
            )
            parser.add_argument("--coverage", action="store_true", help="Add the data coverage (csv, xlsx).")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            known = ", ".join(Programme.objects.order_by("slug").values_list("slug", flat=True)) or _("none")
            raise CommandError(
                _("Unknown programme %(slug)s. Known programmes: %(known)s.")
                % {"slug": options["programme"], "known": known}
            )
        exporter = self.exporter(programme, options)
        self.write(exporter, options["fmt"], options.get("output"))

    def exporter(self, programme: Programme, options: dict[str, Any]) -> ReportExporter:
        report = options["report"]
        if report == "inflow-outflow":
            on = options["on"]
            coverage = rules.data_coverage(programme=programme, on=on) if options["coverage"] else None
            return InflowOutflowExporter(
                programme,
                rules.inflow_outflow(programme=programme, on=on),
                coverage=coverage,
                with_companies=options["companies"],
            )
        start, end = options["start"], options["end"]
        if end < start:
            raise CommandError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        if report == "jobs-created":
            coverage = rules.data_coverage(programme=programme, on=end, start=start) if options["coverage"] else None
            return JobsCreatedExporter(
                programme,
                rules.jobs_created(programme=programme, start=start, end=end),
                coverage=coverage,
                with_companies=options["companies"],
            )
        return IndicatorsExporter(
            programme, indicators(programme=programme, start=start, end=end), start=start, end=end
        )

    def write(self, exporter: ReportExporter, fmt: str, output: str | None) -> None:
        if output:
            path = Path(output)
            try:
                path.write_bytes(exporter.render(fmt).content)
            except OSError as error:
                raise CommandError(_("Cannot write %(path)s: %(error)s") % {"path": output, "error": error}) from None
            self.stderr.write(_("Wrote %(path)s") % {"path": output})
            return
        if fmt == "xlsx":
            raise CommandError(_("An xlsx report is a binary file: give --output PATH to write it to a file."))
        self.stdout.write(exporter.json_text() if fmt == "json" else exporter.csv_text(), ending="")
