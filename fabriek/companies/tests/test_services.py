import datetime

import pytest
from django.core.exceptions import ValidationError

from fabriek.companies import services
from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry


def test_creating_a_company_registers_it_in_the_programme_and_logs_it(world) -> None:  # type: ignore[no-untyped-def]
    actor = world.users["staff"]
    company = services.company_create(
        actor=actor,
        programme=world.ofd.programme,
        kvk_number="87654321",
        name="Hunebed Robotics BV",
        founded_on=datetime.date(2016, 5, 1),
    )
    assert list(company.programmes.all()) == [world.ofd.programme]
    entry = AuditEntry.objects.get(action="companies.company.created")
    assert entry.actor == actor
    assert entry.object_id == str(company.pk)
    assert entry.programme_slug == "ofd"
    assert entry.changes == {
        "kvk_number": [None, "87654321"],
        "name": [None, "Hunebed Robotics BV"],
        "founded_on": [None, "2016-05-01"],
    }


def test_a_company_with_a_bad_kvk_number_is_refused_per_field_and_nothing_is_written(world) -> None:  # type: ignore[no-untyped-def]
    before = Company.objects.count()
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=None, programme=world.ofd.programme, kvk_number="1234", name="X")
    assert set(error.value.error_dict) == {"kvk_number"}
    assert Company.objects.count() == before
    assert not AuditEntry.objects.exists()


def test_updating_a_company_logs_only_the_changed_fields_old_and_new(world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    old_name = company.name
    services.company_update(
        actor=world.users["staff"], programme=world.ofd.programme, company=company, name="Nieuw BV", postcode="9401 AB"
    )
    entry = AuditEntry.objects.get(action="companies.company.updated")
    assert entry.changes == {"name": [old_name, "Nieuw BV"]}
    company.refresh_from_db()
    assert company.name == "Nieuw BV"


def test_an_update_that_changes_nothing_writes_no_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    services.company_update(actor=None, programme=world.ofd.programme, company=company, name=company.name)
    assert not AuditEntry.objects.exists()


def test_a_kvk_number_taken_between_the_check_and_the_save_is_a_field_error(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Another request registers the same KvK number after this one validated: the database refuses the
    # second row, and the person sees the same field error as when the number was taken before.
    original = Company.full_clean

    def full_clean_then_someone_else_saves(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        if not Company.objects.filter(kvk_number="55555555").exists():
            Company.objects.create(kvk_number="55555555", name="Quicker BV")

    monkeypatch.setattr(Company, "full_clean", full_clean_then_someone_else_saves)
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=None, programme=world.ofd.programme, kvk_number="55555555", name="Slower BV")
    assert set(error.value.error_dict) == {"kvk_number"}
    assert not Company.objects.filter(name="Slower BV").exists()
