import datetime

import pytest
import time_machine
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.participation.tests.factories import ParticipationFactory

D = datetime.date
TODAY = datetime.datetime(2017, 6, 1, 12, 0, tzinfo=datetime.UTC)


def url(name: str, programme: str = "ofd", **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"participation:participation-{name}", kwargs={"programme": programme, **kwargs})


def listed(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.company.name for p in response.context["page"]]


def stay_elsewhere(world, **fields):  # type: ignore[no-untyped-def]
    """A stay of a new company at the programme's other location (not the location manager's)."""
    return ParticipationFactory(
        programme=world.ofd.programme,
        location=world.ofd.other_location,
        package=world.ofd.package,
        **{"company": CompanyFactory(name="Elders BV"), "started_on": D(2017, 2, 1), **fields},
    )


def form_data(world, **overrides) -> dict:  # type: ignore[no-untyped-def]
    return {
        "company": world.ofd.company.pk,
        "location": world.ofd.location.pk,
        "package": world.ofd.package.pk,
        "started_on": "2017-04-03",
        "ended_on": "",
        "outflow_status": "",
        "long_stay_reason": "",
        **overrides,
    }


# --- list


def test_staff_see_every_stay_of_their_programme_and_none_of_another(client, world) -> None:  # type: ignore[no-untyped-def]
    stay_elsewhere(world)
    client.force_login(world.users[Role.STAFF])

    response = client.get(url("list"))

    assert response.status_code == 200
    assert listed(response) == ["Elders BV", world.ofd.company.name]
    assert response.context["can_create"] is True


def test_a_location_manager_sees_only_the_stays_at_their_location(client, world) -> None:  # type: ignore[no-untyped-def]
    stay_elsewhere(world)
    client.force_login(world.users[Role.LOCATION_MANAGER])

    response = client.get(url("list"))

    assert listed(response) == [world.ofd.company.name]


def test_a_participant_sees_only_their_own_companys_stays_and_cannot_add_one(client, world) -> None:  # type: ignore[no-untyped-def]
    stay_elsewhere(world)
    client.force_login(world.users[Role.PARTICIPANT])

    response = client.get(url("list"))

    assert listed(response) == [world.ofd.company.name]
    assert response.context["can_create"] is False


@pytest.mark.parametrize("role", [Role.MENTOR, Role.PARTNER, Role.FUNDER])
def test_other_roles_may_not_see_the_list(client, world, role: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])

    assert client.get(url("list")).status_code == 403


def test_a_member_of_another_programme_gets_404(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["other_staff"])

    assert client.get(url("list")).status_code == 404
    assert client.get(url("detail", pk=world.ofd.participation.pk)).status_code == 404


def test_the_list_searches_company_name_and_kvk_number(client, world) -> None:  # type: ignore[no-untyped-def]
    elsewhere = stay_elsewhere(world, company=CompanyFactory(name="Zonnepanelen BV", kvk_number="87654321"))
    client.force_login(world.users[Role.STAFF])

    assert listed(client.get(url("list"), {"q": "zonne"})) == ["Zonnepanelen BV"]
    assert listed(client.get(url("list"), {"q": "8765"})) == ["Zonnepanelen BV"]
    assert listed(client.get(url("list"), {"location": elsewhere.location.pk})) == ["Zonnepanelen BV"]
    assert listed(client.get(url("list"), {"location": world.ofd.location.pk})) == [world.ofd.company.name]


@time_machine.travel(TODAY, tick=False)
def test_the_list_filters_current_and_ended_stays_and_by_year(client, world) -> None:  # type: ignore[no-untyped-def]
    # the world's stay: 1 March 2016, still going; this one: 1 February - 31 May 2017
    stay_elsewhere(world, ended_on=D(2017, 5, 31), outflow_status=OutflowStatus.EMPLOYED)
    client.force_login(world.users[Role.STAFF])

    assert listed(client.get(url("list"), {"status": "current"})) == [world.ofd.company.name]
    assert listed(client.get(url("list"), {"status": "ended"})) == ["Elders BV"]
    assert listed(client.get(url("list"), {"year": "2016"})) == [world.ofd.company.name]
    assert listed(client.get(url("list"), {"year": "2017"})) == ["Elders BV", world.ofd.company.name]
    response = client.get(url("list"))
    assert [value for value, _ in response.context["form"].fields["year"].choices] == ["", 2017, 2016]


