"""The audit log (ASVS V16): refused requests, downloads, views of personal data and admin changes are logged;
staff read their programme's log, filtered, and nobody changes it through the app."""

from django.urls import reverse

from fabriek.accounts.models import Membership, Role
from fabriek.core.models import AuditEntry


def test_an_export_is_logged_with_who_and_what(client, world) -> None:  # type: ignore[no-untyped-def]
    funder = world.users[Role.FUNDER]
    client.force_login(funder)
    url = reverse("reporting:indicators-export", kwargs={"programme": "ofd"})
    response = client.get(url, {"from": "2016-01-01", "to": "2016-12-31", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    entry = AuditEntry.objects.get(action="export.downloaded")
    assert (entry.actor, entry.programme_slug) == (funder, "ofd")
    assert entry.object_repr.endswith(".zip")  # a CSV download is a zip with one CSV per table
    assert entry.changes["path"].startswith(url)


def test_viewing_a_mentors_page_is_logged(client, world) -> None:  # type: ignore[no-untyped-def]
    staff = world.users[Role.STAFF]
    client.force_login(staff)
    mentor = world.ofd.mentor
    assert (
        client.get(reverse("mentoring:mentor-detail", kwargs={"programme": "ofd", "pk": mentor.pk})).status_code == 200
    )
    entry = AuditEntry.objects.get(action="mentoring.mentor.viewed")
    assert (entry.actor, entry.object_id, entry.programme_slug) == (staff, str(mentor.pk), "ofd")


def test_a_refused_page_is_logged_with_path_and_status(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.FUNDER])
    url = reverse("companies:company-detail", kwargs={"programme": "ofd", "pk": world.ofd.company.pk})
    assert client.get(url).status_code == 403
    entry = AuditEntry.objects.get(action="access.refused")
    assert (entry.object_repr, entry.changes["status"], entry.changes["method"]) == (url, 403, "GET")


def test_admin_changes_of_users_and_memberships_are_logged(client, world) -> None:  # type: ignore[no-untyped-def]
    admin = world.users["superuser"]
    client.force_login(admin)
    mentor = world.users[Role.MENTOR]
    membership = Membership.objects.get(user=mentor)
    response = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"user": mentor.pk, "programme": membership.programme_id, "role": "staff"},
    )
    assert response.status_code == 302, response.content
    entry = AuditEntry.objects.get(action="accounts.membership.changed_in_admin")
    assert (entry.actor, entry.object_id) == (admin, str(membership.pk))
    assert entry.changes["admin"] == [{"changed": {"fields": ["Role"]}}]

    response = client.post(reverse("admin:accounts_user_delete", args=[mentor.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.user.deleted_in_admin", object_id=str(mentor.pk)).exists()


def test_nobody_changes_or_deletes_the_audit_log_in_the_admin(client, world) -> None:  # type: ignore[no-untyped-def]
    entry = AuditEntry.objects.create(action="x.y.z", object_repr="r")
    client.force_login(world.users["superuser"])
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert (
        client.post(reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "changed"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.action == "x.y.z"


def log_page(client, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("audit-log", kwargs={"programme": "ofd"}), params)


def test_staff_read_their_programmes_log_filtered_by_person_record_and_actor(client, world) -> None:  # type: ignore[no-untyped-def]
    staff, funder = world.users[Role.STAFF], world.users[Role.FUNDER]
    company = world.ofd.company
    AuditEntry.objects.create(
        actor=staff,
        action="companies.company.updated",
        object_type="companies.company",
        object_id=str(company.pk),
        object_repr=company.name,
        programme_slug="ofd",
        changes={"name": ["Old", "Anna de Vries Design"]},
    )
    AuditEntry.objects.create(
        actor=funder, action="export.downloaded", object_repr="indicators.csv", programme_slug="ofd"
    )
    AuditEntry.objects.create(
        actor=world.users["other_staff"],
        action="companies.company.updated",
        object_repr="Secret BV",
        programme_slug="other",
    )
    AuditEntry.objects.create(
        actor=funder,
        action="accounts.user.logged_in",
        object_type="accounts.user",
        object_id=str(funder.pk),
        object_repr="funder",
    )
    client.force_login(staff)

    everything = log_page(client).content.decode()
    assert company.name in everything and "indicators.csv" in everything and "accounts.user.logged_in" in everything
    assert "Secret BV" not in everything  # another programme's entries stay hidden

    by_person = log_page(client, person="anna de vries").content.decode()
    assert company.name in by_person and "indicators.csv" not in by_person
    by_actor = log_page(client, actor="funder").content.decode()
    assert "indicators.csv" in by_actor and company.name not in by_actor
    by_record = log_page(client, object_type="companies.company", object_id=str(company.pk)).content.decode()
    assert company.name in by_record and "indicators.csv" not in by_record


def test_only_staff_read_the_log(client, world) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.LOCATION_MANAGER, Role.FUNDER, Role.MENTOR):
        client.force_login(world.users[role])
        assert log_page(client).status_code == 403


def test_the_log_page_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    staff = world.users[Role.STAFF]
    for index in range(60):
        AuditEntry.objects.create(actor=staff, action="a.b.c", object_repr=f"r{index}", programme_slug="ofd")
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        assert log_page(client).status_code == 200
