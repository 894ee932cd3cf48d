"""The three importers: parse every row, check the records against each other and the database, plan the
writes, and (only when there is no error at all) write them in bulk.

An importer never writes row by row. The companies and participations importers (files of one row per
company or stay: tens of thousands at national scale) read the keys they need in a few queries up front,
compare in memory and write with `bulk_create` / `bulk_update` in batches. The observations importer (files
of millions of rows) streams: each row is parsed and checked on its own, the good ones go into a staging
table a batch at a time, and the database compares and writes them in a few statements (`staging`), so its
memory does not grow with the file. The caller (`services.import_file`) wraps the check and the writes in
one transaction, so the database cannot change between them and an error anywhere writes nothing.

A column the file does not have leaves the stored value alone; a column the file has but whose cell is
empty sets the value to empty (that is what the file says).
"""

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fabriek.companies.models import Company
from fabriek.core import bounds
from fabriek.core.numbers import is_dutch
from fabriek.core.periods import add_years
from fabriek.imports.columns import (
    COLUMNS,
    OUTFLOW_WORDS,
    PACKAGE_WORDS,
    SOURCE_WORDS,
    Column,
    Kind,
    normalise,
)
from fabriek.imports.parsing import (
    Invalid,
    check_not_formula,
    display,
    is_blank,
    parse_activity_date,
    parse_cents,
    parse_count,
    parse_fte,
    parse_history_date,
    parse_kvk,
    parse_municipality,
    parse_postcode,
    parse_sbi,
    parse_text,
    parse_word,
)
from fabriek.imports.reading import Cell, Formula, Row, Table
from fabriek.imports.results import ImportResult
from fabriek.imports.staging import ObservationStage, StagedRow, observation_stage
from fabriek.metrics.models import Source
from fabriek.participation import rules as stay_rules
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme

#: progress(phase, done, total): phase is "checking" (rows parsed) or "writing" (records written).
Progress = Callable[[str, int, int], None]

CREATE_BATCH = 2000
UPDATE_BATCH = 500
LOOKUP_CHUNK = 500  # keys per IN (...) query; well under every database's parameter limit
PROGRESS_EVERY = 2000
STAGE_BATCH = 5000  # rows per COPY / executemany into the staging table
MEMO_SIZE = 50_000  # parsed values remembered per column

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


@dataclass
class Record:
    """One data row, parsed: `values` holds the file's columns by field name, `raw` the cells as written."""

    line: int
    values: dict[str, Any]
    raw: dict[str, str]
    key: tuple[Any, ...] = ()


