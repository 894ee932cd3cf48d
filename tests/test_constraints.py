"""The database itself refuses impossible records, whatever code writes them."""

import datetime

import pytest
from django.db import DataError, IntegrityError, transaction

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.models import Participation
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.tests.factories import ProgrammeFactory

D = datetime.date


def refused(make) -> bool:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            make()
    except (IntegrityError, DataError):  # too long for the column is DataError on PostgreSQL
        return True
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "", "12 45678"])
def test_a_kvk_number_that_is_not_exactly_eight_digits_is_refused(kvk: str) -> None:
    assert refused(lambda: Company.objects.create(kvk_number=kvk, name="X"))
    assert Company.objects.count() == 0


@pytest.mark.django_db
def test_an_eight_digit_kvk_number_is_stored_and_must_be_unique() -> None:
    Company.objects.create(kvk_number="01234567", name="A")
    assert refused(lambda: Company.objects.create(kvk_number="01234567", name="B"))
    assert list(Company.objects.values_list("name", flat=True)) == ["A"]


@pytest.mark.django_db
@pytest.mark.parametrize("postcode", ["1234AB", "0123 AB", "1234 ab", "12345 AB"])
def test_a_postcode_not_in_dutch_format_is_refused(postcode: str) -> None:
    assert refused(lambda: Company.objects.create(kvk_number="12345678", name="A", postcode=postcode))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((D(2016, 1, 1), D(2016, 6, 30)), (D(2016, 6, 30), None)),  # shares the last day
        ((D(2016, 1, 1), None), (D(2017, 1, 1), D(2017, 2, 1))),  # inside an open stay
        ((D(2016, 3, 1), D(2016, 4, 1)), (D(2016, 1, 1), D(2016, 12, 31))),  # around it
    ],
)
def test_overlapping_stays_of_one_company_in_one_programme_are_refused(first, second) -> None:  # type: ignore[no-untyped-def]
    p = ParticipationFactory(started_on=first[0], ended_on=first[1], outflow_status="entrepreneur" if first[1] else "")

    def second_stay() -> None:
        Participation.objects.create(
            company=p.company,
            programme=p.programme,
            location=p.location,
            package=p.package,
            started_on=second[0],
            ended_on=second[1],
            outflow_status="entrepreneur" if second[1] else "",
        )

    assert refused(second_stay)
    assert Participation.objects.count() == 1


@pytest.mark.django_db
def test_a_stay_starting_the_day_after_the_previous_one_ended_is_accepted() -> None:
    p = ParticipationFactory(started_on=D(2016, 1, 1), ended_on=D(2016, 6, 30), outflow_status="freelancer")
    Participation.objects.create(
        company=p.company, programme=p.programme, location=p.location, package=p.package, started_on=D(2016, 7, 1)
    )
    assert Participation.objects.count() == 2


@pytest.mark.django_db
def test_moving_a_stay_onto_another_by_an_update_is_refused() -> None:
    p = ParticipationFactory(started_on=D(2016, 1, 1), ended_on=D(2016, 6, 30), outflow_status="freelancer")
    later = Participation.objects.create(
        company=p.company, programme=p.programme, location=p.location, package=p.package, started_on=D(2017, 1, 1)
    )
    assert refused(lambda: Participation.objects.filter(pk=later.pk).update(started_on=D(2016, 6, 1)))
    later.refresh_from_db()
    assert later.started_on == D(2017, 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(("ended_on", "status"), [(D(2017, 1, 1), ""), (None, "stopped")])
def test_an_end_date_and_an_outflow_status_come_together_or_not_at_all(ended_on, status) -> None:  # type: ignore[no-untyped-def]
    p = ParticipationFactory()
    assert refused(lambda: Participation.objects.filter(pk=p.pk).update(ended_on=ended_on, outflow_status=status))


@pytest.mark.django_db
def test_a_stay_cannot_end_before_it_starts() -> None:
    p = ParticipationFactory(started_on=D(2016, 5, 1))
    assert refused(
        lambda: Participation.objects.filter(pk=p.pk).update(ended_on=D(2016, 4, 30), outflow_status="stopped")
    )


@pytest.mark.django_db
def test_one_observation_per_programme_company_date_and_source() -> None:
    o = ObservationFactory(source="survey")
    same = {"company": o.company, "observed_on": o.observed_on, "employees": 3}
    assert refused(lambda: Observation.objects.create(programme=o.programme, source="survey", **same))
    Observation.objects.create(programme=o.programme, source="staff", **same)
    # the same company's figure of that day and source, recorded by another programme it also takes part in
    Observation.objects.create(programme=ProgrammeFactory(), source="survey", **same)
    assert Observation.objects.filter(company=o.company).count() == 3


@pytest.mark.django_db
def test_negative_employees_are_refused() -> None:
    o = ObservationFactory()
    assert refused(lambda: Observation.objects.filter(pk=o.pk).update(employees=-1))
