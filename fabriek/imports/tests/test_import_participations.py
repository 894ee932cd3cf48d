import datetime

import pytest
import time_machine

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.tests.helpers import build_programme, errors, row_counts, run, warnings
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme

HEADER = "kvk_nummer;locatie;pakket;startdatum;einddatum;uitstroom\n"


@pytest.fixture
def companies(programme: Programme) -> Programme:
    """Three companies in the programme, founded in 2015 (the third in 2010)."""
    for kvk, founded in (("11111111", "2015-01-01"), ("22222222", "2015-01-01"), ("33333333", "2010-01-01")):
        CompanyFactory(kvk_number=kvk, founded_on=datetime.date.fromisoformat(founded), programmes=[programme])
    return programme


def stays() -> list[tuple[str, str, str, str, str | None, str]]:
    return [
        (
            p.company.kvk_number,
            p.location.name,
            p.package.kind,
            p.started_on.isoformat(),
            p.ended_on.isoformat() if p.ended_on else None,
            p.outflow_status,
        )
        for p in Participation.objects.select_related("company", "location", "package").order_by(
            "company__kvk_number", "started_on"
        )
    ]


def test_stays_are_created_from_dutch_words_and_dates(companies: Programme) -> None:
    result = run(
        companies,
        "participations",
        HEADER
        + "11111111;Assen;netwerk;07-04-2016;02-09-2016;zzp\n"
        + "11111111;emmen;Part-time;01-01-2017;;\n"
        + "22222222;Hoogeveen;fulltime;2016-02-22;2017-01-02;gestopt\n",
    )

    assert errors(result) == []
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert stays() == [
        ("11111111", "Assen", "network", "2016-04-07", "2016-09-02", "freelancer"),
        ("11111111", "Emmen", "parttime", "2017-01-01", None, ""),
        ("22222222", "Hoogeveen", "fulltime", "2016-02-22", "2017-01-02", "stopped"),
    ]
    assert {p.programme_id for p in Participation.objects.all()} == {companies.pk}


def test_importing_the_same_stays_again_changes_nothing(companies: Programme) -> None:
    content = HEADER + "11111111;Assen;netwerk;07-04-2016;02-09-2016;ondernemer\n"
    run(companies, "participations", content)

    again = run(companies, "participations", content)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Participation.objects.count() == 1


def test_a_stay_is_found_by_company_and_start_date_and_its_end_updated(companies: Programme) -> None:
    run(companies, "participations", HEADER + "11111111;Assen;netwerk;07-04-2016;;\n")

    result = run(companies, "participations", HEADER + "11111111;Assen;netwerk;07-04-2016;30-06-2017;loondienst\n")

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert stays() == [("11111111", "Assen", "network", "2016-04-07", "2017-06-30", "employed")]


def test_shortening_a_stay_makes_room_for_a_new_one_in_the_same_file(companies: Programme) -> None:
    run(companies, "participations", HEADER + "11111111;Assen;netwerk;01-01-2016;;\n")

    result = run(
        companies,
        "participations",
        HEADER + "11111111;Emmen;fulltime;01-01-2017;;\n" + "11111111;Assen;netwerk;01-01-2016;31-12-2016;ondernemer\n",
    )

    assert errors(result) == []
    assert stays() == [
        ("11111111", "Assen", "network", "2016-01-01", "2016-12-31", "entrepreneur"),
        ("11111111", "Emmen", "fulltime", "2017-01-01", None, ""),
    ]


def test_overlapping_stays_in_the_file_are_an_error_on_the_later_one(companies: Programme) -> None:
    before = row_counts()

    result = run(
        companies,
        "participations",
        HEADER + "11111111;Assen;netwerk;01-01-2016;31-12-2016;ondernemer\n" + "11111111;Emmen;netwerk;31-12-2016;;\n",
    )

    assert errors(result) == [
        "participations.csv:3:startdatum: the stay from 31-12-2016 without an end date overlaps the stay from "
        "01-01-2016 to 31-12-2016 on line 2"
    ]
    assert row_counts() == before


