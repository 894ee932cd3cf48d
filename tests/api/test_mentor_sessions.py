"""The pinned mentor-sessions API: who reads which sessions, who logs them for which match, and what is
refused (always a 4xx with a message, nothing written)."""

import datetime

import pytest
import time_machine

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.mentoring.models import MatchStatus, MentoringSession
from fabriek.mentoring.tests.factories import MentorFactory, MentoringSessionFactory, MentorMatchFactory

P = "/api/v1/programmes/ofd/mentor-sessions"
TODAY = datetime.datetime(2020, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def someone_elses(world):  # type: ignore[no-untyped-def]
    """Another mentor of the programme coaching another company of it, with a session."""
    company = CompanyFactory(programmes=[world.ofd.programme])
    match = MentorMatchFactory(mentor=MentorFactory(programme=world.ofd.programme), company=company)
    return MentoringSessionFactory(match=match, topics="Someone else's notes")


def ids(response) -> set[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_a_mentor_reads_only_the_sessions_of_their_own_matches(world, call, someone_elses) -> None:  # type: ignore[no-untyped-def]
    own = world.ofd.mentor_session

    assert ids(call("GET", P, Role.MENTOR)) == {own.pk}
    assert ids(call("GET", P, Role.STAFF)) == {own.pk, someone_elses.pk}
    # the participant's company is the world's company, coached by the mentor persona
    assert ids(call("GET", P, Role.PARTICIPANT)) == {own.pk}
    assert ids(call("GET", P + f"?match={someone_elses.match_id}", Role.MENTOR)) == set()


def test_a_session_reads_back_with_its_mentor_and_company(world, call) -> None:  # type: ignore[no-untyped-def]
    session = world.ofd.mentor_session

    [item] = call("GET", P, Role.MENTOR).json()["items"]

    assert item == {
        "id": session.pk,
        "match": world.ofd.mentor_match.pk,
        "mentor": world.ofd.mentor.pk,
        "mentor_name": world.ofd.mentor.person.name,
        "company": world.ofd.company.pk,
        "company_name": world.ofd.company.name,
        "held_on": "2016-07-01",
        "minutes": 60,
        "topics": "Pricing and the first hire",
        "follow_up": "Send the draft price list",
        "follow_up_done_on": None,
    }


def body(match: int, **overrides: object) -> dict[str, object]:
    return {
        "match": match,
        "held_on": "2020-05-28",
        "minutes": 90,
        "topics": "Cash flow",
        "follow_up": "Call the bank",
    } | overrides


def test_a_mentor_logs_a_session_for_their_own_match(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("POST", P, Role.MENTOR, body(world.ofd.mentor_match.pk))

    assert response.status_code == 201, response.content
    session = MentoringSession.objects.get(pk=response.json()["id"])
    assert (session.held_on, session.minutes, session.topics, session.follow_up, session.logged_by) == (
        datetime.date(2020, 5, 28),
        90,
        "Cash flow",
        "Call the bank",
        world.users[Role.MENTOR],
    )
    assert AuditEntry.objects.get(action="mentoring.mentoringsession.created").object_id == str(session.pk)


def test_a_mentor_logging_for_another_mentors_match_gets_404_and_nothing_is_written(  # type: ignore[no-untyped-def]
    world, call, someone_elses
) -> None:
    before = MentoringSession.objects.count()

    for match in (someone_elses.match_id, world.other.mentor_match.pk, 2**62):
        response = call("POST", P, Role.MENTOR, body(match))
        assert response.status_code == 404, response.content
        assert "detail" in response.json()

    assert MentoringSession.objects.count() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"minutes": 4}, "minutes"),
        ({"minutes": 601}, "minutes"),
        ({"minutes": 10**20}, "minutes"),
        ({"held_on": "2020-06-02"}, "held_on"),  # tomorrow: sessions are logged afterwards
        ({"held_on": "1989-12-31"}, "held_on"),
        ({"held_on": "2016-05-31"}, "held_on"),  # the day before the mentorship started
        ({"held_on": "31-05-2020"}, "held_on"),
        ({"topics": ""}, "topics"),
        ({"topics": "x" * 2001}, "topics"),
        ({"follow_up": "x" * 2001}, "follow_up"),
    ],
)
def test_a_bad_session_is_a_422_naming_the_field(world, call, overrides, field) -> None:  # type: ignore[no-untyped-def]
    before = MentoringSession.objects.count()

    response = call("POST", P, Role.STAFF, body(world.ofd.mentor_match.pk, **overrides))

    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert MentoringSession.objects.count() == before


def test_no_session_is_logged_for_a_proposal_the_mentor_has_not_accepted(world, call) -> None:  # type: ignore[no-untyped-def]
    proposed = MentorMatchFactory(
        mentor=world.ofd.mentor, company=CompanyFactory(programmes=[world.ofd.programme]), status=MatchStatus.PROPOSED
    )

    response = call("POST", P, Role.MENTOR, body(proposed.pk))

    assert response.status_code == 422
    assert response.json()["errors"] == {"match": ["Sessions can be logged once the mentor has accepted the mentee."]}
    assert not proposed.sessions.exists()


def test_a_participant_reads_but_cannot_log(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("POST", P, Role.PARTICIPANT, body(world.ofd.mentor_match.pk))

    assert response.status_code == 403
    assert MentoringSession.objects.filter(topics="Cash flow").count() == 0
