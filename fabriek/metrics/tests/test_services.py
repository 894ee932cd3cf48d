import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.metrics import services
from fabriek.metrics.models import Observation, Source

D = datetime.date


def create(world, **overrides):  # type: ignore[no-untyped-def]
    arguments = {
        "actor": world.users[Role.STAFF],
        "programme": world.ofd.programme,
        "company": world.ofd.company,
        "observed_on": D(2017, 1, 1),
        "employees": 3,
        **overrides,
    }
    return services.observation_create(**arguments)


def test_creating_figures_stores_revenue_in_cents_and_writes_an_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    observation = create(
        world, employees=4, interns=1, fte=Decimal("3.5"), revenue=Decimal("125000.50"), source=Source.SURVEY
    )

    stored = Observation.objects.get(pk=observation.pk)
    assert (stored.employees, stored.interns, stored.fte, stored.revenue_cents) == (4, 1, Decimal("3.50"), 12500050)
    entry = AuditEntry.objects.get()
    assert entry.action == "metrics.observation.created"
    assert entry.actor == world.users[Role.STAFF]
    assert entry.programme_slug == "ofd"
    assert entry.changes == {
        "observed_on": [None, "2017-01-01"],
        "employees": [None, 4],
        "interns": [None, 1],
        "fte": [None, "3.50"],
        "revenue_cents": [None, 12500050],
        "source": [None, "survey"],
    }


def test_updating_figures_writes_an_audit_entry_with_old_and_new_values(world) -> None:  # type: ignore[no-untyped-def]
    observation = world.ofd.observation  # 1 March 2016, 2 employees, by staff

    services.observation_update(
        actor=world.users[Role.STAFF],
        programme=world.ofd.programme,
        observation=observation,
        observed_on=D(2016, 3, 1),
        employees=5,
        revenue=Decimal("80000"),
    )

    observation.refresh_from_db()
    assert (observation.employees, observation.revenue_cents) == (5, 8000000)
    entry = AuditEntry.objects.get()
    assert entry.action == "metrics.observation.updated"
    assert entry.changes == {"employees": [2, 5], "revenue_cents": [None, 8000000]}


def test_an_update_that_changes_nothing_writes_no_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    services.observation_update(
        actor=world.users[Role.STAFF],
        programme=world.ofd.programme,
        observation=world.ofd.observation,
        employees=2,
        fte=None,
        revenue=None,
    )

    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("euros", "cents"),
    [(Decimal("0"), 0), (Decimal("1234.56"), 123456), (Decimal("0.005"), 1), (Decimal("10.004"), 1000), (None, None)],
)
def test_euros_become_whole_cents_rounding_half_up(euros: Decimal | None, cents: int | None) -> None:
    assert services.euros_to_cents(euros) == cents


def test_a_second_observation_from_the_same_source_on_the_same_date_is_a_field_error(world) -> None:  # type: ignore[no-untyped-def]
    # the world has staff figures of 1 March 2016
    with pytest.raises(ValidationError) as caught:
        create(world, observed_on=D(2016, 3, 1), source=Source.STAFF)

    assert list(caught.value.message_dict) == ["observed_on"]
    assert world.ofd.company.observations.count() == 1
    assert AuditEntry.objects.count() == 0


def test_another_source_may_report_on_the_same_date(world) -> None:  # type: ignore[no-untyped-def]
    create(world, observed_on=D(2016, 3, 1), source=Source.SELF_REPORT)

    assert world.ofd.company.observations.count() == 2


def test_moving_figures_onto_a_taken_date_is_a_field_error(world) -> None:  # type: ignore[no-untyped-def]
    other = create(world, observed_on=D(2016, 6, 1))

    with pytest.raises(ValidationError) as caught:
        services.observation_update(
            actor=world.users[Role.STAFF], programme=world.ofd.programme, observation=other, observed_on=D(2016, 3, 1)
        )

    assert list(caught.value.message_dict) == ["observed_on"]
    assert Observation.objects.get(pk=other.pk).observed_on == D(2016, 6, 1)


def test_a_duplicate_the_database_refuses_becomes_the_same_field_error(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Given a concurrent write that the service's own checks did not see
    real = services._duplicate
    looks: list[int] = []

    def first_look_misses(observation):  # type: ignore[no-untyped-def]
        looks.append(1)
        return None if len(looks) == 1 else real(observation)

    monkeypatch.setattr(services, "_duplicate", first_look_misses)
    monkeypatch.setattr(Observation, "validate_constraints", lambda self, exclude=None: None)

    # When the database refuses the insert
    with pytest.raises(ValidationError) as caught:
        create(world, observed_on=D(2016, 3, 1), source=Source.STAFF)

    # Then it is the same field error, and nothing was saved
    assert len(looks) == 2
    assert list(caught.value.message_dict) == ["observed_on"]
    assert world.ofd.company.observations.count() == 1
    assert AuditEntry.objects.count() == 0


def test_figures_outside_their_bounds_are_field_errors(world) -> None:  # type: ignore[no-untyped-def]
    # Revenue may be negative (core.bounds: -EUR 10 billion .. EUR 10 billion); FTE may not.
    with pytest.raises(ValidationError) as caught:
        create(world, fte=Decimal("-1"), revenue=Decimal("-10000000000.01"), employees=100_001)

    assert sorted(caught.value.message_dict) == ["employees", "fte", "revenue"]
    assert world.ofd.company.observations.count() == 1
