import datetime

from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.mentoring.models import MentorMatch


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"mentoring:{name}", kwargs={"programme": "ofd", **kwargs})


def test_staff_make_a_company_a_mentors_mentee(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    MentorMatch.objects.all().delete()
    mentor, company = world.ofd.mentor, world.ofd.company
    response = staff_client.post(
        url("mentor-match-create", pk=mentor.pk), {"company": company.pk, "started_on": "2017-02-01"}
    )
    assert response.status_code == 302
    match = MentorMatch.objects.get(mentor=mentor)
    assert (match.company, match.started_on, match.ended_on) == (company, datetime.date(2017, 2, 1), None)
    assert AuditEntry.objects.filter(action="mentoring.mentormatch.created", object_id=str(match.pk)).exists()
    assert company.name in staff_client.get(url("mentor-detail", pk=mentor.pk)).content.decode()


def test_another_programmes_company_is_not_offered(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(
        url("mentor-match-create", pk=world.ofd.mentor.pk),
        {"company": world.other.company.pk, "started_on": "2017-02-01"},
    )
    assert response.status_code == 200
    assert "company" in response.context["form"].errors
    assert not MentorMatch.objects.filter(company=world.other.company, mentor=world.ofd.mentor).exists()


def test_staff_end_a_mentorship_and_not_before_it_started(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    match = world.ofd.mentor_match
    end = url("mentor-match-end", pk=world.ofd.mentor.pk, match=match.pk)
    staff_client.post(end, {"ended_on": "2015-01-01"})
    match.refresh_from_db()
    assert match.ended_on is None
    staff_client.post(end, {"ended_on": "2018-01-01"})
    match.refresh_from_db()
    assert match.ended_on == datetime.date(2018, 1, 1)
    assert AuditEntry.objects.filter(action="mentoring.mentormatch.ended", object_id=str(match.pk)).exists()


def test_a_mentor_cannot_end_their_own_mentorship(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.MENTOR])
    match = world.ofd.mentor_match
    response = client.post(url("mentor-match-end", pk=world.ofd.mentor.pk, match=match.pk), {"ended_on": "2018-01-01"})
    assert response.status_code == 403
    match.refresh_from_db()
    assert match.ended_on is None