class Importer(ABC):
    kind: ClassVar[str]
    key_fields: ClassVar[tuple[str, ...]]

    def __init__(
        self, *, programme: Programme, table: Table, result: ImportResult, progress: Progress | None = None
    ) -> None:
        self.programme = programme
        self.table = table
        self.result = result
        self.progress = progress or _no_progress
        self.columns: tuple[Column, ...] = COLUMNS[self.kind]
        self.index: dict[str, int] = {}
        self.header: dict[str, str] = {}
        self.dutch = False
        self.english = False
        self.to_write = 0

    # -- headers ---------------------------------------------------------------------------------------

    def map_headers(self) -> bool:
        """Find each known column in the header; False (with errors) when a required one is missing."""
        table, result = self.table, self.result
        line = table.header_line
        named = [h for h in table.headers if h]
        if len(named) == 1:
            for separator, label in (("\t", "TAB"), ("|", "|")):
                if separator in named[0]:
                    result.error(
                        line,
                        "",
                        named[0],
                        _("the columns are separated by %(found)s; separate them by commas or semicolons")
                        % {"found": label},
                    )
                    return False
        by_name = {name: column for column in self.columns for name in column.names()}
        for position, header in enumerate(table.headers):
            if not header:
                continue
            column = by_name.get(normalise(header))
            if column is None:
                result.warn(line, header, header, _("this column is not used; its values are ignored"))
                continue
            if column.field in self.index:
                result.error(
                    line,
                    header,
                    header,
                    _("the column %(column)s appears twice (also as %(other)s)")
                    % {"column": column.label(), "other": self.header[column.field]},
                )
                continue
            self.index[column.field] = position
            self.header[column.field] = header
            name = normalise(header)
            language = column.labels_by_language().get(name)
            if name == normalise(column.dutch) and column.english != column.dutch:
                language = "nl"
            elif name == normalise(column.english) and column.english != column.dutch:
                language = "en"
            if language == "nl":
                self.dutch = True
            elif language == "en":
                self.english = True
        for column in self.columns:
            if column.required and column.field not in self.index:
                result.error(
                    line,
                    self.header_of(column.field),
                    "",
                    _("the required column %(column)s is missing; the header has: %(found)s")
                    % {"column": column.label(), "found": ", ".join(named) or _("(nothing)")},
                )
        return result.ok

    @cached_property
    def language(self) -> str:
        """The language the file's numbers are read in: its headers' (Dutch when mixed); without language-
        specific headers, Dutch for a semicolon-separated CSV (what a Dutch Excel writes, because the comma
        is its decimal mark), else the language of the person importing."""
        if self.dutch or (not self.english and self.table.delimiter == ";"):
            return "nl"
        if self.english:
            return "en"
        return "nl" if is_dutch(translation.get_language()) else "en"

    def header_of(self, field_name: str) -> str:
        """The column's header as written in the file, or its name in the file's language if absent."""
        if field_name in self.header:
            return self.header[field_name]
        column = next(c for c in self.columns if c.field == field_name)
        return column.dutch if self.dutch else column.english

    def has(self, field_name: str) -> bool:
        return field_name in self.index

    # -- rows ------------------------------------------------------------------------------------------

    def prepare(self) -> None:  # noqa: B027 - an optional hook, empty by default
        """Read what parsing needs from the database (companies, locations, packages)."""

    @abstractmethod
    def parse_cell(self, field_name: str, cell: Cell) -> Any: ...

    def blank_value(self, field_name: str) -> Any:
        return ""

    def complete(self, values: dict[str, Any]) -> None:  # noqa: B027 - an optional hook, empty by default
        """Fill in values of absent columns that are part of the key."""

    def check_row(self, line: int, values: dict[str, Any], raw: dict[str, str]) -> bool:
        """Rules between the cells of one row; `values` holds only the cells that parsed."""
        return True

    def parse_rows(self) -> list[Record]:
        table, result = self.table, self.result
        width = len(table.headers)
        total = len(table.rows)
        result.rows = total
        records: list[Record] = []
        wanted = [(c, self.index[c.field]) for c in self.columns if c.field in self.index]
        for done, row in enumerate(table.rows, start=1):
            if done % PROGRESS_EVERY == 0:
                self.progress("checking", done, total)
            if table.form == "csv" and not self._has_width(row, width):
                continue
            record = self._parse_row(row, wanted)
            if record is not None:
                records.append(record)
        self.progress("checking", total, total)
        return records

    def _has_width(self, row: Row, width: int) -> bool:
        cells = row.cells
        if len(cells) == width or (len(cells) > width and all(is_blank(c) for c in cells[width:])):
            return True
        quoted = f'"{self.table.delimiter}"'
        if len(cells) < width:
            column = self.table.headers[len(cells)] or _("column %(number)d") % {"number": len(cells) + 1}
            text = _(
                "the header has %(expected)d columns but this line has %(found)d; are all lines separated by "
                "%(delimiter)s?"
            )
        else:
            first_extra = next(i for i in range(width, len(cells)) if not is_blank(cells[i]))
            column = _("column %(number)d") % {"number": first_extra + 1}
            if self.table.delimiter == ",":
                text = _(
                    "the header has %(expected)d columns but this line has %(found)d; a value with a comma (such "
                    "as a decimal comma) must be in quotes, or separate the columns by semicolons"
                )
            else:
                text = _(
                    "the header has %(expected)d columns but this line has %(found)d; a value with %(delimiter)s "
                    "must be in quotes"
                )
        value = self.table.delimiter.join(str(c) for c in cells)
        self.result.error(row.line, column, value, text % {"found": len(cells), "expected": width, "delimiter": quoted})
        return False

    def _parse_row(self, row: Row, wanted: list[tuple[Column, int]]) -> Record | None:
        result = self.result
        ok = True
        values: dict[str, Any] = {}
        raw: dict[str, str] = {}
        for column, position in wanted:
            cell = row.cells[position] if position < len(row.cells) else None
            header = self.header[column.field]
            raw[column.field] = text = display(cell)
            try:
                check_not_formula(cell)
                if is_blank(cell):
                    if column.required:
                        raise Invalid(_("the value is missing; this column is required"))
                    values[column.field] = self.blank_value(column.field)
                else:
                    values[column.field] = self.parse_cell(column.field, cell)
            except Invalid as problem:
                result.error(row.line, header, text if not isinstance(cell, Formula) else cell.text, problem.message)
                ok = False
        ok = self.check_row(row.line, values, raw) and ok
        if not ok:
            return None
        self.complete(values)
        record = Record(row.line, values, raw)
        record.key = tuple(values[f] for f in self.key_fields)
        return record

    # -- checks against each other ---------------------------------------------------------------------

    @abstractmethod
    def key_label(self) -> str: ...

    def deduplicate(self, records: list[Record]) -> list[Record]:
        """One record per key. A row repeated word for word is a warning; a key with other values an error."""
        first_by_key: dict[tuple[Any, ...], Record] = {}
        unique: list[Record] = []
        conflicting: set[tuple[Any, ...]] = set()
        for record in records:
            first = first_by_key.get(record.key)
            if first is None:
                first_by_key[record.key] = record
                unique.append(record)
                continue
            differing = [f for f in record.values if record.values[f] != first.values[f]]
            if not differing:
                self.result.warn(
                    record.line,
                    "",
                    "",
                    _("this line repeats line %(line)d; it is imported once") % {"line": first.line},
                )
                continue
            conflicting.add(record.key)
            for name in differing:
                self.result.error(
                    record.line,
                    self.header_of(name),
                    record.raw.get(name, ""),
                    _("%(value)s differs from %(other)s on line %(line)d, which has the same %(key)s")
                    % {
                        "value": record.raw.get(name) or _("(empty)"),
                        "other": first.raw.get(name) or _("(empty)"),
                        "line": first.line,
                        "key": self.key_label(),
                    },
                )
        return [r for r in unique if r.key not in conflicting]

    # -- the whole run ---------------------------------------------------------------------------------

    def check(self, records: list[Record]) -> None:
        """Check the records against the database and plan the writes (counts, warnings, errors)."""
        raise NotImplementedError

    def write(self) -> None:
        raise NotImplementedError

    def run(self, *, write: bool) -> None:
        if not self.map_headers():
            return
        self.prepare()
        records = self.deduplicate(self.parse_rows())
        self.check(records)
        if write and self.result.ok:
            self.write()

    # -- helpers ---------------------------------------------------------------------------------------

    def validation_errors(self, record: Record, error: ValidationError) -> None:
        """A model's own validation refused a value the parsers let through: report it on the record."""
        for name, messages in error.message_dict.items():
            column = self.header.get(name, "")
            for message in messages:
                self.result.error(record.line, column, record.raw.get(name, ""), message)

    def written(self, done: int) -> None:
        self.progress("writing", done, self.to_write)


