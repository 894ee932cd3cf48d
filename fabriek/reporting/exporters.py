"""Reports rendered to JSON, CSV and XLSX by one shared base (after pretix's exporters).

A report exporter only says what is in the report: `sheets()` yields its tables as row generators (header
row first), `notes()` the "how this is computed" texts, `as_json()` the pinned JSON. `ReportExporter.render`
turns that into a file; every CSV and XLSX carries the notes (a trailing section in CSV, a last sheet in
XLSX), and text cells that a spreadsheet would run as a formula are escaped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fabriek.companies.models import Company
from fabriek.participation.models import OutflowStatus
from fabriek.programmes.models import Programme
from fabriek.reporting import clauses, rules
from fabriek.reporting.indicators import IndicatorValue

Cell = str | int | Decimal | date | None

FORMATS: tuple[str, ...] = ("json", "csv", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: A spreadsheet treats text starting with one of these as a formula (CSV injection); tab and carriage
#: return are on OWASP's list as well.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Spreadsheets skip leading blanks and line breaks before they look for a formula sign: "  =1+1" and
#: "\n=1+1" run too.
_LEADING_BLANKS = re.compile(r"[\s\u00a0\u200b\ufeff]*")
#: Control characters no spreadsheet shows and XLSX cannot hold (tab, line feed and carriage return can).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, made plain text by a leading single quote; control
    characters become U+FFFD (visible, where a cell could not hold them)."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("\ufffd", value)
    if value.startswith(FORMULA_STARTS) or value[_LEADING_BLANKS.match(value).end() :].startswith(FORMULA_STARTS):  # type: ignore[union-attr]
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One table of a report: a title and its rows, the header row first."""

    title: str
    rows: Iterable[Sequence[Cell]]
    #: The "how this is computed" sheet: long texts, wrapped, no header row.
    is_notes: bool = False


@dataclass(frozen=True)
class Rendered:
    filename: str
    content_type: str
    content: bytes


