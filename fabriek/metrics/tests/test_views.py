import datetime

import pytest
from django.urls import get_resolver, include, path, reverse

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.metrics.models import Observation, Source
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.tests.factories import ParticipationFactory

D = datetime.date

# Until config/urls.py includes the metrics URLs, these tests include them the way it will.
# (get_resolver() is the project's URLconf, config.urls, which this layer does not import by name.)
if "metrics" in get_resolver().namespace_dict:
    urlpatterns = list(get_resolver().url_patterns)
else:
    urlpatterns = [
        path("p/<slug:programme>/companies/<int:company>/observations/", include("fabriek.metrics.urls")),
        *get_resolver().url_patterns,
    ]
pytestmark = pytest.mark.urls(__name__)


def create_url(company, programme: str = "ofd") -> str:  # type: ignore[no-untyped-def]
    return reverse("metrics:observation-create", kwargs={"programme": programme, "company": company.pk})


def edit_url(observation, programme: str = "ofd") -> str:  # type: ignore[no-untyped-def]
    return reverse(
        "metrics:observation-edit",
        kwargs={"programme": programme, "company": observation.company_id, "pk": observation.pk},
    )


def company_url(company) -> str:  # type: ignore[no-untyped-def]
    return reverse("companies:company-detail", kwargs={"programme": "ofd", "pk": company.pk})


def form_data(**overrides) -> dict:  # type: ignore[no-untyped-def]
    return {
        "observed_on": "2017-01-01",
        "employees": "3",
        "interns": "1",
        "fte": "2.5",
        "revenue": "125000.50",
        "source": "survey",
        **overrides,
    }


def company_elsewhere(world):  # type: ignore[no-untyped-def]
    """A company of the programme that stayed only at the other location (not the location manager's)."""
    return ParticipationFactory(
        programme=world.ofd.programme,
        location=world.ofd.other_location,
        package=world.ofd.package,
        company=CompanyFactory(),
        started_on=D(2017, 2, 1),
    ).company


def test_the_company_page_offers_to_add_figures(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.get(company_url(world.ofd.company))

    assert create_url(world.ofd.company).encode() in response.content


def test_staff_add_figures_from_the_source_they_choose(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    form = client.get(create_url(world.ofd.company)).context["form"]
    response = client.post(create_url(world.ofd.company), form_data())

    assert "source" in form.fields
    assert response.status_code == 302
    assert response["Location"] == company_url(world.ofd.company)
    observation = world.ofd.company.observations.get(observed_on=D(2017, 1, 1))
    assert (observation.employees, observation.revenue_cents, observation.source) == (3, 12500050, "survey")
    assert AuditEntry.objects.get().action == "metrics.observation.created"


def test_a_location_manager_adds_figures_for_a_company_at_their_location(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])

    response = client.post(create_url(world.ofd.company), form_data(source="intake"))

    assert response.status_code == 302
    assert world.ofd.company.observations.get(observed_on=D(2017, 1, 1)).source == "intake"


def test_a_location_manager_gets_404_for_a_company_at_another_location(client, world) -> None:  # type: ignore[no-untyped-def]
    company = company_elsewhere(world)
    observation = ObservationFactory(company=company)
    client.force_login(world.users[Role.LOCATION_MANAGER])

    assert client.get(create_url(company)).status_code == 404
    assert client.post(create_url(company), form_data()).status_code == 404
    assert client.post(edit_url(observation), form_data()).status_code == 404
    assert list(company.observations.values_list("employees", flat=True)) == [1]
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


def test_a_participant_reports_their_own_figures_always_as_a_self_report(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])

    form = client.get(create_url(world.ofd.company)).context["form"]
    response = client.post(create_url(world.ofd.company), form_data(source="staff"))

    assert "source" not in form.fields
    assert response.status_code == 302
    assert world.ofd.company.observations.get(observed_on=D(2017, 1, 1)).source == "self_report"


def test_a_participant_gets_404_for_another_company(client, world) -> None:  # type: ignore[no-untyped-def]
    company = company_elsewhere(world)
    client.force_login(world.users[Role.PARTICIPANT])

    assert client.post(create_url(company), form_data()).status_code == 404
    assert not company.observations.exists()


