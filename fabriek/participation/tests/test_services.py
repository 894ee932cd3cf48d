import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.participation import services
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.participation.tests.factories import ParticipationFactory

D = datetime.date
# The world's stay started on 1 March 2016 and is still going: on this day it is 15 months old.
TODAY = datetime.datetime(2017, 6, 1, 12, 0, tzinfo=datetime.UTC)


def create(world, **overrides):  # type: ignore[no-untyped-def]
    arguments = {
        "actor": world.users[Role.STAFF],
        "programme": world.ofd.programme,
        "company": world.ofd.company,
        "location": world.ofd.location,
        "package": world.ofd.package,
        "started_on": D(2017, 1, 2),
        **overrides,
    }
    return services.participation_create(**arguments)


def audit_actions() -> list[tuple[str, str]]:
    return list(AuditEntry.objects.order_by("id").values_list("action", "reason"))


@time_machine.travel(TODAY, tick=False)
def test_creating_a_stay_saves_it_registers_the_company_and_writes_an_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(kvk_number="12345678", name="Nieuw BV")

    participation = create(world, company=company, started_on=D(2017, 2, 1))

    assert Participation.objects.get(pk=participation.pk).started_on == D(2017, 2, 1)
    assert list(company.programmes.values_list("slug", flat=True)) == ["ofd"]
    entry = AuditEntry.objects.get()
    assert entry.action == "participation.participation.created"
    assert entry.actor == world.users[Role.STAFF]
    assert entry.programme_slug == "ofd"
    assert entry.object_id == str(participation.pk)
    assert entry.reason == ""
    assert entry.changes == {
        "company": [None, "Nieuw BV (12345678)"],
        "location": [None, "OndernemersFabriek Drenthe Assen"],
        "package": [None, "Fulltime"],
        "started_on": [None, "2017-02-01"],
    }


@time_machine.travel(TODAY, tick=False)
def test_updating_a_stay_writes_an_audit_entry_with_old_and_new_values(world) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation

    services.participation_update(
        actor=world.users[Role.STAFF],
        programme=world.ofd.programme,
        participation=participation,
        ended_on=D(2017, 5, 31),
        outflow_status=OutflowStatus.FREELANCER,
    )

    participation.refresh_from_db()
    assert (participation.ended_on, participation.outflow_status) == (D(2017, 5, 31), "freelancer")
    entry = AuditEntry.objects.get()
    assert entry.action == "participation.participation.updated"
    assert entry.changes == {"ended_on": [None, "2017-05-31"], "outflow_status": ["", "freelancer"]}


@time_machine.travel(TODAY, tick=False)
def test_an_update_that_changes_nothing_writes_no_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    services.participation_update(
        actor=world.users[Role.STAFF],
        programme=world.ofd.programme,
        participation=world.ofd.participation,
        started_on=D(2016, 3, 1),
        location=world.ofd.location,
    )

    assert AuditEntry.objects.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_a_stay_that_overlaps_another_stay_of_the_company_is_refused_on_its_start_date(world) -> None:  # type: ignore[no-untyped-def]
    # the world's stay runs from 1 March 2016 and has not ended
    with pytest.raises(ValidationError) as caught:
        create(world, started_on=D(2015, 1, 1), ended_on=D(2016, 3, 1), outflow_status=OutflowStatus.EMPLOYED)

    assert list(caught.value.message_dict) == ["started_on"]
    assert caught.value.error_dict["started_on"][0].code == "overlap"
    assert Participation.objects.filter(company=world.ofd.company).count() == 1
    assert AuditEntry.objects.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_a_stay_that_ends_the_day_before_another_starts_is_accepted(world) -> None:  # type: ignore[no-untyped-def]
    create(world, started_on=D(2015, 1, 1), ended_on=D(2016, 2, 29), outflow_status=OutflowStatus.ENTREPRENEUR)

    assert Participation.objects.filter(company=world.ofd.company).count() == 2


@time_machine.travel(TODAY, tick=False)
def test_a_stay_of_the_same_company_in_another_programme_may_share_days(world) -> None:  # type: ignore[no-untyped-def]
    other = world.other
    services.participation_create(
        actor=world.users["other_staff"],
        programme=other.programme,
        company=world.ofd.company,
        location=other.location,
        package=other.package,
        started_on=D(2017, 1, 2),
    )

    assert world.ofd.company.participations.count() == 2


