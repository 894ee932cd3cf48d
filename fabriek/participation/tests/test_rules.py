"""The stay rules (docs/rules.md, clauses 5 and 6): one definition, the same answer from Python and from the
database, and the same verdict from the form (service), the importer and data coverage."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.tests.helpers import run, warnings
from fabriek.participation import rules, services
from fabriek.participation.models import Participation
from fabriek.reporting import rules as report_rules

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "today", "long"),
    [
        (D(2015, 3, 1), D(2017, 3, 1), D(2030, 1, 1), False),  # exactly two years: allowed
        (D(2015, 3, 1), D(2017, 3, 2), D(2030, 1, 1), True),  # one day more
        (D(2016, 2, 29), D(2018, 2, 28), D(2030, 1, 1), False),  # 29 February + 2 years = 28 February
        (D(2016, 2, 29), D(2018, 3, 1), D(2030, 1, 1), True),
        (D(2015, 3, 1), None, D(2017, 3, 1), False),  # still going: today is its end
        (D(2015, 3, 1), None, D(2017, 3, 2), True),
    ],
)
def test_a_stay_is_long_when_its_end_lies_after_the_same_day_two_years_on(start, end, today, long) -> None:
    assert rules.is_long_stay(start, end, today=today) is long


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((D(2016, 1, 1), D(2016, 6, 30)), (D(2016, 6, 30), None), True),  # sharing the last day
        ((D(2016, 1, 1), D(2016, 6, 30)), (D(2016, 7, 1), None), False),
        ((D(2016, 1, 1), None), (D(2020, 1, 1), D(2020, 2, 1)), True),  # an open stay covers all later days
        ((D(2020, 1, 1), D(2020, 2, 1)), (D(2016, 1, 1), D(2019, 12, 31)), False),
    ],
)
def test_stays_overlap_when_they_share_a_day_in_python_and_in_the_database(world, first, second, overlap) -> None:
    assert rules.stays_overlap(first, second) is overlap
    assert rules.stays_overlap(second, first) is overlap
    company = CompanyFactory(programmes=[world.ofd.programme])
    stay = Participation.objects.create(
        company=company,
        programme=world.ofd.programme,
        location=world.ofd.location,
        package=world.ofd.package,
        started_on=first[0],
        ended_on=first[1],
        outflow_status="stopped" if first[1] else "",
    )
    found = Participation.objects.filter(rules.overlapping_q(started_on=second[0], ended_on=second[1]), pk=stay.pk)
    assert found.exists() is overlap


def test_the_database_finds_exactly_the_long_stays_python_finds(world) -> None:
    today = D(2017, 3, 2)
    cases = [
        (D(2015, 3, 1), D(2017, 3, 1), ""),
        (D(2015, 3, 1), D(2017, 3, 2), ""),
        (D(2016, 2, 29), D(2018, 2, 28), ""),
        (D(2016, 2, 29), D(2018, 3, 1), ""),
        (D(2015, 3, 2), None, ""),
        (D(2015, 3, 1), None, ""),
        (D(2015, 3, 1), None, "Agreed with the province"),
    ]
    expected = []
    for start, end, reason in cases:
        stay = Participation.objects.create(
            company=CompanyFactory(programmes=[world.ofd.programme]),
            programme=world.ofd.programme,
            location=world.ofd.location,
            package=world.ofd.package,
            started_on=start,
            ended_on=end,
            outflow_status="entrepreneur" if end else "",
            long_stay_reason=reason,
        )
        if rules.is_long_stay(start, end, today=today) and not reason:
            expected.append(stay.pk)

    found = rules.long_stays_without_reason(Participation.objects.exclude(pk=world.ofd.participation.pk), today=today)

    assert sorted(found.values_list("pk", flat=True)) == sorted(expected)
    assert len(expected) == 3


@time_machine.travel(datetime.datetime(2019, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_long_stay_is_refused_by_the_form_kept_by_an_import_and_listed_until_a_reason_is_given(world) -> None:
    programme = world.ofd.programme
    company = CompanyFactory(kvk_number="11111111", founded_on=D(2015, 1, 1), programmes=[programme])
    staff = world.users[Role.STAFF]

    # the form (through the service) refuses it without a reason
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=staff,
            programme=programme,
            company=company,
            location=world.ofd.location,
            package=world.ofd.package,
            started_on=D(2016, 1, 1),
            ended_on=D(2018, 1, 2),
            outflow_status="entrepreneur",
        )
    assert "long_stay_reason" in refused.value.message_dict

    # the import keeps it, with a warning
    with translation.override("en"):
        result = run(
            programme,
            "participations",
            "kvk_nummer;locatie;pakket;startdatum;einddatum;uitstroom\n"
            + f"11111111;{world.ofd.location.name};{world.ofd.package.kind};01-01-2016;02-01-2018;ondernemer\n",
        )
    assert result.applied
    assert [text.split(": ", 1)[1] for text in warnings(result)] == [
        "the stay from 01-01-2016 to 02-01-2018 lasts more than two years"
    ]

    # data coverage lists it until a reason is given
    # (the world's own company has been going since 1 March 2016 without a reason, so it is listed too)
    coverage = report_rules.data_coverage(programme=programme, on=D(2019, 6, 1))
    assert coverage.long_stays_without_reason == (world.ofd.company.pk, company.pk)
    stay = Participation.objects.get(company=company)
    services.participation_update(
        actor=staff, programme=programme, participation=stay, long_stay_reason="Extended by the province"
    )
    coverage = report_rules.data_coverage(programme=programme, on=D(2019, 6, 1))
    assert coverage.long_stays_without_reason == (world.ofd.company.pk,)
