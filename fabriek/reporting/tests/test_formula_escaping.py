"""Formula escaping in the CSV and XLSX exports also catches what spreadsheets skip before the formula sign
(spaces, line breaks) and control characters, which XLSX cannot even hold."""

import pytest
from openpyxl import Workbook

from fabriek.reporting.exporters import escape_cell


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("  =1+1", "'  =1+1"),
        ('\n=HYPERLINK("http://x")', '\'\n=HYPERLINK("http://x")'),
        ("\r\n+31 6", "'\r\n+31 6"),
        (" \t-2", "' \t-2"),
        ("\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"),
        ("\x00=1", "\ufffd=1"),  # the control character becomes visible, so the formula sign is not first
        ("Acme\x07 BV", "Acme\ufffd BV"),  # control characters become visible, the name stays
        ("  Acme", "  Acme"),
        ("Acme - Assen", "Acme - Assen"),
    ],
)
def test_blanks_and_control_characters_before_a_formula_are_escaped(text: str, escaped: str) -> None:
    assert escape_cell(text) == escaped


def test_an_escaped_cell_fits_in_a_workbook() -> None:
    sheet = Workbook().active
    sheet["A1"] = escape_cell("\x01\x1f=1")  # openpyxl refuses control characters outright

    assert sheet["A1"].value == "\ufffd\ufffd=1"