def test_an_htmx_request_gets_only_the_results(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.get(url("list"), {"q": world.ofd.company.name}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "<html" not in body
    assert world.ofd.company.name in body


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries, rows: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rows):
        stay_elsewhere(world, company=CompanyFactory())
    client.force_login(world.users[Role.STAFF])

    with django_assert_max_num_queries(7):
        response = client.get(url("list"))

    assert len(response.context["page"].object_list) == min(rows + 1, 25)


# --- detail


def test_staff_see_a_stay_with_its_history(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.get(url("detail", pk=world.ofd.participation.pk))

    assert response.status_code == 200
    assert response.context["participation"] == world.ofd.participation
    assert response.context["can_edit"] is True
    assert response.context["history"] == []


def test_a_participant_sees_their_stay_without_edit_controls_or_history(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])

    response = client.get(url("detail", pk=world.ofd.participation.pk))

    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert response.context["history"] is None
    assert url("edit", pk=world.ofd.participation.pk).encode() not in response.content


def test_a_location_manager_gets_404_for_a_stay_at_another_location(client, world) -> None:  # type: ignore[no-untyped-def]
    elsewhere = stay_elsewhere(world)
    client.force_login(world.users[Role.LOCATION_MANAGER])

    assert client.get(url("detail", pk=elsewhere.pk)).status_code == 404
    assert client.get(url("edit", pk=elsewhere.pk)).status_code == 404


def test_a_participant_gets_404_for_another_companys_stay(client, world) -> None:  # type: ignore[no-untyped-def]
    elsewhere = stay_elsewhere(world)
    client.force_login(world.users[Role.PARTICIPANT])

    assert client.get(url("detail", pk=elsewhere.pk)).status_code == 404


def test_staff_get_404_for_a_stay_of_another_programme(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    assert client.get(url("detail", pk=world.other.participation.pk)).status_code == 404
    assert client.get(url("edit", pk=world.other.participation.pk)).status_code == 404


# --- create


@time_machine.travel(TODAY, tick=False)
def test_staff_add_a_stay(client, world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    client.force_login(world.users[Role.STAFF])

    response = client.post(url("create"), form_data(world, company=company.pk))

    participation = Participation.objects.get(company=company)
    assert response.status_code == 302
    assert response["Location"] == url("detail", pk=participation.pk)
    assert (participation.location, participation.started_on) == (world.ofd.location, D(2017, 4, 3))
    assert AuditEntry.objects.get().action == "participation.participation.created"


def test_the_create_form_preselects_the_company_from_the_query_string(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.get(url("create"), {"company": world.ofd.company.pk})

    assert response.status_code == 200
    assert str(response.context["form"]["company"].value()) == str(world.ofd.company.pk)


@time_machine.travel(TODAY, tick=False)
def test_a_location_manager_adds_a_stay_at_their_location_for_a_newly_admitted_company(client, world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    client.force_login(world.users[Role.LOCATION_MANAGER])

    form = client.get(url("create")).context["form"]
    response = client.post(url("create"), form_data(world, company=company.pk))

    assert list(form.fields["location"].queryset) == [world.ofd.location]
    assert company in form.fields["company"].queryset
    assert response.status_code == 302
    assert Participation.objects.get(company=company).location == world.ofd.location


@time_machine.travel(TODAY, tick=False)
def test_a_location_manager_cannot_add_a_stay_at_another_location(client, world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    client.force_login(world.users[Role.LOCATION_MANAGER])

    response = client.post(url("create"), form_data(world, company=company.pk, location=world.ofd.other_location.pk))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["location"]
    assert not Participation.objects.filter(company=company).exists()
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


def test_a_location_manager_is_not_offered_companies_placed_only_at_other_locations(client, world) -> None:  # type: ignore[no-untyped-def]
    elsewhere = stay_elsewhere(world)
    client.force_login(world.users[Role.LOCATION_MANAGER])

    companies = client.get(url("create")).context["form"].fields["company"].queryset

    assert list(companies) == [world.ofd.company]
    assert elsewhere.company not in companies


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.MENTOR, Role.PARTNER, Role.FUNDER])
def test_other_roles_may_not_add_a_stay_and_nothing_changes(client, world, role: str) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    client.force_login(world.users[role])

    assert client.get(url("create")).status_code == 403
    assert client.post(url("create"), form_data(world, company=company.pk)).status_code == 403
    assert not Participation.objects.filter(company=company).exists()
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


def test_staff_cannot_pick_a_company_of_another_programme(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.post(url("create"), form_data(world, company=world.other.company.pk))

    assert list(response.context["form"].errors) == ["company"]
    assert world.other.company.participations.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_an_overlapping_stay_is_a_field_error_on_the_form(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.post(url("create"), form_data(world, started_on="2017-01-02"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["started_on"]
    assert world.ofd.company.participations.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_a_long_stay_without_a_reason_is_a_field_error_and_with_one_it_is_saved(client, world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    client.force_login(world.users[Role.STAFF])
    data = form_data(
        world, company=company.pk, started_on="2014-06-01", ended_on="2017-01-31", outflow_status="entrepreneur"
    )

    refused = client.post(url("create"), data)
    accepted = client.post(url("create"), {**data, "long_stay_reason": "Topklas"})

    assert list(refused.context["form"].errors) == ["long_stay_reason"]
    assert accepted.status_code == 302
    assert list(AuditEntry.objects.order_by("id").values_list("action", "reason")) == [
        ("participation.participation.created", "Topklas"),
        ("participation.participation.overridden", "Topklas"),
    ]


# --- edit


@time_machine.travel(TODAY, tick=False)
def test_staff_end_a_stay(client, world) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation
    client.force_login(world.users[Role.STAFF])

    form = client.get(url("edit", pk=participation.pk)).context["form"]
    response = client.post(
        url("edit", pk=participation.pk),
        form_data(world, started_on="2016-03-01", ended_on="2017-05-31", outflow_status="freelancer"),
    )

    assert "company" not in form.fields
    assert form["started_on"].value() == D(2016, 3, 1)
    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.ended_on, participation.outflow_status) == (D(2017, 5, 31), "freelancer")
    assert AuditEntry.objects.get().changes == {
        "ended_on": [None, "2017-05-31"],
        "outflow_status": ["", "freelancer"],
    }


@time_machine.travel(TODAY, tick=False)
def test_an_end_date_without_an_outflow_status_is_a_field_error_on_the_form(client, world) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation
    client.force_login(world.users[Role.LOCATION_MANAGER])

    response = client.post(
        url("edit", pk=participation.pk), form_data(world, started_on="2016-03-01", ended_on="2017-05-31")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["outflow_status"]
    assert Participation.objects.get(pk=participation.pk).ended_on is None
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


@time_machine.travel(TODAY, tick=False)
def test_a_location_manager_edits_a_stay_at_their_location(client, world) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation
    client.force_login(world.users[Role.LOCATION_MANAGER])

    response = client.post(url("edit", pk=participation.pk), form_data(world, started_on="2016-02-01"))

    assert response.status_code == 302
    assert Participation.objects.get(pk=participation.pk).started_on == D(2016, 2, 1)


@time_machine.travel(TODAY, tick=False)
def test_a_location_manager_cannot_move_a_stay_to_another_location(client, world) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation
    client.force_login(world.users[Role.LOCATION_MANAGER])

    response = client.post(
        url("edit", pk=participation.pk),
        form_data(world, started_on="2016-03-01", location=world.ofd.other_location.pk),
    )

    assert list(response.context["form"].errors) == ["location"]
    assert Participation.objects.get(pk=participation.pk).location == world.ofd.location


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.MENTOR, Role.PARTNER, Role.FUNDER])
def test_other_roles_may_not_edit_a_stay_and_nothing_changes(client, world, role: str) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation
    client.force_login(world.users[role])

    assert client.get(url("edit", pk=participation.pk)).status_code == 403
    response = client.post(url("edit", pk=participation.pk), form_data(world, started_on="2016-02-01"))

    assert response.status_code == 403
    assert Participation.objects.get(pk=participation.pk).started_on == D(2016, 3, 1)
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


@time_machine.travel(TODAY, tick=False)
def test_the_history_speaks_the_users_language_with_its_date_format(client, world) -> None:  # type: ignore[no-untyped-def]
    participation = world.ofd.participation
    client.force_login(world.users[Role.STAFF])
    response = client.post(
        url("edit", pk=participation.pk),
        form_data(world, started_on="2016-02-01", location=world.ofd.other_location.pk),
    )
    assert response.status_code == 302, response.context["form"].errors
    history = 'id="history-heading"'

    dutch = client.get(url("detail", pk=participation.pk)).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url("detail", pk=participation.pk)).content.decode()

    dutch_history, english_history = dutch[dutch.index(history) :], english[english.index(history) :]
    assert "Locatie: " in dutch_history and "Startdatum: " in dutch_history
    assert "Location: " not in dutch_history
    assert "01-02-2016" in dutch_history
    assert "Location: " in english_history and "01/02/2016" in english_history


def test_the_company_search_narrows_the_add_a_stay_forms_list(client, world) -> None:  # type: ignore[no-untyped-def]
    for name in ("Hunze Software B.V.", "Hunze Media", "Esker Data"):
        company = CompanyFactory(name=name)
        company.programmes.add(world.ofd.programme)
    client.force_login(world.users[Role.STAFF])

    form_page = client.get(url("create")).content.decode()
    found = client.get(
        reverse("participation:company-options", kwargs={"programme": "ofd"}), {"q": "hunze"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    nothing = client.get(
        reverse("participation:company-options", kwargs={"programme": "ofd"}), {"q": "zzz"}, HTTP_HX_REQUEST="true"
    ).content.decode()

    assert 'hx-get="/p/ofd/participations/new/company-options/"' in form_page
    assert "Kies een bedrijf" in form_page and "---------" not in form_page
    assert "Hunze Software B.V." in found and "Hunze Media" in found and "Esker Data" not in found
    assert found.count("<option") == 3  # the empty choice and the two
    assert "Niets gevonden" in nothing


def test_a_location_manager_finds_no_company_of_another_location_by_searching(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    elsewhere = stay_elsewhere(world)

    found = client.get(
        reverse("participation:company-options", kwargs={"programme": "ofd"}), {"q": elsewhere.company.name}
    ).content.decode()

    assert elsewhere.company.name not in found
