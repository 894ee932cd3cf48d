"""From an uploaded file's bytes to a header and rows of raw cells, whatever form the file has.

The form is told by the content, not the name: an XLSX workbook is a zip archive, anything else must be
text. Text is UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252 (what Dutch Excel
writes for "CSV (gescheiden door lijstscheidingsteken)"). The delimiter is the one of comma and semicolon
that the header line holds most of; an Excel `sep=;` first line is honoured. Nothing here knows about
columns or values: `parsing` and `services` do.

Memory stays bounded whatever the file: a file's uncompressed size (for a workbook: the sizes its zip
archive declares, which Python's zipfile enforces while unpacking) and its number of rows are limited by
the settings IMPORTS_MAX_UNCOMPRESSED_BYTES and IMPORTS_MAX_ROWS, checked before anything is parsed (a
decompression bomb is refused at once) or while counting the rows, which stops at the limit. The rows are
not kept: `Table.rows` reads them again from the file each time it is iterated.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from typing import Any, cast

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and other Office 97 files)
#: Control characters no spreadsheet writes into a CSV: their presence means the file is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_NOT_BLANK = re.compile(rb"[^ \t\r\n]")

#: Defaults of the settings IMPORTS_MAX_UNCOMPRESSED_BYTES and IMPORTS_MAX_ROWS.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 2_000_000


def max_uncompressed_bytes() -> int:
    return int(getattr(settings, "IMPORTS_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "IMPORTS_MAX_ROWS", MAX_ROWS))


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


class Rows:
    """A file's data rows, counted once and read again from the file on each iteration (never all kept)."""

    def __init__(self, count: int, produce: Callable[[], Iterator[Row]]) -> None:
        self.count = count
        self.produce = produce

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Row]:
        return self.produce()

    def __getitem__(self, index: int) -> Row:
        if not 0 <= index < self.count:
            raise IndexError(index)
        return next(islice(self.produce(), index, None))


@dataclass
class Table:
    """A file's header (as written) and its non-blank rows, each with the line it starts on."""

    form: str  # "csv" or "xlsx"
    headers: list[str]
    header_line: int
    rows: Rows
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)  # things worth a warning, e.g. sheets not read


def read_table(filename: str, content: bytes) -> Table:
    """Read `content`; raises FileProblem when it is not a CSV or XLSX file with a header, or is too big."""
    start = len(codecs.BOM_UTF8) if content.startswith(codecs.BOM_UTF8) else 0
    if not _NOT_BLANK.search(content, start):
        raise FileProblem(_("the file is empty"))
    if content.startswith(XLSX_MAGIC):
        _check_unpacked_size(content)
        return _read_xlsx(content)
    if content.startswith(OLE_MAGIC):
        raise FileProblem(_("this is an old Excel (.xls) file; save it as .xlsx or as CSV and upload that"))
    if filename.lower().endswith(".xlsx"):
        raise FileProblem(_("the file is named .xlsx but is not an Excel workbook"))
    _check_size(len(content))
    return _read_csv(_decode(content))


def _check_size(size: int, *, unpacked: bool = False) -> None:
    limit = max_uncompressed_bytes()
    if size > limit:
        message = (
            _("the workbook unpacks to %(size)s, more than the %(limit)s a file may hold; split it into smaller files")
            if unpacked
            else _("the file is %(size)s, more than the %(limit)s a file may hold; split it into smaller files")
        )
        raise FileProblem(message % {"size": filesizeformat(size), "limit": filesizeformat(limit)})


def _too_many_rows(line: int) -> FileProblem:
    return FileProblem(
        _("the file has more than %(limit)s rows; split it into smaller files")
        % {"limit": number_format(max_rows(), force_grouping=True)},
        line=line,
    )