# ---------------------------------------------------------------------------------------------------------


class CompanyImporter(Importer):
    """Creates companies (linked to this programme) and updates the ones this programme already holds.

    A KvK number of a company that only other programmes hold is an error: the importer must not change
    that company, nor link it here (which would show this programme its whole history).
    """

    kind = Kind.COMPANIES
    key_fields = ("kvk_number",)
    FIELDS = ("name", "founded_on", "postcode", "municipality_code", "sbi_code")

    def key_label(self) -> str:
        return _("KvK number")

    def parse_cell(self, field_name: str, cell: Cell) -> Any:
        if field_name == "kvk_number":
            return parse_kvk(cell)
        if field_name == "name":
            return parse_text(cell, max_length=200)
        if field_name == "founded_on":
            return parse_history_date(cell)
        if field_name == "postcode":
            return parse_postcode(cell)
        if field_name == "municipality_code":
            return parse_municipality(cell)
        return parse_sbi(cell)

    def blank_value(self, field_name: str) -> Any:
        return None if field_name == "founded_on" else ""

    def check(self, records: list[Record]) -> None:
        result = self.result
        kvks = [r.key[0] for r in records]
        existing: dict[str, Company] = {}
        for chunk in chunks(kvks, LOOKUP_CHUNK):
            existing.update((c.kvk_number, c) for c in Company.objects.filter(kvk_number__in=chunk))
        linked = set(
            Company.programmes.through.objects.filter(programme=self.programme).values_list("company_id", flat=True)
        )
        first_start = dict(
            Participation.objects.filter(programme=self.programme)
            .values("company_id")
            .annotate(first=Min("started_on"))
            .values_list("company_id", "first")
        )
        present = [f for f in self.FIELDS if self.has(f)]
        self.new: list[Company] = []
        self.changed: list[Company] = []
        self.changed_fields: set[str] = set()
        for record in records:
            company = existing.get(record.key[0])
            if company is not None and company.pk not in linked:
                # Another programme's company: this programme may neither change it nor, by linking it, see
                # its records. Sharing it is an administrator's decision; the message names no programme.
                result.error(
                    record.line,
                    self.header["kvk_number"],
                    record.raw["kvk_number"],
                    _(
                        "%(value)s is already registered in another programme; ask an administrator to share "
                        "the company with this programme"
                    )
                    % {"value": record.raw["kvk_number"]},
                )
                continue
            if company is None:
                company = Company(kvk_number=record.key[0], **{f: record.values[f] for f in present})
                outcome = "created"
            else:
                differing = [f for f in present if getattr(company, f) != record.values[f]]
                for name in differing:
                    setattr(company, name, record.values[name])
                self.changed_fields.update(differing)
                outcome = "updated" if differing else "unchanged"
            if outcome != "unchanged":
                try:
                    company.full_clean(validate_unique=False, validate_constraints=False)
                except ValidationError as error:
                    self.validation_errors(record, error)
                    continue
            if outcome == "created":
                self.new.append(company)
            elif outcome == "updated":
                self.changed.append(company)
            setattr(result, outcome, getattr(result, outcome) + 1)
            founded = company.founded_on
            start = first_start.get(company.pk) if company.pk else None
            if founded and start and add_years(founded, 5) < start:
                result.warn(
                    record.line,
                    self.header.get("founded_on", self.header["kvk_number"]),
                    record.raw.get("founded_on", record.raw["kvk_number"]),
                    _(
                        "the company was founded on %(founded)s, more than five years before its first stay "
                        "started on %(start)s"
                    )
                    % {"founded": record.raw.get("founded_on") or founded.isoformat(), "start": start.isoformat()},
                )
        self.to_write = 2 * len(self.new) + len(self.changed)  # a new company is written, then linked

    def write(self) -> None:
        done = 0
        for batch in chunks(self.new, CREATE_BATCH):
            Company.objects.bulk_create(batch)
            done += len(batch)
            self.written(done)
        # Not every database hands back the new primary keys from a bulk insert: read them by KvK number.
        ids: dict[str, int] = {}
        new_kvks = [c.kvk_number for c in self.new]
        for chunk in chunks(new_kvks, LOOKUP_CHUNK):
            ids.update(Company.objects.filter(kvk_number__in=chunk).values_list("kvk_number", "id"))
        for company in self.new:
            company.pk = ids[company.kvk_number]
        if self.changed:
            for batch in chunks(self.changed, UPDATE_BATCH):
                Company.objects.bulk_update(batch, sorted(self.changed_fields))
                done += len(batch)
                self.written(done)
        through = Company.programmes.through
        links = [through(company_id=c.pk, programme_id=self.programme.pk) for c in self.new]
        for link_batch in chunks(links, CREATE_BATCH):
            through.objects.bulk_create(link_batch)
            done += len(link_batch)
            self.written(done)


