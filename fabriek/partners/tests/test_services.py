import datetime

import pytest
from django.core.exceptions import ValidationError

from fabriek.core.models import AuditEntry
from fabriek.partners import services
from fabriek.partners.models import Agreement, Partner
from fabriek.partners.tests.factories import PartnerFactory


def test_creating_a_partner_adds_it_to_the_programme_and_logs_it(world) -> None:  # type: ignore[no-untyped-def]
    partner = services.partner_create(
        actor=world.users["staff"], programme=world.ofd.programme, name="NOM", kind=Partner.Kind.FINANCE
    )
    assert list(partner.programmes.all()) == [world.ofd.programme]
    entry = AuditEntry.objects.get(action="partners.partner.created")
    assert (entry.actor, entry.object_id, entry.programme_slug) == (world.users["staff"], str(partner.pk), "ofd")
    assert entry.changes == {"name": [None, "NOM"], "kind": [None, "finance"]}


def test_updating_a_partner_logs_the_changed_fields_old_and_new(world) -> None:  # type: ignore[no-untyped-def]
    partner = world.ofd.partner
    old_name = partner.name
    services.partner_update(actor=None, programme=world.ofd.programme, partner=partner, name="KvK", kind="network")
    entry = AuditEntry.objects.get(action="partners.partner.updated")
    assert entry.changes == {"name": [old_name, "KvK"]}


def test_creating_an_agreement_logs_it(world) -> None:  # type: ignore[no-untyped-def]
    agreement = services.agreement_create(
        actor=None,
        programme=world.ofd.programme,
        partner=world.ofd.partner,
        started_on=datetime.date(2018, 1, 1),
        ended_on=datetime.date(2019, 12, 31),
    )
    entry = AuditEntry.objects.get(action="partners.agreement.created")
    assert entry.object_id == str(agreement.pk)
    assert entry.changes == {
        "partner": [None, world.ofd.partner.name],
        "started_on": [None, "2018-01-01"],
        "ended_on": [None, "2019-12-31"],
    }


def test_updating_an_agreement_logs_the_changed_dates(world) -> None:  # type: ignore[no-untyped-def]
    agreement = world.ofd.agreement
    services.agreement_update(
        actor=None, programme=world.ofd.programme, agreement=agreement, ended_on=datetime.date(2017, 12, 31)
    )
    entry = AuditEntry.objects.get(action="partners.agreement.updated")
    assert entry.changes == {"ended_on": [None, "2017-12-31"]}
    agreement.refresh_from_db()
    assert agreement.ended_on == datetime.date(2017, 12, 31)


def test_an_agreement_ending_before_it_starts_is_refused_on_the_end_date(world) -> None:  # type: ignore[no-untyped-def]
    agreement = world.ofd.agreement
    with pytest.raises(ValidationError) as error:
        services.agreement_update(
            actor=None, programme=world.ofd.programme, agreement=agreement, ended_on=datetime.date(2015, 1, 1)
        )
    assert set(error.value.error_dict) == {"ended_on"}
    assert agreement.ended_on is None
    assert not AuditEntry.objects.exists()


def test_an_agreement_needs_a_partner_of_the_programme(world) -> None:  # type: ignore[no-untyped-def]
    outsider = PartnerFactory(programmes=[world.other.programme])
    with pytest.raises(ValueError):
        services.agreement_create(
            actor=None, programme=world.ofd.programme, partner=outsider, started_on=datetime.date(2018, 1, 1)
        )
    assert Agreement.objects.filter(partner=outsider).count() == 0