def test_a_participant_corrects_their_own_report_and_it_stays_a_self_report(client, world) -> None:  # type: ignore[no-untyped-def]
    observation = ObservationFactory(company=world.ofd.company, observed_on=D(2017, 1, 1), source=Source.SELF_REPORT)
    client.force_login(world.users[Role.PARTICIPANT])

    response = client.post(edit_url(observation), form_data(employees="6", source="staff"))

    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.employees, observation.source) == (6, "self_report")


def test_a_participant_may_not_change_the_figures_of_the_team(client, world) -> None:  # type: ignore[no-untyped-def]
    observation = world.ofd.observation  # reported by staff
    client.force_login(world.users[Role.PARTICIPANT])

    assert client.get(edit_url(observation)).status_code == 403
    assert client.post(edit_url(observation), form_data(employees="9")).status_code == 403
    assert Observation.objects.get(pk=observation.pk).employees == 2
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


def test_staff_edit_figures_and_the_form_shows_revenue_in_euros(client, world) -> None:  # type: ignore[no-untyped-def]
    observation = ObservationFactory(company=world.ofd.company, observed_on=D(2017, 1, 1), revenue_cents=12500050)
    client.force_login(world.users[Role.STAFF])

    form = client.get(edit_url(observation)).context["form"]
    response = client.post(edit_url(observation), form_data(revenue="99.99", source="staff"))

    assert form["revenue"].value() == "125.000,50"  # written the Dutch way, as the page reads it back
    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.revenue_cents, observation.employees) == (9999, 3)
    assert AuditEntry.objects.get().action == "metrics.observation.updated"


def test_figures_of_another_company_are_not_reachable_through_this_company(client, world) -> None:  # type: ignore[no-untyped-def]
    other = ObservationFactory(company=CompanyFactory(programmes=[world.ofd.programme]))
    client.force_login(world.users[Role.STAFF])
    wrong = reverse(
        "metrics:observation-edit", kwargs={"programme": "ofd", "company": world.ofd.company.pk, "pk": other.pk}
    )

    assert client.get(wrong).status_code == 404


def test_a_duplicate_date_and_source_is_a_field_error_on_the_form(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.post(create_url(world.ofd.company), form_data(observed_on="2016-03-01", source="staff"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["observed_on"]
    assert world.ofd.company.observations.count() == 1


def test_numbers_outside_their_bounds_are_field_errors_on_the_form(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    response = client.post(
        create_url(world.ofd.company),
        form_data(employees="-1", interns="100001", fte="-1", revenue="10000000000.01"),
    )

    assert sorted(response.context["form"].errors) == ["employees", "fte", "interns", "revenue"]
    assert world.ofd.company.observations.count() == 1


@pytest.mark.parametrize("role", [Role.MENTOR, Role.PARTNER, Role.FUNDER])
def test_other_roles_may_not_add_or_edit_figures_and_nothing_changes(client, world, role: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])

    assert client.get(create_url(world.ofd.company)).status_code == 403
    assert client.post(create_url(world.ofd.company), form_data()).status_code == 403
    assert client.post(edit_url(world.ofd.observation), form_data(employees="9")).status_code == 403
    assert list(world.ofd.company.observations.values_list("employees", flat=True)) == [2]
    assert AuditEntry.objects.exclude(action="access.refused").count() == 0  # only the refusal is logged


def test_another_programmes_company_gives_404(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])

    assert client.get(create_url(world.other.company)).status_code == 404
    assert client.post(edit_url(world.other.observation), form_data()).status_code == 404
    assert client.get(create_url(world.other.company, programme="other")).status_code == 404
    assert list(world.other.company.observations.values_list("employees", flat=True)) == [2]


def test_a_decimal_comma_is_understood_in_dutch(client, world) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from django.urls import reverse

    from fabriek.metrics.models import Observation

    client.force_login(world.users["staff"])
    company = world.ofd.company
    url = reverse("metrics:observation-create", kwargs={"programme": "ofd", "company": company.pk})
    response = client.post(
        url,
        {
            "observed_on": "2017-03-01",
            "employees": "3",
            "interns": "1",
            "fte": "2,5",
            "revenue": "125000,50",
            "source": "staff",
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get(company=company, observed_on="2017-03-01")
    assert (observation.fte, observation.revenue_cents) == (Decimal("2.50"), 12500050)