def _check_unpacked_size(content: bytes) -> None:
    """A workbook is a zip archive: the sizes it declares bound what unpacking it can produce (zipfile stops
    at the declared size), so a decompression bomb is refused here, before a byte of it is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem(_("the file cannot be read as an Excel workbook (%(reason)s)") % {"reason": error}) from None
    _check_size(unpacked, unpacked=True)


def _decode(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(
            _('the file is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8" or "CSV" and upload that')
        )
    if b"\x00" in content:
        raise FileProblem(_("this is not a text file (it holds binary data); upload a CSV or XLSX file"))
    try:
        # str() of a memoryview decodes without first copying the bytes after the BOM
        text = (
            str(memoryview(content)[len(codecs.BOM_UTF8) :], "utf-8") if content.startswith(codecs.BOM_UTF8) else None
        )
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


def _lines(text: str, start: int = 0, piece: int = 1 << 20) -> Iterator[str]:
    """text[start:].splitlines(keepends=True), a piece of the text at a time rather than all lines at once."""
    carry, position, size = "", start, len(text)
    while position < size:
        end = min(position + max(piece, 2 * len(carry)), size)
        lines = (carry + text[position:end]).splitlines(keepends=True)
        position = end
        # The last line may go on in the next piece (or be a "\r" whose "\n" is there): split it again then.
        carry = lines.pop() if position < size and lines else ""
        yield from lines


def _read_csv(text: str) -> Table:
    first_line = 1
    offset = 0  # where line `first_line` starts in text
    delimiter = ""
    lines = _lines(text)

    def skip_blank() -> str | None:
        nonlocal first_line, offset
        for line in lines:
            if line.strip():
                return line
            first_line += 1
            offset += len(line)
        return None

    # Skip blank lines before the header, and Excel's "sep=;" hint line.
    header_text = skip_blank()
    if header_text is not None:
        hint = _SEP_LINE.match(header_text)
        if hint:
            delimiter = hint.group(1)
            first_line += 1
            offset += len(header_text)
            header_text = skip_blank()
    if header_text is None:
        raise FileProblem(_("the file is empty"))
    if not delimiter:
        delimiter = ";" if header_text.count(";") > header_text.count(",") else ","

    def records() -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of every record from the header on; the first is the header."""
        reader = csv.reader(_lines(text, offset), delimiter=delimiter, strict=True)
        consumed = 0
        try:
            for record in reader:
                line = first_line + consumed
                consumed = reader.line_num
                yield line, record
        except csv.Error as error:
            raise FileProblem(
                _("the line cannot be read as CSV (%(reason)s); check its quotes") % {"reason": error},
                line=first_line + consumed,
            ) from None

    def data_rows() -> Iterator[Row]:
        stream = records()
        next(stream)
        for line, record in stream:
            if any(map(str.strip, record)):
                yield Row(line, cast(list[Cell], record))

    # One pass to read the header, find unreadable lines and count the rows (stopping at the limit); as plain
    # as it can be, it is the whole cost of refusing a file that is too long.
    reader = csv.reader(_lines(text, offset), delimiter=delimiter, strict=True)
    limit, count, before = max_rows(), 0, 0
    try:
        headers = [cell.strip() for cell in next(reader)]
        before = reader.line_num
        for record in reader:
            if any(map(str.strip, record)):
                count += 1
                if count > limit:
                    raise _too_many_rows(first_line + before)
            before = reader.line_num
    except csv.Error as error:
        raise FileProblem(
            _("the line cannot be read as CSV (%(reason)s); check its quotes") % {"reason": error},
            line=first_line + before,
        ) from None
    rows = Rows(count, data_rows)
    return Table(form="csv", headers=headers, header_line=first_line, rows=rows, delimiter=delimiter)


def _xlsx_records(content: bytes) -> Iterator[tuple[int, list[Cell], Any]]:
    """(line, values, sheet) of every non-blank row of the first sheet; the first is the header."""
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
        for index, cells in enumerate(sheet.iter_rows(), start=1):
            line = next((c.row for c in cells if getattr(c, "row", None)), index)
            values = [_xlsx_value(c) for c in cells]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield line, values, workbook
    finally:
        workbook.close()


def _read_xlsx(content: bytes) -> Table:
    # One pass to read the header and count the rows (stopping at the limit); the rows are read again later.
    headers: list[str] | None = None
    header_line = 0
    notes: list[str] = []
    limit, count = max_rows(), 0
    for line, values, workbook in _xlsx_records(content):
        if headers is None:
            headers = ["" if v is None else str(v).strip() for v in values]
            header_line = line
            sheets = workbook.worksheets
            if len(sheets) > 1:
                notes.append(
                    _("only the first sheet (%(sheet)s) was read; the workbook has %(count)d sheets")
                    % {"sheet": sheets[0].title, "count": len(sheets)}
                )
            continue
        count += 1
        if count > limit:
            raise _too_many_rows(line)
    if headers is None:
        raise FileProblem(_("the file is empty"))
    # Trailing header cells that are empty are not columns (Excel often reports a wider sheet).
    while headers and not headers[-1]:
        headers.pop()

    def data_rows() -> Iterator[Row]:
        stream = _xlsx_records(content)
        next(stream)
        for line, values, _workbook in stream:
            yield Row(line, values)

    return Table(form="xlsx", headers=headers, header_line=header_line, rows=Rows(count, data_rows), notes=notes)


def _xlsx_value(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    if isinstance(value, str | int | float | bool | date | datetime | time):
        return value
    return str(value)
