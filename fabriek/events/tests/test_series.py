"""Series completion: checked in at at least N sessions (hand-computed cases), shown on the series' pages,
a person's page and a company's page."""

import pytest

from fabriek.companies.tests.factories import CompanyRoleFactory, PersonFactory
from fabriek.events import series as series_rules
from fabriek.events.models import EventSeries
from fabriek.events.tests.factories import AttendanceFactory, EventFactory


@pytest.fixture
def academy(world):  # type: ignore[no-untyped-def]
    """Starters Academy of 3 sessions, 2 needed. Anna: checked in at 2 (completes). Bram: registered for all 3,
    checked in at 1 (does not). Cor: checked in at 2 sessions of another series and 1 of this one (does not).
    Dirk: checked in at all 3 (completes)."""
    programme = world.ofd.programme
    series = EventSeries.objects.create(programme=programme, title="Starters Academy", required_sessions=2)
    other = EventSeries.objects.create(programme=programme, title="Finance", required_sessions=1)
    sessions = [EventFactory(programme=programme, series=series) for _ in range(3)]
    elsewhere = [EventFactory(programme=programme, series=other) for _ in range(2)]
    anna = CompanyRoleFactory(company=world.ofd.company, person__name="Anna").person
    bram, cor, dirk = (PersonFactory(name=n) for n in ("Bram", "Cor", "Dirk"))
    for event in sessions[:2]:
        AttendanceFactory(event=event, person=anna, checked_in=True)
    AttendanceFactory(event=sessions[2], person=anna, checked_in=False)
    for n, event in enumerate(sessions):
        AttendanceFactory(event=event, person=bram, checked_in=n == 0)
        AttendanceFactory(event=event, person=dirk, checked_in=True)
    AttendanceFactory(event=sessions[0], person=cor, checked_in=True)
    for event in elsewhere:
        AttendanceFactory(event=event, person=cor, checked_in=True)
    return series, other, anna


def test_completion_is_attending_at_least_n_sessions_of_the_series(academy) -> None:  # type: ignore[no-untyped-def]
    series, other, _anna = academy
    progress = {
        (p.series.title, p.name): (p.attended, p.completed) for p in series_rules.progress(series=[series, other])
    }
    assert progress == {
        ("Starters Academy", "Anna"): (2, True),
        ("Starters Academy", "Bram"): (1, False),
        ("Starters Academy", "Cor"): (1, False),
        ("Starters Academy", "Dirk"): (3, True),
        ("Finance", "Cor"): (2, True),
    }
    assert series_rules.completed_counts(series=[series, other]) == {series.pk: 2, other.pk: 1}


def test_completion_shows_in_the_series_list_and_page_the_person_and_the_company(staff_client, world, academy) -> None:  # type: ignore[no-untyped-def]
    series, _other, anna = academy
    listing = staff_client.get("/p/ofd/events/series/")
    assert listing.status_code == 200
    assert [row[1] for row in listing.context["rows"] if row[0].pk == series.pk] == [2]
    detail = staff_client.get(f"/p/ofd/events/series/{series.pk}/").content.decode()
    assert "Anna" in detail and "Dirk" in detail
    person = staff_client.get(f"/p/ofd/people/{anna.pk}/").content.decode()
    assert "Starters Academy" in person and "afgerond" in person
    company = staff_client.get(f"/p/ofd/events/series/company/{world.ofd.company.pk}/").content.decode()
    assert "Anna" in company and "afgerond" in company and "Dirk" not in company


def test_the_series_list_runs_a_bounded_number_of_queries(staff_client, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        EventSeries.objects.create(programme=world.ofd.programme, title=f"S{n}", required_sessions=1)
    with django_assert_max_num_queries(10):
        staff_client.get("/p/ofd/events/series/")
    for n in range(20):
        EventSeries.objects.create(programme=world.ofd.programme, title=f"T{n}", required_sessions=1)
    with django_assert_max_num_queries(10):
        staff_client.get("/p/ofd/events/series/")


def test_staff_add_a_series_and_a_session_joins_it(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(
        "/p/ofd/events/series/new/", {"title": "Starters Academy 2027", "required_sessions": "4"}
    )
    series = EventSeries.objects.get(title="Starters Academy 2027")
    assert response.status_code == 302
    assert (series.programme, series.required_sessions) == (world.ofd.programme, 4)
    refused = staff_client.post("/p/ofd/events/series/new/", {"title": "Nul", "required_sessions": "0"})
    assert refused.status_code == 200 and refused.context["form"].errors["required_sessions"]
