from django.urls import reverse

from fabriek.companies.models import Company
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"companies:{name}", kwargs={"programme": "ofd", **kwargs})


def test_staff_see_their_programmes_companies_and_not_another_programmes(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("company-list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [world.ofd.company]


def test_the_list_searches_by_name_and_kvk_prefix(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    other = CompanyFactory(name="Veenkoloniaal Design", kvk_number="55500001", programmes=[world.ofd.programme])
    assert list(staff_client.get(url("company-list"), {"q": "veenkol"}).context["page"]) == [other]
    assert list(staff_client.get(url("company-list"), {"q": "555"}).context["page"]) == [other]


def test_an_htmx_search_returns_only_the_results_partial(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("company-list"), {"q": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_the_list_runs_the_same_number_of_queries_for_3_and_30_companies(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    CompanyFactory.create_batch(2, programmes=[world.ofd.programme])
    with django_assert_max_num_queries(8):
        staff_client.get(url("company-list"))
    CompanyFactory.create_batch(27, programmes=[world.ofd.programme])
    with django_assert_max_num_queries(8):
        assert len(staff_client.get(url("company-list")).context["page"]) == 25


def test_staff_edit_a_company_and_the_change_is_saved_and_logged(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    response = staff_client.post(
        url("company-edit", pk=company.pk), {"kvk_number": company.kvk_number, "name": "Drentse Drones BV"}
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Drentse Drones BV"
    assert AuditEntry.objects.filter(action="companies.company.updated", object_id=str(company.pk)).exists()


def test_a_bad_postcode_shows_a_field_error_in_dutch_and_changes_nothing(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    response = staff_client.post(
        url("company-edit", pk=company.pk), {"kvk_number": company.kvk_number, "name": "X", "postcode": "94011 AB"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["postcode"]
    assert response["Content-Language"] == "nl"
    company.refresh_from_db()
    assert company.name != "X"


def test_a_participant_may_edit_only_their_own_company(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["participant"])
    mine = world.ofd.company
    not_mine = CompanyFactory(programmes=[world.ofd.programme])
    assert client.get(url("company-edit", pk=mine.pk)).status_code == 200
    response = client.post(url("company-edit", pk=not_mine.pk), {"kvk_number": not_mine.kvk_number, "name": "Hacked"})
    assert response.status_code == 404
    not_mine.refresh_from_db()
    assert not_mine.name != "Hacked"


def test_staff_create_a_company(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("company-create"), {"kvk_number": "76543210", "name": "Assen Analytics"})
    company = Company.objects.get(kvk_number="76543210")
    assert response.status_code == 302
    assert response["Location"] == url("company-detail", pk=company.pk)
    assert world.ofd.programme in company.programmes.all()


def test_a_duplicate_kvk_number_is_a_field_error(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("company-create"), {"kvk_number": world.other.company.kvk_number, "name": "Copy"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["kvk_number"]


def test_a_location_manager_sees_only_the_stays_at_their_own_location(client, world) -> None:  # type: ignore[no-untyped-def]
    import datetime

    from fabriek.participation.tests.factories import ParticipationFactory
    from fabriek.programmes.tests.factories import LocationFactory

    company = world.ofd.company
    world.ofd.participation.ended_on = datetime.date(2016, 12, 31)
    world.ofd.participation.outflow_status = "entrepreneur"
    world.ofd.participation.save()
    emmen = LocationFactory(programme=world.ofd.programme, name="Emmen")
    elsewhere = ParticipationFactory(
        programme=world.ofd.programme, company=company, location=emmen, started_on=datetime.date(2017, 1, 1)
    )
    client.force_login(world.users["location_manager"])
    response = client.get(url("company-detail", pk=company.pk))
    assert response.status_code == 200
    assert list(response.context["participations"]) == [world.ofd.participation]
    assert elsewhere not in response.context["participations"]


def test_filtering_by_another_location_tells_a_location_manager_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["location_manager"])
    response = client.get(url("company-list"), {"location": world.ofd.other_location.pk})
    nonexistent = client.get(url("company-list"), {"location": 999999})
    # refused (400) in the same words as a location that does not exist: its existence is not revealed
    assert response.status_code == nonexistent.status_code == 400
    message = response.context["message"]
    assert message == nonexistent.context["message"].replace("999999", str(world.ofd.other_location.pk))
    assert world.ofd.other_location.name not in response.content.decode()


def test_a_participant_may_not_change_their_kvk_number(client, world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    kvk = company.kvk_number
    client.force_login(world.users["participant"])
    response = client.post(url("company-edit", pk=company.pk), {"kvk_number": "99999999", "name": "Eigen naam BV"})
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.kvk_number, company.name) == (kvk, "Eigen naam BV")


def test_the_api_refuses_a_participants_kvk_change_with_a_field_error(client, world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    kvk = company.kvk_number
    from fabriek.accounts.models import ApiToken, hash_token

    ApiToken.objects.create(
        user=world.users["participant"], name="t", key_hash=hash_token("secret-key"), scope="read_write"
    )
    response = client.patch(
        f"/api/v1/programmes/ofd/companies/{company.pk}",
        {"kvk_number": "99999999"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer secret-key",
    )
    assert response.status_code == 422
    assert "kvk_number" in response.json()["errors"]
    company.refresh_from_db()
    assert company.kvk_number == kvk
