"""The malformed corpus, continued: files too big to commit, made here. A decompression bomb (an xlsx of a
couple of MB that unpacks to 1.2 GB) and CSV files over the row and size limits are refused whole, at
once, with a message that says what to do, and nothing is written.
"""

import struct
import time
import zlib

import pytest

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.reading import MAX_ROWS, MAX_UNCOMPRESSED_BYTES, read_table
from fabriek.imports.tests.helpers import build_programme, errors, row_counts, run

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>kvk_number</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>observed_on</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>employees</t></is></c></row>'
)
SHEET_ROW = (
    b'<row><c t="inlineStr"><is><t>11111111</t></is></c><c t="inlineStr"><is><t>2020-01-01</t></is></c>'
    b"<c><v>3</v></c></row>"
)
SHEET_TAIL = b"</sheetData></worksheet>"

WORKBOOK_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/'
    b'xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"'
    b"/></Types>",
    "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    b'<sheet name="observations" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of (name, deflated data, crc32, unpacked size) members, written by hand because the
    standard library cannot store data that is already compressed."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def decompression_bomb(unpacked: int) -> bytes:
    """A valid xlsx whose one sheet unpacks to `unpacked` bytes of rows. The deflate stream of a block of
    rows after a full flush does not depend on what came before, so it is made once and repeated."""
    block = SHEET_ROW * 10_000
    repeats = unpacked // len(block) + 1
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(SHEET_HEAD) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH) == middle
    tail = compressor.compress(SHEET_TAIL) + compressor.flush()
    crc = zlib.crc32(SHEET_HEAD)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(SHEET_TAIL, crc)
    size = len(SHEET_HEAD) + repeats * len(block) + len(SHEET_TAIL)
    sheet = ("xl/worksheets/sheet1.xml", head + middle * repeats + tail, crc, size)
    return _zip([(name, *_deflated(data)) for name, data in WORKBOOK_PARTS.items()] + [sheet])


def test_the_hand_made_workbook_is_a_real_xlsx() -> None:
    """The bomb's construction is sound: the same workbook, small, reads as a sheet with its rows."""
    table = read_table("small.xlsx", decompression_bomb(100_000))
    assert table.headers == ["kvk_number", "observed_on", "employees"]
    assert len(table.rows) == 10_000
    assert table.rows[0].cells == ["11111111", "2020-01-01", 3]


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_at_once_and_writes_nothing() -> None:
    programme = build_programme()
    CompanyFactory(kvk_number="11111111").programmes.add(programme)
    bomb = decompression_bomb(1_200_000_000)
    assert len(bomb) < 5_000_000
    before = row_counts()
    began = time.monotonic()
    result = run(programme, "observations", bomb, filename="bomb.xlsx")
    # Not a timing assertion on speed, but on not unpacking: 1.2 GB cannot be read in this time.
    assert time.monotonic() - began < 5
    assert errors(result) == [
        "bomb.xlsx:1: the workbook unpacks to 1.1\xa0GB, more than the 200.0\xa0MB a file may hold; split it into "
        "smaller files"
    ]
    assert not result.applied
    assert row_counts() == before


@pytest.mark.django_db
def test_a_csv_over_the_row_limit_is_refused_whole_and_writes_nothing() -> None:
    programme = build_programme()
    CompanyFactory(kvk_number="11111111").programmes.add(programme)
    # 2,000,001 rows, each a real observation (about 40 MB); the limit is the default one.
    content = b"kvk_number,observed_on,employees\n" + b"11111111,2020-01-01,3\n" * (MAX_ROWS + 1)
    before = row_counts()
    result = run(programme, "observations", content, filename="huge.csv")
    assert errors(result) == ["huge.csv:2000002: the file has more than 2,000,000 rows; split it into smaller files"]
    assert not result.applied
    assert row_counts() == before


@pytest.mark.django_db
def test_a_csv_over_the_size_limit_is_refused_before_it_is_parsed(settings: object) -> None:
    settings.IMPORTS_MAX_UNCOMPRESSED_BYTES = 1_000_000  # type: ignore[attr-defined]
    programme = build_programme()
    content = b"kvk_number,name\n" + b'11111111,"unclosed\n' * 60_000  # unreadable too, but never parsed
    before = row_counts()
    result = run(programme, "companies", content, filename="big.csv")
    assert errors(result) == [
        "big.csv:1: the file is 1.1\xa0MB, more than the 976.6\xa0KB a file may hold; split it into smaller files"
    ]
    assert row_counts() == before


def test_the_limits_default_to_200_mb_and_2_million_rows() -> None:
    assert (MAX_UNCOMPRESSED_BYTES, MAX_ROWS) == (200 * 1024 * 1024, 2_000_000)
