"""A company in two programmes (one record, matched on its KvK number): each programme sees and counts only the
figures it recorded itself, on pages, in the API and in the reports, so sharing shows neither programme what the
other measured."""

import datetime
import json

import pytest
from django.urls import reverse

from fabriek.metrics.models import Observation
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.reporting import rules

D = datetime.date


@pytest.fixture
def shared(world):  # type: ignore[no-untyped-def]
    """The OFD's company (2 employees on 2016-03-01, recorded by the OFD) also stays in the other programme."""
    company = world.ofd.company
    ParticipationFactory(
        programme=world.other.programme,
        company=company,
        location=world.other.location,
        package=world.other.package,
        started_on=D(2017, 1, 1),
    )
    return company


def test_the_other_programme_sees_none_of_the_figures_the_ofd_recorded(client, world, shared) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["other_staff"])

    page = client.get(reverse("companies:company-detail", kwargs={"programme": "other", "pk": shared.pk}))
    assert page.status_code == 200
    assert list(page.context["observations"]) == []

    api = client.get(f"/api/v1/programmes/other/companies/{shared.pk}/observations")
    assert api.status_code == 200 and api.json()["items"] == []
    change = client.patch(
        f"/api/v1/programmes/other/observations/{world.ofd.observation.pk}",
        json.dumps({"employees": 99}),
        content_type="application/json",
    )
    assert change.status_code == 404
    world.ofd.observation.refresh_from_db()
    assert world.ofd.observation.employees == 2


def test_each_programmes_reports_count_its_own_figures_only(world, shared) -> None:  # type: ignore[no-untyped-def]
    Observation.objects.create(
        company=shared, programme=world.other.programme, observed_on=D(2017, 1, 1), employees=9, source="staff"
    )

    ofd = rules.inflow_outflow(programme=world.ofd.programme, on=D(2017, 6, 1)).as_dict()
    other = rules.inflow_outflow(programme=world.other.programme, on=D(2017, 6, 1)).as_dict()

    assert ofd["current"]["employees"] == 2
    assert other["current"]["employees"] == 9 + other_base(world)
    # before the other programme's own first figure, the OFD's figure does not stand in for it
    before = rules.employees_on(
        programme=world.other.programme, companies=type(shared).objects.filter(pk=shared.pk), on=D(2016, 12, 31)
    )
    assert before[shared.pk].missing


def other_base(world) -> int:  # type: ignore[no-untyped-def]
    """The employees the other programme's own company counts on 2017-06-01 (its world figure of 2016)."""
    return world.other.observation.employees


def test_a_programme_records_a_figure_of_the_same_day_and_source_as_the_other_freely(client, world, shared) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["other_staff"])
    taken = world.ofd.observation
    response = client.post(
        f"/api/v1/programmes/other/companies/{shared.pk}/observations",
        json.dumps({"observed_on": taken.observed_on.isoformat(), "employees": 5, "source": taken.source}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    taken.refresh_from_db()
    assert taken.employees == 2 and taken.programme == world.ofd.programme
    assert Observation.objects.get(pk=response.json()["id"]).programme == world.other.programme


def test_deleting_the_shared_company_from_one_programme_takes_only_its_figures(client, world, shared) -> None:  # type: ignore[no-untyped-def]
    own = Observation.objects.create(
        company=shared, programme=world.other.programme, observed_on=D(2017, 1, 1), employees=9, source="staff"
    )
    client.force_login(world.users["other_staff"])
    url = reverse("companies:company-delete", kwargs={"programme": "other", "pk": shared.pk})
    assert client.post(url, {"confirm": "on"}).status_code == 302

    assert not Observation.objects.filter(pk=own.pk).exists()
    assert Observation.objects.filter(pk=world.ofd.observation.pk).exists()
    assert not shared.programmes.filter(pk=world.other.programme.pk).exists()
