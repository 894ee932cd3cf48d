from datetime import date, datetime
from decimal import Decimal

import pytest

from fabriek.core import bounds
from fabriek.imports.columns import OUTFLOW_WORDS, PACKAGE_WORDS, SOURCE_WORDS, normalise
from fabriek.imports.parsing import (
    Invalid,
    display,
    parse_cents,
    parse_count,
    parse_date,
    parse_fte,
    parse_kvk,
    parse_municipality,
    parse_number,
    parse_postcode,
    parse_sbi,
    parse_word,
)


def message(parser, cell) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid) as caught:
        parser(cell)
    return caught.value.message


@pytest.mark.parametrize("header", ["KvK-nummer", "kvk_nummer", "KVK NUMMER", " kvk nummer ", "Kvk__Nummer"])
def test_headers_match_without_case_spaces_hyphens_or_underscores(header: str) -> None:
    assert normalise(header) == "kvknummer"


@pytest.mark.parametrize("cell", ["61103753", " 6110 3753 ", 61103753, 61103753.0])
def test_a_kvk_number_is_eight_digits_from_text_or_a_number_cell(cell: object) -> None:
    assert parse_kvk(cell) == "61103753"  # type: ignore[arg-type]


def test_a_seven_digit_kvk_number_is_refused_with_advice_about_the_lost_leading_zero() -> None:
    assert message(parse_kvk, 1234567) == (
        "1234567 is not a KvK number: it has 7 digits, a KvK number has 8 (if a spreadsheet dropped a leading "
        "zero, format the column as text and type the number again)"
    )


@pytest.mark.parametrize("cell", ["123456789", "1234567A", "KvK 12345678", 1234567.5])
def test_other_kvk_numbers_are_refused(cell: object) -> None:
    assert message(parse_kvk, cell).endswith("is not a KvK number (8 digits)")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2017-04-07", date(2017, 4, 7)),
        ("07-04-2017", date(2017, 4, 7)),
        ("7-4-2017", date(2017, 4, 7)),
        ("2017-04-07 00:00:00", date(2017, 4, 7)),
        (datetime(2017, 4, 7), date(2017, 4, 7)),
        (date(2016, 2, 29), date(2016, 2, 29)),
    ],
)
def test_dates_are_iso_or_day_month_year_or_date_cells(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected  # type: ignore[arg-type]


def test_an_impossible_date_is_refused() -> None:
    assert message(parse_date, "29-02-2017") == "29-02-2017 is not a date that exists"


def test_a_date_in_another_format_is_refused() -> None:
    assert message(parse_date, "04/07/2017") == "04/07/2017 is not a date (write yyyy-mm-dd or dd-mm-yyyy)"


def test_a_number_in_a_date_cell_is_refused() -> None:
    assert message(parse_date, 42832) == "42832 is a number, not a date; format the cell as a date"


def test_a_date_outside_1900_to_2199_is_refused() -> None:
    assert message(parse_date, "01-01-0217") == "01-01-0217 is not a plausible date (years 1900 to 2199)"


@pytest.mark.parametrize(
    ("cell", "language", "expected"),
    [
        ("3,6", "nl", Decimal("3.6")),
        ("3.6", "en", Decimal("3.6")),
        ("3.6", "nl", Decimal("3.6")),  # a dot before one digit cannot group thousands
        ("1.286.007", "nl", Decimal("1286007")),
        ("125.000", "nl", Decimal("125000")),  # a Dutch file's "125.000" is 125000, not 125
        ("1,286,007", "en", Decimal("1286007")),
        ("1.286.007,50", "nl", Decimal("1286007.50")),
        ("1,286,007.50", "en", Decimal("1286007.50")),
        ("1 286 007", "nl", Decimal("1286007")),
        (3.6, "nl", Decimal("3.6")),  # number cells of a workbook need no reading
        (5, "en", Decimal("5")),
    ],
)
def test_numbers_are_read_in_the_files_language(cell: object, language: str, expected: Decimal) -> None:
    assert parse_number(cell, language=language) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["vijf", "1.2.3,4,5", "12.34,5", "3,6,", "", True])
def test_text_is_not_a_number(cell: object) -> None:
    assert message(lambda c: parse_number(c, language="nl"), cell).endswith("is not a number")


