"""Looking at a person's page leaves a trace (ASVS V16)."""

from django.urls import reverse

from fabriek.core.models import AuditEntry


def test_viewing_a_persons_page_is_in_the_audit_log(world, client) -> None:  # type: ignore[no-untyped-def]
    person = world.ofd.founder
    client.force_login(world.users["staff"])

    response = client.get(reverse("people:person-detail", kwargs={"programme": "ofd", "pk": person.pk}))

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="companies.person.viewed", object_id=str(person.pk))
    assert entry.actor == world.users["staff"]