# ---------------------------------------------------------------------------------------------------------


@dataclass
class Stay:
    """A participation as the overlap check sees it: from the file (with its line) or from the database."""

    start: date
    end: date | None
    line: int | None = None
    start_text: str = ""
    end_text: str = ""

    def describe(self) -> str:
        start = self.start_text or self.start.isoformat()
        if self.end is None:
            return _("from %(start)s without an end date") % {"start": start}
        return _("from %(start)s to %(end)s") % {"start": start, "end": self.end_text or self.end.isoformat()}


class ParticipationImporter(Importer):
    kind = Kind.PARTICIPATIONS
    key_fields = ("kvk_number", "started_on")

    def key_label(self) -> str:
        return _("KvK number and start date")

    def prepare(self) -> None:
        self.companies: dict[str, tuple[int, date | None]] = {
            kvk: (pk, founded)
            for kvk, pk, founded in Company.objects.filter(programmes=self.programme).values_list(
                "kvk_number", "id", "founded_on"
            )
        }
        self.locations = {normalise(loc.name): loc for loc in self.programme.locations.all()}
        self.location_names = ", ".join(sorted(loc.name for loc in self.locations.values()))
        self.packages = {p.kind: p for p in self.programme.packages.all()}

    def parse_cell(self, field_name: str, cell: Cell) -> Any:
        if field_name == "kvk_number":
            return company_id(self.companies, parse_kvk(cell), display(cell))
        if field_name == "location":
            location = self.locations.get(normalise(display(cell)))
            if location is None:
                raise Invalid(
                    _("%(value)s is not a location of this programme; known locations: %(known)s")
                    % {"value": display(cell), "known": self.location_names or _("(none)")}
                )
            return location.pk
        if field_name == "package":
            kind = parse_word(
                cell, words=PACKAGE_WORDS, what=_("package"), expected="fulltime, parttime, network (netwerk)"
            )
            package = self.packages.get(kind)
            if package is None:
                raise Invalid(
                    _("this programme has no %(value)s package; it has: %(known)s")
                    % {
                        "value": display(cell),
                        "known": ", ".join(sorted(self.packages)) or _("(none)"),
                    }
                )
            return package.pk
        if field_name in ("started_on", "ended_on"):
            return parse_activity_date(cell)
        return parse_word(
            cell,
            words=OUTFLOW_WORDS,
            what=_("outflow status"),
            expected="entrepreneur (ondernemer), freelancer (zzp), employed (loondienst), stopped (gestopt)",
        )

    def blank_value(self, field_name: str) -> Any:
        return None if field_name == "ended_on" else ""

    def check_row(self, line: int, values: dict[str, Any], raw: dict[str, str]) -> bool:
        start, end = values.get("started_on"), values.get("ended_on")
        if start is not None and end is not None and end < start:
            self.result.error(
                line,
                self.header["ended_on"],
                raw["ended_on"],
                _("%(value)s is before the start date %(start)s")
                % {"value": raw["ended_on"], "start": raw["started_on"]},
            )
            return False
        return True

    def check(self, records: list[Record]) -> None:
        result = self.result
        stored: dict[tuple[int, date], Participation] = {}
        stays: dict[int, list[Stay]] = defaultdict(list)
        for participation in Participation.objects.filter(programme=self.programme).only(
            "id", "company_id", "location_id", "package_id", "started_on", "ended_on", "outflow_status"
        ):
            stored[(participation.company_id, participation.started_on)] = participation
        in_file = {r.key for r in records}
        for key, participation in stored.items():
            if key not in in_file:  # a stay the file replaces is checked in its new form below
                stays[key[0]].append(Stay(participation.started_on, participation.ended_on))

        self.new: list[Participation] = []
        self.changed: list[Participation] = []
        planned: list[tuple[Record, Participation, str]] = []
        for record in records:
            company, start = record.key
            current = stored.get(record.key)
            values = record.values
            participation = Participation(
                pk=current.pk if current else None,
                company_id=company,
                programme_id=self.programme.pk,
                location_id=values["location"],
                package_id=values["package"],
                started_on=start,
                ended_on=values["ended_on"] if self.has("ended_on") else (current.ended_on if current else None),
                outflow_status=values["outflow_status"]
                if self.has("outflow_status")
                else (current.outflow_status if current else ""),
            )
            if not self._consistent(record, participation):
                continue
            if current is None:
                outcome = "created"
            elif any(
                getattr(current, f) != getattr(participation, f)
                for f in ("location_id", "package_id", "ended_on", "outflow_status")
            ):
                outcome = "updated"
            else:
                outcome = "unchanged"
            if outcome != "unchanged":
                try:
                    participation.full_clean(
                        exclude=["company", "programme", "location", "package"],
                        validate_unique=False,
                        validate_constraints=False,
                    )
                except ValidationError as error:
                    self.validation_errors(record, error)
                    continue
            planned.append((record, participation, outcome))
            stays[company].append(
                Stay(
                    start, participation.ended_on, record.line, record.raw["started_on"], record.raw.get("ended_on", "")
                )
            )

        self._check_overlaps(stays)
        self._warn(planned, stays)
        for _record, participation, outcome in planned:
            if outcome == "created":
                self.new.append(participation)
            elif outcome == "updated":
                self.changed.append(participation)
            setattr(result, outcome, getattr(result, outcome) + 1)
        self.to_write = len(self.new) + len(self.changed)

    def _consistent(self, record: Record, participation: Participation) -> bool:
        """An end needs a status and a status an end; the end is not before the start."""
        end, status = participation.ended_on, participation.outflow_status
        start_text = record.raw["started_on"]
        end_column = self.header_of("ended_on")
        status_column = self.header_of("outflow_status")
        if end is not None and end < participation.started_on:
            self.result.error(
                record.line,
                end_column,
                record.raw.get("ended_on", ""),
                _("%(value)s is before the start date %(start)s")
                % {"value": record.raw.get("ended_on") or end.isoformat(), "start": start_text},
            )
            return False
        if end is not None and not status:
            column = end_column if self.has("ended_on") else status_column
            self.result.error(
                record.line,
                column,
                record.raw.get("ended_on", ""),
                _("the stay ends on %(value)s but has no outflow status (column %(column)s)")
                % {"value": record.raw.get("ended_on") or end.isoformat(), "column": status_column},
            )
            return False
        if end is None and status:
            column = status_column if self.has("outflow_status") else end_column
            self.result.error(
                record.line,
                column,
                record.raw.get("outflow_status", ""),
                _("%(value)s is an outflow status, but the stay has no end date (column %(column)s)")
                % {"value": record.raw.get("outflow_status") or status, "column": end_column},
            )
            return False
        return True

    def _check_overlaps(self, stays: dict[int, list[Stay]]) -> None:
        column = self.header_of("started_on")
        self.overlapping: set[int] = set()
        for company_stays in stays.values():
            if len(company_stays) < 2:
                continue
            company_stays.sort(key=lambda s: (s.start, s.line or 0))
            reaching = company_stays[0]  # the stay so far that reaches furthest
            for stay in company_stays[1:]:
                if stay_rules.stays_overlap((reaching.start, reaching.end), (stay.start, stay.end)):
                    # Report it on a file line: the later stay, unless only the earlier one is in the file.
                    on, other = (stay, reaching) if stay.line is not None else (reaching, stay)
                    assert on.line is not None
                    if other.line is not None:
                        text = _("the stay %(stay)s overlaps the stay %(other)s on line %(line)d") % {
                            "stay": on.describe(),
                            "other": other.describe(),
                            "line": other.line,
                        }
                    else:
                        text = _("the stay %(stay)s overlaps the stay %(other)s already recorded for this company") % {
                            "stay": on.describe(),
                            "other": other.describe(),
                        }
                    self.result.error(on.line, column, on.start_text, text)
                    self.overlapping.add(on.line)
                if stay.end is None or (reaching.end is not None and stay.end > reaching.end):
                    reaching = stay

    def _warn(self, planned: list[tuple[Record, Participation, str]], stays: dict[int, list[Stay]]) -> None:
        today = timezone.localdate()
        founded_by_id = dict(self.companies.values())
        first_line: dict[int, int | None] = {}
        for company, company_stays in stays.items():
            first = min(company_stays, key=lambda s: (s.start, s.line or 0))
            first_line[company] = first.line
        for record, participation, _outcome in planned:
            start, end = participation.started_on, participation.ended_on
            # Clause 6: the form refuses a stay over two years without a reason; an import keeps it with
            # a warning (pinned), and the data-coverage lists show it until a reason is given.
            long_stay = stay_rules.is_long_stay(start, end, today=today)
            if long_stay and end is not None:
                self.result.warn(
                    record.line,
                    self.header_of("ended_on"),
                    record.raw.get("ended_on", ""),
                    _("the stay from %(start)s to %(end)s lasts more than two years")
                    % {"start": record.raw["started_on"], "end": record.raw.get("ended_on") or end.isoformat()},
                )
            elif long_stay:
                self.result.warn(
                    record.line,
                    self.header_of("started_on"),
                    record.raw["started_on"],
                    _("the stay started on %(start)s and has lasted more than two years without an end date")
                    % {"start": record.raw["started_on"]},
                )
            founded = founded_by_id.get(participation.company_id)
            if founded and first_line.get(participation.company_id) == record.line and add_years(founded, 5) < start:
                self.result.warn(
                    record.line,
                    self.header_of("started_on"),
                    record.raw["started_on"],
                    _(
                        "the company was founded on %(founded)s, more than five years before its first stay "
                        "started on %(start)s"
                    )
                    % {"founded": founded.isoformat(), "start": record.raw["started_on"]},
                )

    def write(self) -> None:
        # Updates first: a stay shortened here may make room for a stay created below, and the database
        # checks overlaps row by row. Updates alone never overlap midway, since starts do not change.
        done = 0
        for batch in chunks(self.changed, UPDATE_BATCH):
            Participation.objects.bulk_update(batch, ["location", "package", "ended_on", "outflow_status"])
            done += len(batch)
            self.written(done)
        for batch in chunks(self.new, CREATE_BATCH):
            Participation.objects.bulk_create(batch)
            done += len(batch)
            self.written(done)


