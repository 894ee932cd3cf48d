import datetime

import pytest
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.partners.models import Agreement, Partner
from fabriek.partners.tests.factories import AgreementFactory, PartnerFactory

READERS = [Role.STAFF, Role.FUNDER, Role.PARTNER]
NOT_READERS = [Role.LOCATION_MANAGER, Role.MENTOR, Role.PARTICIPANT]
NOT_STAFF = [role.value for role in Role if role != Role.STAFF]


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"partners:{name}", kwargs={"programme": "ofd", **kwargs})


@pytest.mark.parametrize("role", [Role.STAFF, Role.FUNDER])
def test_staff_and_the_funder_see_all_the_programmes_partners_and_no_others(client, world, role) -> None:  # type: ignore[no-untyped-def]
    second = PartnerFactory(name="Zwolle Kennispoort", programmes=[world.ofd.programme])
    client.force_login(world.users[role])
    response = client.get(url("partner-list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [world.ofd.partner, second]
    detail = client.get(url("partner-detail", pk=world.ofd.partner.pk))
    assert detail.status_code == 200
    assert list(detail.context["agreements"]) == [world.ofd.agreement]


def test_a_partner_member_sees_only_their_own_partner(client, world) -> None:  # type: ignore[no-untyped-def]
    other_partner = PartnerFactory(programmes=[world.ofd.programme])
    client.force_login(world.users["partner"])
    assert list(client.get(url("partner-list")).context["page"]) == [world.ofd.partner]
    assert client.get(url("partner-detail", pk=world.ofd.partner.pk)).status_code == 200
    assert client.get(url("partner-detail", pk=other_partner.pk)).status_code == 404


@pytest.mark.parametrize("role", NOT_READERS)
def test_roles_without_partner_access_are_refused(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    assert client.get(url("partner-list")).status_code == 403
    assert client.get(url("partner-detail", pk=world.ofd.partner.pk)).status_code == 403


@pytest.mark.parametrize("role", READERS)
def test_a_partner_of_another_programme_is_not_found(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    assert client.get(url("partner-detail", pk=world.other.partner.pk)).status_code == 404


def test_the_list_filters_by_kind_search_and_agreement_running_on_a_date(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # given the world's partner (network, agreement since 2016-01-01, open) and a bank whose agreement ran in 2015
    bank = PartnerFactory(name="Rabobank Assen", kind=Partner.Kind.BANK, programmes=[world.ofd.programme])
    AgreementFactory(
        partner=bank,
        programme=world.ofd.programme,
        started_on=datetime.date(2015, 1, 1),
        ended_on=datetime.date(2015, 12, 31),
    )

    def listed(**params: str) -> list[Partner]:
        return list(staff_client.get(url("partner-list"), params).context["page"])

    assert listed(kind="bank") == [bank]
    assert listed(q="rabo") == [bank]
    assert listed(active_on="2015-12-31") == [bank]
    assert listed(active_on="2016-01-01") == [world.ofd.partner]
    assert listed(active_on="2014-06-01") == []
    assert {p.name: p.active_today for p in listed()} == {world.ofd.partner.name: True, "Rabobank Assen": False}


def test_an_agreement_with_another_programme_does_not_count_as_running_here(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # the other programme's agreement with a partner both programmes share
    shared = PartnerFactory(programmes=[world.ofd.programme, world.other.programme])
    AgreementFactory(partner=shared, programme=world.other.programme, started_on=datetime.date(2016, 1, 1))
    page = staff_client.get(url("partner-list"), {"active_on": "2016-06-01"}).context["page"]
    assert list(page) == [world.ofd.partner]
    assert list(staff_client.get(url("partner-detail", pk=shared.pk)).context["agreements"]) == []


def test_an_htmx_filter_returns_only_the_results_partial(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("partner-list"), {"kind": "bank"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_the_list_runs_the_same_number_of_queries_for_3_and_30_partners(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    AgreementFactory.create_batch(2, programme=world.ofd.programme)
    with django_assert_max_num_queries(6):
        assert len(staff_client.get(url("partner-list")).context["page"]) == 3
    AgreementFactory.create_batch(27, programme=world.ofd.programme)
    with django_assert_max_num_queries(6):
        assert len(staff_client.get(url("partner-list")).context["page"]) == 25


def test_staff_add_a_partner_and_it_belongs_to_the_programme(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("partner-create"), {"name": "MKB Fonds Drenthe", "kind": "finance"})
    partner = Partner.objects.get(name="MKB Fonds Drenthe")
    assert response.status_code == 302
    assert response["Location"] == url("partner-detail", pk=partner.pk)
    assert list(partner.programmes.all()) == [world.ofd.programme]


def test_staff_edit_a_partner(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    partner = world.ofd.partner
    response = staff_client.post(url("partner-edit", pk=partner.pk), {"name": "KvK Noord", "kind": "government"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.kind) == ("KvK Noord", "government")


def test_staff_add_and_end_an_agreement(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    partner = world.ofd.partner
    response = staff_client.post(url("agreement-create", partner=partner.pk), {"started_on": "2018-01-01"})
    assert response.status_code == 302
    assert response["Location"] == url("partner-detail", pk=partner.pk)
    agreement = Agreement.objects.get(partner=partner, started_on=datetime.date(2018, 1, 1))
    assert agreement.programme == world.ofd.programme
    response = staff_client.post(
        url("agreement-edit", partner=partner.pk, pk=agreement.pk),
        {"started_on": "2018-01-01", "ended_on": "2019-12-31"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ended_on == datetime.date(2019, 12, 31)


def test_an_agreement_that_ends_before_it_starts_is_an_error_on_the_end_date(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    partner = world.ofd.partner
    data = {"started_on": "2018-01-01", "ended_on": "2017-12-31"}
    response = staff_client.post(url("agreement-create", partner=partner.pk), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["ended_on"]
    response = staff_client.post(url("agreement-edit", partner=partner.pk, pk=world.ofd.agreement.pk), data)
    assert list(response.context["form"].errors) == ["ended_on"]
    assert Agreement.objects.filter(partner=partner).count() == 1
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_agreements_of_another_programme_or_another_partner_are_not_found(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    mine = world.ofd.partner
    other = world.other.partner
    data = {"started_on": "2018-01-01"}
    assert staff_client.post(url("agreement-create", partner=other.pk), data).status_code == 404
    assert staff_client.get(url("agreement-edit", partner=other.pk, pk=world.other.agreement.pk)).status_code == 404
    # an agreement reached through the wrong partner
    second = PartnerFactory(programmes=[world.ofd.programme])
    assert staff_client.get(url("agreement-edit", partner=second.pk, pk=world.ofd.agreement.pk)).status_code == 404
    assert staff_client.get(url("agreement-edit", partner=mine.pk, pk=world.other.agreement.pk)).status_code == 404
    assert Agreement.objects.count() == 2


@pytest.mark.parametrize("role", NOT_STAFF)
def test_other_roles_may_not_change_partners_or_agreements_and_nothing_changes(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    partner, agreement = world.ofd.partner, world.ofd.agreement
    attempts = [
        (url("partner-create"), {"name": "X", "kind": "bank"}),
        (url("partner-edit", pk=partner.pk), {"name": "Hacked", "kind": "bank"}),
        (url("agreement-create", partner=partner.pk), {"started_on": "2018-01-01"}),
        (url("agreement-edit", partner=partner.pk, pk=agreement.pk), {"started_on": "2010-01-01"}),
    ]
    for target, data in attempts:
        assert client.get(target).status_code == 403
        assert client.post(target, data).status_code == 403
    partner.refresh_from_db()
    agreement.refresh_from_db()
    assert partner.name != "Hacked"
    assert agreement.started_on == datetime.date(2016, 1, 1)
    assert Partner.objects.count() == 2
    assert Agreement.objects.count() == 2
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_the_funder_and_a_partner_see_no_edit_controls(client, world) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.FUNDER, Role.PARTNER):
        client.force_login(world.users[role])
        response = client.get(url("partner-detail", pk=world.ofd.partner.pk))
        assert url("partner-edit", pk=world.ofd.partner.pk).encode() not in response.content
        assert url("agreement-create", partner=world.ofd.partner.pk).encode() not in response.content