def test_a_value_with_two_readings_is_refused_naming_both() -> None:
    assert message(lambda c: parse_cents(c, language="nl"), "1,250") == (
        "1,250 can be read two ways: in Dutch the comma marks decimals, but it may be meant to group thousands; "
        "write 1,25 or 1.250"
    )
    assert message(lambda c: parse_count(c, bounds.EMPLOYEES, language="en"), "1.250") == (
        "1.250 can be read two ways: in English the point marks decimals, but it may be meant to group thousands; "
        "write 1.25 or 1,250"
    )


def test_a_negative_number_is_refused() -> None:
    assert message(lambda c: parse_count(c, bounds.EMPLOYEES, language="nl"), "-3") == (
        "-3 is negative; it must be 0 or more"
    )


def test_a_count_is_a_whole_number() -> None:
    assert parse_count("5,0", bounds.EMPLOYEES, language="nl") == 5
    assert message(lambda c: parse_count(c, bounds.EMPLOYEES, language="nl"), "2,5") == "2,5 is not a whole number"


def test_a_count_beyond_its_bound_is_refused() -> None:
    assert message(lambda c: parse_count(c, bounds.EMPLOYEES, language="nl"), "100.001") == (
        "100.001 is outside the plausible range 0 to 100,000"
    )


def test_fte_keeps_two_decimals_and_refuses_more() -> None:
    assert parse_fte("3,6", language="nl") == Decimal("3.60")
    assert message(lambda c: parse_fte(c, language="nl"), "0,625") == "0,625 has more than two decimals"


def test_revenue_becomes_exact_cents() -> None:
    assert parse_cents("1286007", language="nl") == 128600700
    assert parse_cents("1.286.007,55", language="nl") == 128600755
    assert parse_cents("€ 1.250", language="nl") == 125000
    assert parse_cents("EUR 1,250.50", language="en") == 125050
    assert parse_cents("-1.250", language="nl") == -125000  # revenue may be negative (core.bounds)
    assert parse_cents(0.1, language="en") == 10
    assert parse_cents("0,07", language="nl") == 7


def test_revenue_that_is_not_whole_cents_is_refused() -> None:
    assert message(lambda c: parse_cents(c, language="nl"), "1,2345") == (
        "1,2345 has more than two decimals; an amount in euros goes down to whole cents"
    )


def test_words_are_english_or_dutch() -> None:
    assert parse_word("Netwerk", words=PACKAGE_WORDS, what="package", expected="") == "network"
    assert parse_word("ZZP-er", words=OUTFLOW_WORDS, what="status", expected="") == "freelancer"
    assert parse_word("in loondienst", words=OUTFLOW_WORDS, what="status", expected="") == "employed"
    assert parse_word("self_report", words=SOURCE_WORDS, what="source", expected="") == "self_report"


def test_an_unknown_word_lists_the_known_ones() -> None:
    with pytest.raises(Invalid) as caught:
        parse_word("premium", words=PACKAGE_WORDS, what="package", expected="fulltime, parttime, network")
    assert caught.value.message == "premium is not a known package; use one of fulltime, parttime, network"


def test_postcodes_are_stored_as_four_digits_a_space_and_two_capitals() -> None:
    assert parse_postcode("9401ab") == "9401 AB"
    assert message(parse_postcode, "0401 AB") == "0401 AB is not a Dutch postcode (like 9401 AB)"


def test_a_municipality_is_a_cbs_code_or_a_drenthe_name() -> None:
    assert parse_municipality("gm0106") == "GM0106"
    assert parse_municipality("Midden-Drenthe") == "GM1731"
    assert parse_municipality("aa en hunze") == "GM1680"
    assert message(parse_municipality, "Zwolle") == (
        "Zwolle is not a CBS municipality code (like GM0106) or the name of a municipality in Drenthe"
    )


def test_sbi_codes_lose_their_dots() -> None:
    assert parse_sbi("62.01") == "6201"
    assert message(parse_sbi, "6") == "6 is not an SBI code (2 to 5 digits)"


def test_cells_are_quoted_as_the_spreadsheet_shows_them() -> None:
    assert display(3.6) == "3.6"
    assert display(5.0) == "5"
    assert display(datetime(2017, 4, 7)) == "2017-04-07"
    assert display(None) == ""
    assert display("  Assen ") == "Assen"