def company_id(companies: dict[str, Any], kvk: str, text: str) -> int:
    found = companies.get(kvk)
    if found is None:
        raise Invalid(
            _("no company with KvK number %(value)s in this programme; import it in a companies file first")
            % {"value": text}
        )
    return found[0] if isinstance(found, tuple) else found


# ---------------------------------------------------------------------------------------------------------


class ObservationImporter(Importer):
    kind = Kind.OBSERVATIONS
    key_fields = ("kvk_number", "observed_on", "source")
    FIELDS = ("employees", "interns", "fte", "revenue_cents")

    def key_label(self) -> str:
        return _("KvK number, date and source")

    def prepare(self) -> None:
        self.companies: dict[str, int] = dict(
            Company.objects.filter(programmes=self.programme).values_list("kvk_number", "id")
        )

    def parse_cell(self, field_name: str, cell: Cell) -> Any:
        if field_name == "kvk_number":
            return company_id(self.companies, parse_kvk(cell), display(cell))
        if field_name == "observed_on":
            return parse_history_date(cell)
        if field_name == "employees":
            return parse_count(cell, bounds.EMPLOYEES, language=self.language)
        if field_name == "interns":
            return parse_count(cell, bounds.INTERNS, language=self.language)
        if field_name == "fte":
            return parse_fte(cell, language=self.language)
        if field_name == "revenue_cents":
            return parse_cents(cell, language=self.language)
        return parse_word(
            cell,
            words=SOURCE_WORDS,
            what=_("source"),
            expected="staff, survey, self_report, intake, kvk",
        )

    def blank_value(self, field_name: str) -> Any:
        return {"interns": 0, "fte": None, "revenue_cents": None, "source": Source.STAFF}[field_name]

    def complete(self, values: dict[str, Any]) -> None:
        # Without a source column every figure is the staff's; it is part of the key.
        values.setdefault("source", Source.STAFF)

    def run(self, *, write: bool) -> None:
        """Stream the file instead of keeping it: each row is parsed and checked on its own, the checked rows
        go into a staging table a batch at a time, and the database then compares them with the stored
        figures and writes them in a few statements (`staging`). Memory holds one batch, the programme's
        KvK numbers and one integer per distinct key (for the duplicate check), whatever the file's size.
        """
        if not self.map_headers():
            return
        self.prepare()
        present = [f for f in self.FIELDS if self.has(f)]
        result = self.result
        with observation_stage(self.programme.pk) as stage:
            repeated = self._stage(stage)
            if repeated:
                self._report_repeats(repeated)
            if stage.postgres:
                stage.analyze()
            if write and result.ok:
                self.to_write = stage.staged
                self.written(0)
                created, updated = stage.write(present)
                result.created, result.updated = created, updated
                result.unchanged = stage.staged - created - updated
                self.written(stage.staged)
            else:
                result.created, result.updated, result.unchanged = stage.count(present)

    def _stage(self, stage: ObservationStage) -> set[int]:
        """Parse and check every row, staging the good ones; returns the keys that occur more than once."""
        table = self.table
        width = len(table.headers)
        total = self.result.rows = len(table.rows)
        plan: list[tuple[str, int, dict[str, Any], bool, str]] = [
            (column.field, position, {}, column.required, self.header[column.field])
            for column in self.columns
            if (position := self.index.get(column.field)) is not None
        ]
        # A key packed into one integer (company id, day, source): a set of 2,000,000 of them takes about
        # 150 MB where a set of tuples of objects would take several times that.
        sources = {code: number for number, code in enumerate(Source.values)}
        seen: set[int] = set()
        repeated: set[int] = set()
        batch: list[StagedRow] = []
        is_csv = table.form == "csv"
        for done, row in enumerate(table.rows, start=1):
            if done % PROGRESS_EVERY == 0:
                self.progress("checking", done, total)
            if is_csv and not self._has_width(row, width):
                continue
            values = self._parse_values(row, plan)
            if values is None:
                continue
            company, observed_on = values["kvk_number"], values["observed_on"]
            source = values.get("source", Source.STAFF)
            key = (((company << 20) | observed_on.toordinal()) << 3) | sources[source]
            if key in seen:
                repeated.add(key)  # reported (and imported once, or refused) by `_report_repeats`
                continue
            seen.add(key)
            batch.append(
                (
                    row.line,
                    company,
                    observed_on,
                    source,
                    values["employees"],
                    values.get("interns", 0),
                    values.get("fte"),
                    values.get("revenue_cents"),
                )
            )
            if len(batch) >= STAGE_BATCH:
                stage.add(batch)
                batch = []
        stage.add(batch)
        self.progress("checking", total, total)
        return repeated

    def _parse_values(self, row: Row, plan: list[tuple[str, int, dict[str, Any], bool, str]]) -> dict[str, Any] | None:
        """`_parse_row` without keeping the cells as written: the row's values, or None (errors reported).

        Each column remembers the values of text cells it parsed before (`memo`): a column of 2,000,000 rows
        holds a few hundred dates, sources and FTE values, each parsed once. Errors and blanks are not
        remembered (each row reports its own), and a memo stops growing at MEMO_SIZE values."""
        cells = row.cells
        width = len(cells)
        values: dict[str, Any] = {}
        ok = True
        for field_name, position, memo, required, header in plan:
            cell = cells[position] if position < width else None
            if type(cell) is str:
                known = memo.get(cell)
                if known is not None:
                    values[field_name] = known
                    continue
            try:
                if is_blank(cell):
                    if required:
                        raise Invalid(_("the value is missing; this column is required"))
                    values[field_name] = self.blank_value(field_name)
                    continue
                check_not_formula(cell)
                value = values[field_name] = self.parse_cell(field_name, cell)
                if type(cell) is str and len(memo) < MEMO_SIZE:
                    memo[cell] = value
            except Invalid as problem:
                self.result.error(row.line, header, display(cell), problem.message)
                ok = False
        return values if ok else None

    def _report_repeats(self, repeated: set[int]) -> None:
        """Read the file again for the rows whose key occurs more than once, and report them as every
        importer does (`deduplicate`): a row repeated word for word is a warning, other values an error.
        Only these rows are kept, and errors of other rows (reported already) are not reported twice."""
        sources = {code: number for number, code in enumerate(Source.values)}
        wanted = [(c, self.index[c.field]) for c in self.columns if c.field in self.index]
        width = len(self.table.headers)
        result, quiet = self.result, ImportResult(kind=self.kind, filename=self.result.filename, dry_run=True)
        records: list[Record] = []
        self.result = quiet
        try:
            for row in self.table.rows:
                if self.table.form == "csv" and not self._has_width(row, width):
                    continue
                record = self._parse_row(row, wanted)
                if record is None:
                    continue
                company, observed_on, source = record.key
                if (((company << 20) | observed_on.toordinal()) << 3) | sources[source] in repeated:
                    records.append(record)
        finally:
            self.result = result
        self.deduplicate(records)


IMPORTERS: dict[str, type[Importer]] = {
    Kind.COMPANIES: CompanyImporter,
    Kind.PARTICIPATIONS: ParticipationImporter,
    Kind.OBSERVATIONS: ObservationImporter,
}