@time_machine.travel(TODAY, tick=False)
def test_an_overlap_the_database_refuses_becomes_the_same_field_error(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Given a concurrent write that the service's own check did not see (its first look finds nothing)
    real = services._overlapping_stay
    looks: list[int] = []

    def first_look_misses(participation):  # type: ignore[no-untyped-def]
        looks.append(1)
        return None if len(looks) == 1 else real(participation)

    monkeypatch.setattr(services, "_overlapping_stay", first_look_misses)

    # When the database refuses the insert
    with pytest.raises(ValidationError) as caught:
        create(world, started_on=D(2017, 1, 2))

    # Then the user gets the field error, naming the other stay (found by the second look), and nothing was saved
    assert len(looks) == 2
    assert list(caught.value.message_dict) == ["started_on"]
    assert "01-03-2016" in caught.value.message_dict["started_on"][0]
    assert Participation.objects.filter(company=world.ofd.company).count() == 1
    assert AuditEntry.objects.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_an_end_date_without_an_outflow_status_is_a_field_error(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.participation_update(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            participation=world.ofd.participation,
            ended_on=D(2017, 5, 31),
        )

    assert list(caught.value.message_dict) == ["outflow_status"]
    assert Participation.objects.get(pk=world.ofd.participation.pk).ended_on is None


@time_machine.travel(TODAY, tick=False)
def test_an_outflow_status_without_an_end_date_is_a_field_error(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create(world, company=CompanyFactory(), outflow_status=OutflowStatus.STOPPED)

    assert list(caught.value.message_dict) == ["ended_on"]
    assert Participation.objects.count() == 2  # the two worlds' stays


@time_machine.travel(TODAY, tick=False)
def test_an_end_date_before_the_start_date_is_a_field_error(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create(
            world,
            company=CompanyFactory(),
            started_on=D(2017, 3, 1),
            ended_on=D(2017, 2, 1),
            outflow_status=OutflowStatus.STOPPED,
        )

    assert list(caught.value.message_dict) == ["ended_on"]


@time_machine.travel(TODAY, tick=False)
def test_a_location_and_package_of_another_programme_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create(world, company=CompanyFactory(), location=world.other.location, package=world.other.package)

    assert sorted(caught.value.message_dict) == ["location", "package"]
    assert Participation.objects.count() == 2


@time_machine.travel(TODAY, tick=False)
def test_a_stay_of_more_than_two_years_without_a_reason_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    # 2 January 2015 + two years = 2 January 2017; ending a day later is one day too long
    with pytest.raises(ValidationError) as caught:
        create(
            world,
            company=CompanyFactory(),
            started_on=D(2015, 1, 2),
            ended_on=D(2017, 1, 3),
            outflow_status=OutflowStatus.ENTREPRENEUR,
        )

    assert list(caught.value.message_dict) == ["long_stay_reason"]
    assert Participation.objects.count() == 2


@time_machine.travel(TODAY, tick=False)
def test_a_stay_of_exactly_two_years_needs_no_reason(world) -> None:  # type: ignore[no-untyped-def]
    participation = create(
        world,
        company=CompanyFactory(),
        started_on=D(2015, 1, 2),
        ended_on=D(2017, 1, 2),
        outflow_status=OutflowStatus.ENTREPRENEUR,
    )

    assert participation.pk is not None
    assert audit_actions() == [("participation.participation.created", "")]


@time_machine.travel(TODAY, tick=False)
def test_an_open_stay_counts_until_today_for_the_two_year_limit(world) -> None:  # type: ignore[no-untyped-def]
    # started 31 May 2015, still going on 1 June 2017: two years and a day
    with pytest.raises(ValidationError) as caught:
        create(world, company=CompanyFactory(), started_on=D(2015, 5, 31))

    assert list(caught.value.message_dict) == ["long_stay_reason"]


@time_machine.travel(TODAY, tick=False)
def test_a_long_stay_with_a_reason_is_saved_and_the_override_is_in_the_audit_log_with_its_reason(world) -> None:  # type: ignore[no-untyped-def]
    create(
        world,
        company=CompanyFactory(),
        started_on=D(2014, 6, 1),
        ended_on=D(2017, 3, 31),
        outflow_status=OutflowStatus.ENTREPRENEUR,
        long_stay_reason="  Waiting for the Topklas to start.  ",
    )

    assert Participation.objects.get(started_on=D(2014, 6, 1)).long_stay_reason == "Waiting for the Topklas to start."
    assert audit_actions() == [
        ("participation.participation.created", "Waiting for the Topklas to start."),
        ("participation.participation.overridden", "Waiting for the Topklas to start."),
    ]


@time_machine.travel(datetime.datetime(2019, 1, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_giving_a_reason_for_a_stay_that_ran_past_two_years_logs_an_override(world) -> None:  # type: ignore[no-untyped-def]
    # the world's stay started on 1 March 2016 and is still going on 1 January 2019
    participation = world.ofd.participation
    with pytest.raises(ValidationError):
        services.participation_update(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            participation=participation,
            location=world.ofd.other_location,
        )

    services.participation_update(
        actor=world.users[Role.STAFF],
        programme=world.ofd.programme,
        participation=Participation.objects.get(pk=participation.pk),
        long_stay_reason="Extended by the board.",
    )

    assert audit_actions() == [
        ("participation.participation.updated", "Extended by the board."),
        ("participation.participation.overridden", "Extended by the board."),
    ]
    assert Participation.objects.get(pk=participation.pk).location == world.ofd.location


@time_machine.travel(TODAY, tick=False)
def test_a_stay_is_not_moved_to_another_programme_by_an_update(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        services.participation_update(
            actor=world.users["other_staff"],
            programme=world.other.programme,
            participation=world.ofd.participation,
            started_on=D(2016, 4, 1),
        )

    assert Participation.objects.get(pk=world.ofd.participation.pk).started_on == D(2016, 3, 1)


@time_machine.travel(TODAY, tick=False)
def test_an_update_that_would_overlap_a_later_stay_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory()
    first = ParticipationFactory(
        programme=world.ofd.programme,
        company=company,
        location=world.ofd.location,
        package=world.ofd.package,
        started_on=D(2016, 1, 4),
        ended_on=D(2016, 6, 30),
        outflow_status=OutflowStatus.ENTREPRENEUR,
    )
    ParticipationFactory(
        programme=world.ofd.programme,
        company=company,
        location=world.ofd.location,
        package=world.ofd.package,
        started_on=D(2017, 1, 2),
    )

    with pytest.raises(ValidationError) as caught:
        services.participation_update(
            actor=world.users[Role.STAFF], programme=world.ofd.programme, participation=first, ended_on=D(2017, 1, 2)
        )

    assert list(caught.value.message_dict) == ["started_on"]
    assert Participation.objects.get(pk=first.pk).ended_on == D(2016, 6, 30)
