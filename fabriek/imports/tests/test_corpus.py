"""The malformed corpus: every file in corpus/ is refused with exactly these errors and writes nothing.

Each error names the file, the line (the header is line 1) and, when a cell is at fault, the column as
written in the file's header. Problems with the file as a whole (empty, binary, wrong encoding, unreadable
quotes) name the line where reading stopped and no column. The database holds three companies of the
programme (11111111, 22222222, 33333333; the last with a stay in 2016) and one company of another
programme (99999999).
"""

import datetime
from pathlib import Path

import pytest

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.tests.helpers import build_programme, errors, row_counts, run
from fabriek.participation.models import OutflowStatus
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import Programme

CORPUS = Path(__file__).parent / "corpus"

EXPECTED: dict[str, list[str]] = {
    "companies_bad_kvk.csv": ["companies_bad_kvk.csv:2:kvk_number: 1234567A is not a KvK number (8 digits)"],
    "companies_bad_postcode.csv": [
        "companies_bad_postcode.csv:2:postcode: 94011 AB is not a Dutch postcode (like 9401 AB)"
    ],
    "companies_binary.csv": [
        "companies_binary.csv:1: this is not a text file (it holds binary data); upload a CSV or XLSX file"
    ],
    "companies_conflicting_duplicate.csv": [
        "companies_conflicting_duplicate.csv:4:name: A Holding BV differs from A BV on line 2, which has the same "
        "KvK number"
    ],
    "companies_duplicate_column.csv": [
        "companies_duplicate_column.csv:1:kvk_nummer: the column kvk_number / kvk_nummer appears twice (also as "
        "kvk_number)"
    ],
    "companies_empty.csv": ["companies_empty.csv:1: the file is empty"],
    "companies_empty_name.csv": ["companies_empty_name.csv:2:name: the value is missing; this column is required"],
    "companies_other_programme.csv": [
        "companies_other_programme.csv:3:kvk_number: 99999999 is already registered in another programme; ask an "
        "administrator to share the company with this programme"
    ],
    "companies_header_only.csv": ["companies_header_only.csv:1: the file has a header but no rows below it"],
    "companies_impossible_founding_date.csv": [
        "companies_impossible_founding_date.csv:2:opgericht_op: 31-04-2016 is not a date that exists"
    ],
    "companies_kvk_lost_leading_zero.csv": [
        "companies_kvk_lost_leading_zero.csv:3:kvk_number: 1234567 is not a KvK number: it has 7 digits, a KvK "
        "number has 8 (if a spreadsheet dropped a leading zero, format the column as text and type the number "
        "again)"
    ],
    "companies_missing_column.csv": [
        "companies_missing_column.csv:1:name: the required column name / naam is missing; the header has: "
        "kvk_number, founded_on"
    ],
    "companies_old_excel.xls": [
        "companies_old_excel.xls:1: this is an old Excel (.xls) file; save it as .xlsx or as CSV and upload that"
    ],
    "companies_rows_with_commas.csv": [
        "companies_rows_with_commas.csv:3:naam: the header has 3 columns but this line has 1; are all lines "
        'separated by ";"?'
    ],
    "companies_tab_separated.csv": [
        "companies_tab_separated.csv:1: the columns are separated by TAB; separate them by commas or semicolons"
    ],
    "companies_utf16.csv": [
        'companies_utf16.csv:1: the file is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8" or "CSV" '
        "and upload that"
    ],
    "companies_windows_1252_bad_kvk.csv": [
        "companies_windows_1252_bad_kvk.csv:3:kvk_nummer: 2222222X is not a KvK number (8 digits)"
    ],
    # Dutch headers, so Dutch numbers: "125.000" is 125000, but "1,250" could be 1,25 or 1.250 (and "125,000"
    # 125 or 125.000), and "1,250.50" is written the English way. Refused whole, nothing guessed.
    "observations_ambiguous_dutch_numbers.csv": [
        "observations_ambiguous_dutch_numbers.csv:3:omzet_eur: 1,250 can be read two ways: in Dutch the comma marks "
        "decimals, but it may be meant to group thousands; write 1,25 or 1.250",
        "observations_ambiguous_dutch_numbers.csv:4:medewerkers: 125,000 can be read two ways: in Dutch the comma "
        "marks decimals, but it may be meant to group thousands; write 125 or 125.000",
        "observations_ambiguous_dutch_numbers.csv:5:omzet_eur: 1,250.50 is written the English way; in Dutch write "
        "1.250,50",
    ],
    "observations_ambiguous_english_numbers.csv": [
        "observations_ambiguous_english_numbers.csv:3:revenue_eur: 1.250 can be read two ways: in English the point "
        "marks decimals, but it may be meant to group thousands; write 1.25 or 1,250",
        "observations_ambiguous_english_numbers.csv:4:revenue_eur: 1.250,50 is written the Dutch way; in English "
        "write 1,250.50",
    ],
    "observations_bad_row_last_line.csv": [
        "observations_bad_row_last_line.csv:4:employees: the header has 3 columns but this line has 2; are all "
        'lines separated by ","?'
    ],
    "observations_date_as_number.xlsx": [
        "observations_date_as_number.xlsx:2:observed_on: 43101 is a number, not a date; format the cell as a date"
    ],
    "observations_decimal_comma_unquoted.csv": [
        "observations_decimal_comma_unquoted.csv:2:column 6: the header has 5 columns but this line has 6; a value "
        "with a comma (such as a decimal comma) must be in quotes, or separate the columns by semicolons"
    ],
    "observations_formula.xlsx": [
        "observations_formula.xlsx:3:employees: =C2+1 is a formula; copy the column and paste it as values, then "
        "import again"
    ],
    "observations_fraction_of_a_person.csv": [
        "observations_fraction_of_a_person.csv:2:medewerkers: 2,5 is not a whole number"
    ],
    "observations_impossible_date.csv": [
        "observations_impossible_date.csv:2:observed_on: 2018-02-31 is not a date that exists"
    ],
    "observations_negative_number.csv": [
        "observations_negative_number.csv:2:employees: -2 is negative; it must be 0 or more"
    ],
    "observations_text_number.csv": ["observations_text_number.csv:2:stagiairs: twee is not a number"],
    "observations_unclosed_quote_last_line.csv": [
        "observations_unclosed_quote_last_line.csv:3: the line cannot be read as CSV (unexpected end of data); "
        "check its quotes"
    ],
    "observations_unknown_source.csv": [
        "observations_unknown_source.csv:2:source: neighbour is not a known source; use one of staff, survey, "
        "self_report, intake, kvk"
    ],
    "participations_conflicting_duplicate.csv": [
        "participations_conflicting_duplicate.csv:3:location: Emmen differs from Assen on line 2, which has the "
        "same KvK number and start date"
    ],
    "participations_end_before_start.csv": [
        "participations_end_before_start.csv:3:einddatum: 01-01-2014 is before the start date 12-03-2015"
    ],
    "participations_end_without_status.csv": [
        "participations_end_without_status.csv:2:ended_on: the stay ends on 2018-03-01 but has no outflow status "
        "(column outflow_status)"
    ],
    "participations_not_a_workbook.xlsx": [
        "participations_not_a_workbook.xlsx:1: the file is named .xlsx but is not an Excel workbook"
    ],
    "participations_overlap_in_file.csv": [
        "participations_overlap_in_file.csv:4:started_on: the stay from 2017-12-31 without an end date overlaps "
        "the stay from 2017-01-01 to 2017-12-31 on line 2"
    ],
    "participations_overlap_with_database.csv": [
        "participations_overlap_with_database.csv:2:started_on: the stay from 2016-06-01 to 2017-05-31 overlaps "
        "the stay from 2016-01-01 to 2016-12-31 already recorded for this company"
    ],
    "participations_status_without_end.csv": [
        "participations_status_without_end.csv:2:outflow_status: stopped is an outflow status, but the stay has "
        "no end date (column ended_on)"
    ],
    "participations_unknown_company.csv": [
        "participations_unknown_company.csv:2:kvk_number: no company with KvK number 99999999 in this programme; "
        "import it in a companies file first"
    ],
    "participations_unknown_location.csv": [
        "participations_unknown_location.csv:2:locatie: Groningen is not a location of this programme; known "
        "locations: Assen, Emmen, Hoogeveen"
    ],
    "participations_unknown_package.csv": [
        "participations_unknown_package.csv:2:pakket: premium is not a known package; use one of fulltime, "
        "parttime, network (netwerk)"
    ],
    "participations_unknown_status.csv": [
        "participations_unknown_status.csv:2:uitstroom: verhuisd is not a known outflow status; use one of "
        "entrepreneur (ondernemer), freelancer (zzp), employed (loondienst), stopped (gestopt)"
    ],
}


@pytest.fixture
def records(programme: Programme) -> Programme:
    for kvk in ("11111111", "22222222", "33333333"):
        CompanyFactory(kvk_number=kvk, programmes=[programme])
    ParticipationFactory(
        company=programme.companies.get(kvk_number="33333333"),
        programme=programme,
        location=programme.locations.get(name="Assen"),
        package=programme.packages.get(kind="network"),
        started_on=datetime.date(2016, 1, 1),
        ended_on=datetime.date(2016, 12, 31),
        outflow_status=OutflowStatus.ENTREPRENEUR,
    )
    CompanyFactory(kvk_number="99999999", programmes=[build_programme("other")])
    return programme


def test_the_corpus_has_at_least_25_files_and_an_expectation_for_each() -> None:
    names = sorted(p.name for p in CORPUS.iterdir())
    assert len(names) >= 25
    assert names == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_malformed_file_is_refused_with_its_line_and_column_and_nothing_is_written(
    records: Programme, name: str
) -> None:
    kind = name.split("_", 1)[0]
    before = row_counts()

    result = run(records, kind, (CORPUS / name).read_bytes(), filename=name)

    assert errors(result) == EXPECTED[name]
    assert result.applied is False
    assert row_counts() == before