def test_a_stay_overlapping_one_already_recorded_is_an_error(companies: Programme) -> None:
    run(companies, "participations", HEADER + "11111111;Assen;netwerk;01-01-2016;31-12-2016;ondernemer\n")

    result = run(companies, "participations", HEADER + "11111111;Emmen;netwerk;01-06-2016;;\n")

    assert errors(result) == [
        "participations.csv:2:startdatum: the stay from 01-06-2016 without an end date overlaps the stay from "
        "2016-01-01 to 2016-12-31 already recorded for this company"
    ]


def test_the_end_date_before_the_start_date_is_reported_as_in_the_issue(companies: Programme) -> None:
    # 29 good rows (lines 2-30) for other companies, then the bad one on line 31.
    kvks = [f"{40000000 + n:08d}" for n in range(30)]
    for kvk in kvks:
        CompanyFactory(kvk_number=kvk, programmes=[companies])
    good = "".join(f"{kvk};Assen;netwerk;01-01-2016;;\n" for kvk in kvks[:29])

    result = run(
        companies, "participations", HEADER + good + f"{kvks[29]};Assen;netwerk;12-03-2015;01-01-2014;gestopt\n"
    )

    assert errors(result) == ["participations.csv:31:einddatum: 01-01-2014 is before the start date 12-03-2015"]
    assert Participation.objects.count() == 0


def test_an_end_date_needs_a_status_and_a_status_an_end_date(companies: Programme) -> None:
    result = run(
        companies,
        "participations",
        HEADER + "11111111;Assen;netwerk;01-01-2016;31-12-2016;\n" + "22222222;Assen;netwerk;01-01-2016;;gestopt\n",
    )

    assert errors(result) == [
        "participations.csv:2:einddatum: the stay ends on 31-12-2016 but has no outflow status (column uitstroom)",
        "participations.csv:3:uitstroom: gestopt is an outflow status, but the stay has no end date (column einddatum)",
    ]


def test_without_a_status_column_an_end_date_is_an_error_for_a_new_stay(companies: Programme) -> None:
    result = run(
        companies,
        "participations",
        "kvk_number,location,package,started_on,ended_on\n11111111,Assen,network,2016-01-01,2016-12-31\n",
    )

    assert errors(result) == [
        "participations.csv:2:ended_on: the stay ends on 2016-12-31 but has no outflow status (column outflow_status)"
    ]


def test_a_company_that_is_only_in_another_programme_is_unknown(companies: Programme) -> None:
    CompanyFactory(kvk_number="99999999", programmes=[build_programme("other")])

    result = run(companies, "participations", HEADER + "99999999;Assen;netwerk;01-01-2016;;\n")

    assert errors(result) == [
        "participations.csv:2:kvk_nummer: no company with KvK number 99999999 in this programme; import it in a "
        "companies file first"
    ]


def test_a_stay_longer_than_two_years_imports_with_a_warning(companies: Programme) -> None:
    result = run(
        companies,
        "participations",
        HEADER
        + "11111111;Assen;netwerk;01-01-2016;01-01-2018;ondernemer\n"
        + "22222222;Assen;netwerk;01-01-2016;02-01-2018;ondernemer\n",
    )

    assert result.applied
    assert warnings(result) == [
        "participations.csv:3:einddatum: the stay from 01-01-2016 to 02-01-2018 lasts more than two years"
    ]


@time_machine.travel(datetime.datetime(2019, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_stay_still_going_after_two_years_imports_with_a_warning(companies: Programme) -> None:
    result = run(
        companies,
        "participations",
        HEADER + "11111111;Assen;netwerk;31-05-2017;;\n" + "22222222;Assen;netwerk;01-06-2017;;\n",
    )

    assert result.applied
    assert warnings(result) == [
        "participations.csv:2:startdatum: the stay started on 31-05-2017 and has lasted more than two years "
        "without an end date"
    ]


def test_a_company_older_than_five_years_at_its_first_stay_imports_with_a_warning_on_that_stay(
    companies: Programme,
) -> None:
    result = run(
        companies,
        "participations",
        HEADER
        + "33333333;Assen;netwerk;01-01-2017;31-03-2017;ondernemer\n"
        + "33333333;Assen;netwerk;02-01-2016;31-03-2016;ondernemer\n",
    )

    assert result.applied
    assert warnings(result) == [
        "participations.csv:3:startdatum: the company was founded on 2010-01-01, more than five years before its "
        "first stay started on 02-01-2016"
    ]
