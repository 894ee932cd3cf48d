import io
from datetime import datetime

import openpyxl
import pytest

from fabriek.imports.reading import FileProblem, Formula, read_table


def xlsx(rows: list[list[object]], extra_sheet: bool = False) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("Notes")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_comma_separated_utf8_file_is_read_with_its_line_numbers() -> None:
    table = read_table("c.csv", b"kvk_number,name\n61103753,Caf\xc3\xa9 Eelde\n\n58658147,Aa\n")
    assert table.delimiter == ","
    assert table.headers == ["kvk_number", "name"]
    assert [(r.line, r.cells) for r in table.rows] == [(2, ["61103753", "Café Eelde"]), (4, ["58658147", "Aa"])]


def test_a_semicolon_file_with_a_bom_and_crlf_is_read() -> None:
    table = read_table("c.csv", b"\xef\xbb\xbfkvk_nummer;naam\r\n61103753;Caf\xc3\xa9\r\n")
    assert table.delimiter == ";"
    assert table.headers == ["kvk_nummer", "naam"]
    assert table.rows[0].cells == ["61103753", "Café"]


def test_windows_1252_is_read_when_the_file_is_not_utf8() -> None:
    table = read_table("c.csv", "kvk_nummer;naam\n61103753;Café Hünze\n".encode("cp1252"))
    assert table.rows[0].cells == ["61103753", "Café Hünze"]


def test_excels_sep_line_sets_the_delimiter_and_moves_the_header_to_line_2() -> None:
    table = read_table("c.csv", b"sep=,\nkvk_nummer,naam;x\n61103753,A;B\n")
    assert table.delimiter == ","
    assert table.header_line == 2
    assert [(r.line, r.cells) for r in table.rows] == [(3, ["61103753", "A;B"])]


def test_a_quoted_value_over_two_lines_keeps_the_line_it_starts_on() -> None:
    table = read_table("c.csv", b'kvk_number,name\n11111111,"A\nB"\n22222222,C\n')
    assert [(r.line, r.cells) for r in table.rows] == [(2, ["11111111", "A\nB"]), (4, ["22222222", "C"])]


def test_an_unclosed_quote_names_the_line_it_starts_on() -> None:
    with pytest.raises(FileProblem) as caught:
        read_table("c.csv", b'kvk_number,name\n11111111,A\n22222222,"B\n')
    assert caught.value.line == 3
    assert caught.value.message == "the line cannot be read as CSV (unexpected end of data); check its quotes"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_a_problem(content: bytes) -> None:
    with pytest.raises(FileProblem) as caught:
        read_table("c.csv", content)
    assert caught.value.message == "the file is empty"


def test_binary_data_is_a_problem() -> None:
    with pytest.raises(FileProblem) as caught:
        read_table("c.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert caught.value.message == "this is not a text file (it holds binary data); upload a CSV or XLSX file"


def test_an_xlsx_sheet_is_read_with_date_and_number_cells() -> None:
    table = read_table("o.xlsx", xlsx([["kvk_nummer", "datum", "fte"], ["61103753", datetime(2017, 8, 20), 3.6]]))
    assert table.form == "xlsx"
    assert table.headers == ["kvk_nummer", "datum", "fte"]
    assert [(r.line, r.cells) for r in table.rows] == [(2, ["61103753", datetime(2017, 8, 20), 3.6])]


def test_an_xlsx_formula_is_kept_as_a_formula() -> None:
    table = read_table("o.xlsx", xlsx([["employees"], ["=1+2"]]))
    assert table.rows[0].cells == [Formula("=1+2")]


def test_only_the_first_sheet_is_read_and_that_is_noted() -> None:
    table = read_table("o.xlsx", xlsx([["kvk_number"], ["61103753"]], extra_sheet=True))
    assert table.notes == ["only the first sheet (Sheet) was read; the workbook has 2 sheets"]


def test_a_file_named_xlsx_that_is_not_a_workbook_is_a_problem() -> None:
    with pytest.raises(FileProblem) as caught:
        read_table("o.xlsx", b"kvk_number\n61103753\n")
    assert caught.value.message == "the file is named .xlsx but is not an Excel workbook"


def test_a_broken_zip_is_a_problem() -> None:
    with pytest.raises(FileProblem) as caught:
        read_table("o.xlsx", b"PK\x03\x04garbage")
    assert caught.value.message.startswith("the file cannot be read as an Excel workbook")