class ReportExporter(ABC):
    """The shared base: subclasses give `identifier`, `title()`, `sheets()`, `notes()` and `as_json()`."""

    identifier: ClassVar[str]

    def __init__(self, programme: Programme) -> None:
        self.programme = programme

    @abstractmethod
    def title(self) -> str: ...

    @abstractmethod
    def period_label(self) -> str: ...

    @abstractmethod
    def sheets(self) -> Iterator[Sheet]: ...

    @abstractmethod
    def notes(self) -> list[tuple[str, str]]:
        """(title, text) pairs: how the numbers are computed."""
        ...

    @abstractmethod
    def as_json(self) -> dict[str, Any]: ...

    # -- rendering, shared by every report ------------------------------------------------------------

    def filename(self, fmt: str) -> str:
        return f"{self.programme.slug}-{self.identifier}-{self.period_label()}.{fmt}"

    def render(self, fmt: str) -> Rendered:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        content = {"json": self.render_json, "csv": self.render_csv, "xlsx": self.render_xlsx}[fmt]()
        return Rendered(self.filename(fmt), CONTENT_TYPES[fmt], content)

    def json_text(self) -> str:
        return json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"

    def render_json(self) -> bytes:
        return self.json_text().encode("utf-8")

    def _notes_sheet(self) -> Sheet:
        return Sheet(_("How this is computed"), self.notes(), is_notes=True)

    def csv_text(self) -> str:
        """All sheets one after the other (the first starts with its header row), each later one under
        its title after a blank line, and the notes last."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for number, sheet in enumerate([*self.sheets(), self._notes_sheet()]):
            if number:
                writer.writerow([])
                writer.writerow([escape_cell(sheet.title)])
            for row in sheet.rows:
                writer.writerow([_csv_value(escape_cell(value)) for value in row])
        return buffer.getvalue()

    def render_csv(self) -> bytes:
        # The byte order mark makes Excel read the file as UTF-8.
        return self.csv_text().encode("utf-8-sig")

    def render_download(self, fmt: str, language: str) -> Rendered:
        """A download from the interface: xlsx (one sheet per table), or CSV as one file per table in a zip,
        in the user's language's dialect (`CsvDialect.for_language`). The `report` command's files are
        `render`'s and stay as they are."""
        if fmt != "csv":
            return self.render(fmt)
        dialect = CsvDialect.for_language(language)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for number, sheet in enumerate([*self.sheets(), self._notes_sheet()], start=1):
                archive.writestr(f"{number:02d}-{_file_slug(sheet.title)}.csv", dialect.table(sheet.rows))
        stem = self.filename("csv").removesuffix(".csv")
        return Rendered(f"{stem}-csv.zip", "application/zip", buffer.getvalue())

    def render_xlsx(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        workbook = Workbook(write_only=True)
        bold = Font(bold=True)
        used: set[str] = set()
        for sheet in [*self.sheets(), self._notes_sheet()]:
            worksheet = workbook.create_sheet(_sheet_title(sheet.title, used))
            is_notes = sheet.is_notes
            if is_notes:
                worksheet.column_dimensions["A"].width = 30
                worksheet.column_dimensions["B"].width = 110
            else:
                worksheet.column_dimensions["A"].width = 40
            for number, row in enumerate(sheet.rows):
                cells = []
                for value in row:
                    cell = WriteOnlyCell(worksheet, value=escape_cell(value))
                    if isinstance(value, date):
                        cell.number_format = "yyyy-mm-dd"
                    if number == 0 and not is_notes:
                        cell.font = bold
                    if is_notes:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                    cells.append(cell)
                worksheet.append(cells)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


@dataclass(frozen=True)
class CsvDialect:
    """How a spreadsheet in the user's language reads a CSV file. Dutch Excel splits on semicolons and reads a
    decimal comma; English Excel splits on commas and reads a decimal point. Both get UTF-8 with a byte order
    mark, which Excel needs to read the file as UTF-8. Dates stay ISO (2017-05-31), which both read."""

    delimiter: str
    decimal_separator: str

    @classmethod
    def for_language(cls, language: str) -> CsvDialect:
        return cls(";", ",") if language.split("-")[0] == "nl" else cls(",", ".")

    def value(self, value: Cell) -> Cell:
        value = _csv_value(escape_cell(value))
        if isinstance(value, Decimal | float):
            return str(value).replace(".", self.decimal_separator)
        return value

    def table(self, rows: Iterable[Sequence[Cell]]) -> bytes:
        """One table as a CSV file."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")
        for row in rows:
            writer.writerow([self.value(value) for value in row])
        return buffer.getvalue().encode("utf-8-sig")


def _file_slug(title: str) -> str:
    """A table's title as a file name: letters, digits and hyphens."""
    return slugify(title)[:60] or "table"


def _csv_value(value: Cell) -> Cell:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def _sheet_title(title: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31] or "Sheet"
    name, number = clean, 2
    while name in used:
        suffix = f" ({number})"
        name, number = clean[: 31 - len(suffix)] + suffix, number + 1
    used.add(name)
    return name


def _companies_by_id(ids: Iterable[int]) -> dict[int, Company]:
    return {company.pk: company for company in Company.objects.filter(pk__in=list(ids)).only("kvk_number", "name")}


def _coverage_sheet(coverage: rules.DataCoverage) -> Sheet:
    return Sheet(
        _("Data coverage"),
        [
            (_("Data coverage"), _("Companies")),
            (_("Companies looked at"), len(coverage.companies)),
            (_("With a figure from the last 12 months"), len(coverage.recent_figure)),
            (_("Missing a baseline"), len(coverage.missing_baseline)),
            (_("Without any figure"), len(coverage.without_figures)),
            (_("Latest figure more than 12 months old"), len(coverage.stale)),
            (_("Alumni within two years of leaving without a figure since"), len(coverage.alumni_without_follow_up)),
            (_("With a stay over two years without a reason"), len(coverage.long_stays_without_reason)),
        ],
    )


STATUS_LABELS = {
    OutflowStatus.ENTREPRENEUR.value: OutflowStatus.ENTREPRENEUR.label,
    OutflowStatus.FREELANCER.value: OutflowStatus.FREELANCER.label,
    OutflowStatus.EMPLOYED.value: OutflowStatus.EMPLOYED.label,
    OutflowStatus.STOPPED.value: OutflowStatus.STOPPED.label,
}


class CohortReportExporter(ReportExporter):
    """A report computed over a group of companies: its table, then optionally data coverage and the
    companies behind it, with the report's definition and the employees rule in the notes."""

    main_sheet: Any = ""  # the first sheet's title (lazy text)
    clause: clauses.Clause  # the report's "how this is computed" (docs/rules.md)

    def __init__(
        self,
        programme: Programme,
        result: Any,
        *,
        coverage: rules.DataCoverage | None = None,
        with_companies: bool = False,
    ) -> None:
        super().__init__(programme)
        self.result = result
        self.coverage = coverage
        self.with_companies = with_companies

    @abstractmethod
    def main_rows(self) -> Iterator[Sequence[Cell]]: ...  # each report lays out its own table

    @abstractmethod
    def company_rows(self) -> Iterator[Sequence[Cell]]: ...

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(str(self.main_sheet), self.main_rows())
        if self.coverage is not None:
            yield _coverage_sheet(self.coverage)
        if self.with_companies:
            yield Sheet(_("Companies"), self.company_rows())

    def notes(self) -> list[tuple[str, str]]:
        notes = [
            (self.clause.heading, str(self.clause.text)),
            (clauses.EMPLOYEES_ON.heading, str(clauses.EMPLOYEES_ON.text)),
        ]
        if self.coverage is not None:
            notes += [(c.heading, str(c.text)) for c in (clauses.DATA_COVERAGE, clauses.STAY_LIMIT)]
        return notes

    def as_json(self) -> dict[str, Any]:
        return self.result.as_dict()


class InflowOutflowExporter(CohortReportExporter):
    """The in/outflow table, laid out like the seed's table."""

    identifier = "inflow-outflow"
    main_sheet = gettext_lazy("In- and outflow")
    clause = clauses.INFLOW_OUTFLOW
    result: rules.InflowOutflow

    def title(self) -> str:
        return _("Inflow and outflow on %(date)s") % {"date": self.result.on.isoformat()}

    def period_label(self) -> str:
        return self.result.on.isoformat()

    def main_rows(self) -> Iterator[Sequence[Cell]]:
        result = self.result
        yield ("", _("Participants"), _("Employees"), _("Interns"))
        labels = {
            "inflow": _("Total inflow"),
            "current": _("Of which participating on %(date)s") % {"date": result.on.isoformat()},
            "outflow": _("Total outflow"),
        }
        for row in rules.ROWS:
            label = labels.get(row) or _("Outflow: %(status)s") % {"status": str(STATUS_LABELS[row]).lower()}
            yield (label, *(result.cell(row, column) for column in rules.COLUMNS))
        yield (_("Missing figures"), len(result.missing_figures), None, None)

    def company_rows(self) -> Iterator[Sequence[Cell]]:
        companies = _companies_by_id(row.company_id for row in self.result.rows)
        yield (
            _("KvK number"),
            _("Company"),
            _("Current or outflow status"),
            _("Employees counted"),
            _("Interns counted"),
            _("Missing figure"),
        )
        for row in self.result.rows:
            company = companies[row.company_id]
            yield (
                company.kvk_number,
                company.name,
                _("current") if row.current else str(STATUS_LABELS[row.status]),
                row.employees,
                row.interns,
                _("yes") if row.missing_figure else _("no"),
            )


class JobsCreatedExporter(CohortReportExporter):
    """Jobs created in a period: the totals, and optionally every company's steps."""

    identifier = "jobs-created"
    main_sheet = gettext_lazy("Jobs created")
    clause = clauses.JOBS_CREATED
    result: rules.JobsCreated

    def title(self) -> str:
        return _("Jobs created from %(start)s to %(end)s") % {
            "start": self.result.start.isoformat(),
            "end": self.result.end.isoformat(),
        }

    def period_label(self) -> str:
        return f"{self.result.start.isoformat()}-{self.result.end.isoformat()}"

    def main_rows(self) -> Iterator[Sequence[Cell]]:
        result = self.result
        yield (_("Jobs created"), _("Value"))
        yield (_("From"), result.start)
        yield (_("To"), result.end)
        yield (_("Gross (new jobs)"), result.gross)
        yield (_("Net (new jobs minus jobs lost)"), result.net)
        yield (_("Companies counted"), result.companies_counted)
        yield (_("Companies missing a baseline"), result.companies_missing_baseline)

    def company_rows(self) -> Iterator[Sequence[Cell]]:
        companies = _companies_by_id(row.company_id for row in self.result.rows)
        yield (
            _("KvK number"),
            _("Company"),
            _("First start"),
            _("Last end"),
            _("Outflow status"),
            _("Window end"),
            _("Baseline date"),
            _("Baseline"),
            _("Current date"),
            _("Current"),
            _("Change"),
        )
        for row in self.result.rows:
            company = companies[row.company_id]
            yield (
                company.kvk_number,
                company.name,
                row.first_start,
                row.last_end,
                str(STATUS_LABELS[row.status]) if row.status else _("ongoing"),
                row.window_end,
                row.baseline_on,
                row.baseline,
                row.current_on,
                row.current,
                row.change,
            )


class IndicatorsExporter(ReportExporter):
    """The eight indicators for a period against their targets."""

    identifier = "indicators"

    def __init__(self, programme: Programme, values: list[IndicatorValue], *, start: date, end: date) -> None:
        super().__init__(programme)
        self.values = values
        self.start = start
        self.end = end

    def title(self) -> str:
        return _("Indicators from %(start)s to %(end)s") % {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    def period_label(self) -> str:
        return f"{self.start.isoformat()}-{self.end.isoformat()}"

    def rows(self) -> Iterator[Sequence[Cell]]:
        yield (_("Indicator"), _("Value"), _("Target"), _("Net"))
        for value in self.values:
            yield (value.label, value.value, value.target, value.net)

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Indicators"), self.rows())

    def notes(self) -> list[tuple[str, str]]:
        return [(value.clause.heading, value.definition) for value in self.values]

    def as_json(self) -> dict[str, Any]:
        return {
            "programme": self.programme.slug,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "indicators": [value.as_dict() for value in self.values],
        }
