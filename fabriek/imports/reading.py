"""From an uploaded file's bytes to a header and rows of raw cells, whatever form the file has.

The form is told by the content, not the name: an XLSX workbook is a zip archive, anything else must be
text. Text is UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252 (what Dutch Excel
writes for "CSV (gescheiden door lijstscheidingsteken)"). The delimiter is the one of comma and semicolon
that the header line holds most of; an Excel `sep=;` first line is honoured. Nothing here knows about
columns or values: `parsing` and `services` do.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and other Office 97 files)
#: Control characters no spreadsheet writes into a CSV: their presence means the file is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


class FileProblem(Exception):
    """The file as a whole cannot be read; `line` is where reading stopped (1 when it never started)."""

    def __init__(self, message: str, line: int = 1, column: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Formula:
    """An XLSX cell that holds a formula instead of a value."""

    text: str

    def __str__(self) -> str:
        return self.text


Cell = str | int | float | bool | date | datetime | time | Formula | None


@dataclass
class Row:
    line: int
    cells: list[Cell]


@dataclass
class Table:
    """A file's header (as written) and its non-blank rows, each with the line it starts on."""

    form: str  # "csv" or "xlsx"
    headers: list[str]
    header_line: int
    rows: list[Row]
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)  # things worth a warning, e.g. sheets not read


def read_table(filename: str, content: bytes) -> Table:
    """Read `content`; raises FileProblem when it is not a CSV or XLSX file with a header."""
    if not content.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise FileProblem(_("the file is empty"))
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    if content.startswith(OLE_MAGIC):
        raise FileProblem(_("this is an old Excel (.xls) file; save it as .xlsx or as CSV and upload that"))
    if filename.lower().endswith(".xlsx"):
        raise FileProblem(_("the file is named .xlsx but is not an Excel workbook"))
    return _read_csv(_decode(content))


def _decode(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(
            _('the file is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8" or "CSV" and upload that')
        )
    if b"\x00" in content:
        raise FileProblem(_("this is not a text file (it holds binary data); upload a CSV or XLSX file"))
    try:
        text = content[len(codecs.BOM_UTF8) :].decode("utf-8") if content.startswith(codecs.BOM_UTF8) else None
        if text is None:
            text = content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise FileProblem(
                _("this is not a text file in UTF-8 or Windows-1252; upload a CSV or XLSX file"),
                line=content[: error.start].count(b"\n") + 1,
            ) from None
    control = _CONTROL.search(text)
    if control:
        raise FileProblem(
            _("this is not a text file (it holds control characters); upload a CSV or XLSX file"),
            line=text[: control.start()].count("\n") + 1,
        )
    return text


def _read_csv(text: str) -> Table:
    lines = text.splitlines(keepends=True)
    first_line = 1
    delimiter = ""
    # Skip blank lines before the header, and Excel's "sep=;" hint line.
    while first_line <= len(lines) and not lines[first_line - 1].strip():
        first_line += 1
    if first_line <= len(lines):
        hint = _SEP_LINE.match(lines[first_line - 1])
        if hint:
            delimiter = hint.group(1)
            first_line += 1
    while first_line <= len(lines) and not lines[first_line - 1].strip():
        first_line += 1
    if first_line > len(lines):
        raise FileProblem(_("the file is empty"))
    header_text = lines[first_line - 1]
    if not delimiter:
        delimiter = ";" if header_text.count(";") > header_text.count(",") else ","

    reader = csv.reader(iter(lines[first_line - 1 :]), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    headers: list[str] | None = None
    consumed = 0
    try:
        for record in reader:
            line = first_line + consumed
            consumed = reader.line_num
            if headers is None:
                headers = [cell.strip() for cell in record]
                continue
            if not any(cell.strip() for cell in record):
                continue
            rows.append(Row(line, list(record)))
    except csv.Error as error:
        raise FileProblem(
            _("the line cannot be read as CSV (%(reason)s); check its quotes") % {"reason": error},
            line=first_line + consumed,
        ) from None
    assert headers is not None
    return Table(form="csv", headers=headers, header_line=first_line, rows=rows, delimiter=delimiter)


def _read_xlsx(content: bytes) -> Table:
    import openpyxl  # imported here: reading CSV files should not pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileProblem(_("the file cannot be read as an Excel workbook (%(reason)s)") % {"reason": error}) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise FileProblem(_("the workbook has no sheets"))
        sheet = sheets[0]
        headers: list[str] | None = None
        header_line = 0
        rows: list[Row] = []
        for index, cells in enumerate(sheet.iter_rows(), start=1):
            line = next((c.row for c in cells if getattr(c, "row", None)), index)
            values = [_xlsx_value(c) for c in cells]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if headers is None:
                headers = ["" if v is None else str(v).strip() for v in values]
                header_line = line
                continue
            rows.append(Row(line, values))
        if headers is None:
            raise FileProblem(_("the file is empty"))
        notes = []
        if len(sheets) > 1:
            notes.append(
                _("only the first sheet (%(sheet)s) was read; the workbook has %(count)d sheets")
                % {"sheet": sheet.title, "count": len(sheets)}
            )
        # Trailing header cells that are empty are not columns (Excel often reports a wider sheet).
        while headers and not headers[-1]:
            headers.pop()
        return Table(form="xlsx", headers=headers, header_line=header_line, rows=rows, notes=notes)
    finally:
        workbook.close()


def _xlsx_value(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    if isinstance(value, str | int | float | bool | date | datetime | time):
        return value
    return str(value)
