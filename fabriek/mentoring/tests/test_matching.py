"""Matching: staff propose a mentor with room whose expertise fits the company's needs; the mentor accepts or
declines (mail through the outbox both ways); sessions and follow-ups; who sees what."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory, PersonFactory
from fabriek.core.models import AuditEntry
from fabriek.mail.models import OutboxMessage
from fabriek.mail.services import outbox_deliver_due
from fabriek.mentoring import selectors, services
from fabriek.mentoring.models import MatchStatus, MentoringNeeds, MentorMatch
from fabriek.mentoring.tests.factories import MentorFactory, MentoringSessionFactory, MentorMatchFactory
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.reporting import indicators

NOW = datetime.datetime(2020, 6, 1, 10, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2020, 6, 1)


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"mentoring:{name}", kwargs={"programme": "ofd", **kwargs})


def mentor(world, name, expertise, capacity=2, **kwargs):  # type: ignore[no-untyped-def]
    return MentorFactory(
        programme=world.ofd.programme,
        person=PersonFactory(name=name, email=f"{name.split()[0].lower()}@example.org", language="en"),
        expertise=expertise,
        capacity=capacity,
        **kwargs,
    )


def starter(world, name="Veenkoloniale Vezels"):  # type: ignore[no-untyped-def]
    stay = ParticipationFactory(
        programme=world.ofd.programme,
        location=world.ofd.location,
        package=world.ofd.package,
        company=CompanyFactory(name=name, programmes=[world.ofd.programme]),
        started_on=datetime.date(2020, 1, 1),
    )
    return stay.company


def test_suggestions_put_the_best_fit_first_and_leave_out_mentors_without_room(world) -> None:  # type: ignore[no-untyped-def]
    # The world's mentor (finance, capacity 2) coaches the world's company: one place left.
    both = mentor(world, "Bea Both", ["finance", "marketing"], capacity=3)
    one = mentor(world, "Olga One", ["marketing"])
    none = mentor(world, "Nico None", ["legal"])
    full = mentor(world, "Frits Full", ["finance", "marketing"], capacity=1)
    MentorMatchFactory(mentor=full, status=MatchStatus.PROPOSED)  # an open proposal holds the place
    stopped = mentor(world, "Stijn Stopped", ["finance", "marketing"], active_until=datetime.date(2020, 5, 31))
    declined_only = mentor(world, "Dora Declined", ["marketing"], capacity=1)
    MentorMatchFactory(mentor=declined_only, status=MatchStatus.DECLINED)  # a declined one does not
    ended_only = mentor(world, "Evert Ended", ["legal"], capacity=1)
    MentorMatchFactory(mentor=ended_only, ended_on=datetime.date(2020, 5, 31))

    found = selectors.mentor_suggestions(programme=world.ofd.programme, needs=["finance", "marketing"], on=TODAY)

    # most needs covered first, then most room, then by name ("Dora" before the world's "Person ...")
    assert [(s.mentor, s.fits, s.room) for s in found] == [
        (both, ["finance", "marketing"], 3),
        (one, ["marketing"], 2),
        (declined_only, ["marketing"], 1),
        (world.ofd.mentor, ["finance"], 1),
        (none, [], 2),
        (ended_only, [], 1),
    ]
    assert full not in [s.mentor for s in found] and stopped not in [s.mentor for s in found]


def test_the_suggestions_page_shows_the_needs_and_the_fitting_mentors_in_bounded_queries(  # type: ignore[no-untyped-def]
    staff_client, world, django_assert_max_num_queries
) -> None:
    company = starter(world)
    MentoringNeeds.objects.create(company=company, programme=world.ofd.programme, needs=["marketing"])
    for i in range(3):
        mentor(world, f"Mentor{i} Marketing", ["marketing"])
    with django_assert_max_num_queries(14):
        few = staff_client.get(url("match-suggest"), {"company": company.pk})
    for i in range(3, 30):
        mentor(world, f"Mentor{i} Marketing", ["marketing"])
    with django_assert_max_num_queries(14):
        many = staff_client.get(url("match-suggest"), {"company": company.pk})

    assert len(few.context["suggestions"]) == 4 and len(many.context["suggestions"]) == 31
    assert many.context["suggestions"][0].fits == ["marketing"]
    assert "Marketing en branding" in many.content.decode()  # the vocabulary's Dutch label
    assert staff_client.get(url("match-suggest"), {"company": "abc"}).status_code == 404
    assert staff_client.get(url("match-suggest"), {"company": world.other.company.pk}).status_code == 404


def test_a_proposal_mails_the_mentor_and_counts_only_once_accepted(  # type: ignore[no-untyped-def]
    staff_client, client, world, smtp_server, settings
) -> None:
    settings.SITE_URL = "https://fabriek.example.org"
    OutboxMessage.objects.all().delete()
    company = starter(world)
    anna = mentor(world, "Anna Accept", ["marketing"])
    counted = indicators.mentors(programme=world.ofd.programme, start=TODAY, end=TODAY).value

    response = staff_client.post(
        url("match-suggest") + f"?company={company.pk}", {"mentor": anna.pk, "started_on": "2020-06-01"}
    )

    match = MentorMatch.objects.get(mentor=anna)
    assert response.status_code == 302 and response["Location"] == url("match-detail", pk=match.pk)
    assert (match.company, match.status, match.proposed_by) == (company, MatchStatus.PROPOSED, world.users["staff"])
    assert indicators.mentors(programme=world.ofd.programme, start=TODAY, end=TODAY).value == counted
    outbox_deliver_due()
    [received] = smtp_server.messages
    assert received.recipients == ["anna@example.org"]
    assert received.message["Subject"] == "Will you mentor Veenkoloniale Vezels?"  # in Anna's language
    assert f"https://fabriek.example.org{url('match-detail', pk=match.pk)}" in received.message.get_content()

    # the mentor logs in (her account matches her mentor record by e-mail) and accepts
    world.users[Role.MENTOR].email = "anna@example.org"
    world.users[Role.MENTOR].save()
    client.force_login(world.users[Role.MENTOR])
    assert client.get(url("match-detail", pk=match.pk)).status_code == 200
    client.post(url("match-respond", pk=match.pk), {"answer": "accept"})

    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED
    assert indicators.mentors(programme=world.ofd.programme, start=TODAY, end=TODAY).value == counted + 1
    assert AuditEntry.objects.filter(action="mentoring.mentormatch.accepted", object_id=str(match.pk)).exists()
    outbox_deliver_due()
    answer = smtp_server.messages[-1]
    assert answer.recipients == [world.users["staff"].email]
    assert "Anna Accept" in answer.message["Subject"]
    # a second answer (another tab) changes nothing
    client.post(url("match-respond", pk=match.pk), {"answer": "decline"})
    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED


def test_a_mentor_declines_with_a_reason_and_the_place_is_free_again(world) -> None:  # type: ignore[no-untyped-def]
    solo = mentor(world, "Sam Solo", ["legal"], capacity=1)
    company = starter(world)
    match = services.mentor_match_create(
        actor=world.users["staff"], programme=world.ofd.programme, mentor=solo, company=company, started_on=TODAY
    )
    with pytest.raises(ValidationError) as full:
        services.mentor_match_create(
            actor=world.users["staff"],
            programme=world.ofd.programme,
            mentor=solo,
            company=starter(world, "Tweede Bedrijf"),
            started_on=TODAY,
        )
    assert "Sam Solo heeft al 1 mentees" in full.value.message_dict["company"][0]

    services.mentor_match_respond(
        actor=world.users[Role.MENTOR], programme=world.ofd.programme, match=match, accept=False, reason="Too busy"
    )

    match.refresh_from_db()
    assert (match.status, match.decline_reason) == (MatchStatus.DECLINED, "Too busy")
    assert selectors.mentor_load(mentor=solo, on=TODAY) == 0


def test_another_mentor_cannot_open_or_answer_a_match(client, world) -> None:  # type: ignore[no-untyped-def]
    other = MentorMatchFactory(
        mentor=mentor(world, "Otto Other", ["legal"]), company=starter(world), status=MatchStatus.PROPOSED
    )
    client.force_login(world.users[Role.MENTOR])

    assert client.get(url("match-detail", pk=other.pk)).status_code == 404
    assert client.post(url("match-respond", pk=other.pk), {"answer": "accept"}).status_code == 404
    assert client.get(url("session-create", pk=other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.status == MatchStatus.PROPOSED


def test_a_mentor_logs_a_session_on_the_page_and_marks_the_follow_up_done_from_home(client, world) -> None:  # type: ignore[no-untyped-def]
    match = world.ofd.mentor_match
    client.force_login(world.users[Role.MENTOR])

    response = client.post(
        url("session-create", pk=match.pk),
        {"held_on": "2020-05-20", "minutes": "75", "topics": "Hiring", "follow_up": "Draft the vacancy"},
    )

    assert response.status_code == 302
    session = match.sessions.get(topics="Hiring")
    home = client.get(reverse("homes:home", kwargs={"programme": "ofd"})).content.decode()
    assert "Draft the vacancy" in home and "Send the draft price list" in home  # both open
    client.post(url("session-follow-up", pk=session.pk), {"next": "home"})
    session.refresh_from_db()
    assert session.follow_up_done_on == TODAY
    home = client.get(reverse("homes:home", kwargs={"programme": "ofd"})).content.decode()
    assert "Draft the vacancy" not in home and "Send the draft price list" in home


def test_a_session_form_error_is_on_its_field_in_dutch(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.MENTOR])

    response = client.post(
        url("session-create", pk=world.ofd.mentor_match.pk),
        {"held_on": "2020-06-02", "minutes": "4", "topics": ""},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"held_on", "minutes", "topics"}
    assert "toekomst" in str(response.context["form"].errors["held_on"])


def test_the_company_page_shows_its_mentoring_to_staff_and_its_people_but_no_notes_to_a_location_manager(  # type: ignore[no-untyped-def]
    client, world
) -> None:
    page = reverse("companies:company-detail", kwargs={"programme": "ofd", "pk": world.ofd.company.pk})
    seen = {}
    for role in (Role.STAFF, Role.PARTICIPANT, Role.LOCATION_MANAGER):
        client.force_login(world.users[role])
        response = client.get(page)
        assert response.status_code == 200
        seen[role] = response.content.decode()

    assert "Pricing and the first hire" in seen[Role.STAFF]
    assert world.ofd.mentor.person.name in seen[Role.PARTICIPANT]
    assert "Pricing and the first hire" in seen[Role.PARTICIPANT]
    assert "Pricing and the first hire" not in seen[Role.LOCATION_MANAGER]


def test_a_participant_states_their_companys_needs_but_not_anothers(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])

    response = client.post(url("needs-edit", company=world.ofd.company.pk), {"needs": ["export", "finance"]})

    assert response.status_code == 302
    needs = MentoringNeeds.objects.get(company=world.ofd.company)
    assert needs.needs == ["finance", "export"]  # in the vocabulary's order
    other = CompanyFactory(programmes=[world.ofd.programme])
    assert client.get(url("needs-edit", company=other.pk)).status_code == 404
    bad = client.post(url("needs-edit", company=world.ofd.company.pk), {"needs": ["astrology"]})
    assert bad.status_code == 200 and "needs" in bad.context["form"].errors


def test_hours_per_mentor_sum_the_sessions_of_the_period_and_count_running_mentees(  # type: ignore[no-untyped-def]
    staff_client, world, django_assert_max_num_queries
) -> None:
    # world: the mentor coaches the world's company since 2016-06-01, a 60-minute session on 2016-07-01
    match = world.ofd.mentor_match
    MentoringSessionFactory(match=match, held_on=datetime.date(2020, 1, 1), minutes=90)
    MentoringSessionFactory(match=match, held_on=datetime.date(2020, 3, 31), minutes=45)
    MentoringSessionFactory(match=match, held_on=datetime.date(2020, 4, 1), minutes=120)  # after the period
    second = MentorMatchFactory(mentor=world.ofd.mentor, started_on=datetime.date(2020, 3, 31))
    MentorMatchFactory(mentor=world.ofd.mentor, started_on=datetime.date(2020, 1, 1), status=MatchStatus.DECLINED)
    idle = mentor(world, "Ida Idle", ["legal"])
    MentorMatchFactory(mentor=idle, started_on=datetime.date(2019, 1, 1), ended_on=datetime.date(2019, 12, 31))

    with django_assert_max_num_queries(8):
        response = staff_client.get(url("mentor-hours"), {"from": "2020-01-01", "to": "2020-03-31"})

    [row] = response.context["rows"]
    # 90 + 45 minutes; mentees: the world's company and `second` (from the last day), not the declined one
    assert (row, row.minutes, row.session_count, row.mentees, row.hours) == (
        world.ofd.mentor,
        135,
        2,
        2,
        Decimal("2.25"),
    )
    assert ">2,3</td>" in response.content.decode()  # Dutch, one decimal
    assert second.company.name not in response.content.decode()  # the page names mentors, not companies
    bad = staff_client.get(url("mentor-hours"), {"from": "2020-03-31", "to": "2020-01-01"})
    assert bad.status_code == 200 and bad.context["rows"] == []
