"""The eight indicators and their targets, hand-computed."""

import datetime

import pytest
import time_machine
from django.utils import translation

from fabriek.companies.tests.factories import PersonFactory
from fabriek.events.tests.factories import AttendanceFactory, EventFactory
from fabriek.mentoring.models import MatchStatus
from fabriek.mentoring.tests.factories import MentorFactory, MentoringSessionFactory, MentorMatchFactory
from fabriek.partners.tests.factories import AgreementFactory, PartnerFactory
from fabriek.programmes.models import Location, PlanPeriod, Target
from fabriek.reporting import clauses
from fabriek.reporting import indicators as ind
from fabriek.reporting.tests.histories import company, d, figure, make_programme, stay

AMS = datetime.timezone(datetime.timedelta(hours=1))  # Amsterdam in winter
NOW = datetime.datetime(2020, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def world(db):
    with time_machine.travel(NOW, tick=False):
        yield make_programme()


def value(function, world, start="2017-01-01", end="2017-12-31"):
    return function(programme=world.programme, start=d(start), end=d(end)).value


def event_at(world, when, programme=None):
    return EventFactory(programme=programme or world.programme, starts_at=when, ends_at=when)


def test_events_count_by_their_starting_day_in_dutch_time(world):
    event_at(world, datetime.datetime(2017, 1, 1, 0, 30, tzinfo=AMS))  # 31 December 23:30 UTC: in 2017
    event_at(world, datetime.datetime(2017, 12, 31, 23, 30, tzinfo=AMS))
    event_at(world, datetime.datetime(2018, 1, 1, 0, 30, tzinfo=AMS))  # 2018 in the Netherlands
    event_at(world, datetime.datetime(2016, 12, 31, 23, 30, tzinfo=AMS))

    assert value(ind.events, world) == 2


def test_events_of_another_programme_do_not_count(world):
    other = make_programme(slug="other", name="Other")
    event_at(world, datetime.datetime(2017, 3, 1, 16, 0, tzinfo=AMS), programme=other.programme)

    assert value(ind.events, world) == 0


def test_events_that_have_not_started_yet_do_not_count_until_they_have(world):
    event_at(world, datetime.datetime(2020, 6, 1, 12, 0, tzinfo=datetime.UTC))
    event_at(world, datetime.datetime(2020, 6, 1, 12, 1, tzinfo=datetime.UTC))

    assert value(ind.events, world, "2020-01-01", "2020-12-31") == 1
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        assert value(ind.events, world, "2020-01-01", "2020-12-31") == 2


def test_people_reached_are_different_people_checked_in_at_events_held_in_the_period(world):
    ann, bob, cas, dirk = (PersonFactory() for _ in range(4))
    spring = event_at(world, datetime.datetime(2017, 3, 1, 16, 0, tzinfo=AMS))
    autumn = event_at(world, datetime.datetime(2017, 10, 1, 16, 0, tzinfo=AMS))
    last_year = event_at(world, datetime.datetime(2016, 10, 1, 16, 0, tzinfo=AMS))
    AttendanceFactory(event=spring, person=ann)
    AttendanceFactory(event=autumn, person=ann)  # twice: counts once
    AttendanceFactory(event=autumn, person=bob)
    AttendanceFactory(event=autumn, person=cas, checked_in=False)  # registered, not there
    AttendanceFactory(event=last_year, person=dirk)

    assert value(ind.people_reached, world) == 2


def test_participants_are_different_companies_with_a_stay_on_a_day_of_the_period(world):
    came_back, ended_on_first_day, starts_on_last_day, left_before, starts_after = (company(world) for _ in range(5))
    stay(world, came_back, "2016-01-01", "2017-02-01")
    stay(world, came_back, "2017-06-01")
    stay(world, ended_on_first_day, "2016-01-01", "2017-01-01")
    stay(world, starts_on_last_day, "2017-12-31")
    stay(world, left_before, "2016-01-01", "2016-12-31")
    stay(world, starts_after, "2018-01-01")

    assert value(ind.participants, world) == 3


def test_partners_are_different_partners_with_an_agreement_running_in_the_period(world):
    twice, ended_before, open_ended = (PartnerFactory(programmes=[world.programme]) for _ in range(3))
    AgreementFactory(programme=world.programme, partner=twice, started_on=d("2016-01-01"), ended_on=d("2017-01-01"))
    AgreementFactory(programme=world.programme, partner=twice, started_on=d("2017-06-01"))
    AgreementFactory(
        programme=world.programme, partner=ended_before, started_on=d("2015-01-01"), ended_on=d("2016-12-31")
    )
    AgreementFactory(programme=world.programme, partner=open_ended, started_on=d("2017-12-31"))
    AgreementFactory(started_on=d("2017-01-01"))  # another programme's

    assert value(ind.partners, world) == 2


def location(world, name, kind="physical", status="active", opened=None, closed=None):
    return Location.objects.create(
        programme=world.programme,
        name=name,
        kind=kind,
        status=status,
        opened_on=d(opened) if opened else None,
        closed_on=d(closed) if closed else None,
    )


def test_locations_count_when_open_on_the_last_day_of_the_period(world):
    # make_programme made Assen, Emmen and Hoogeveen: physical, active, opened 2015-02-01.
    location(world, "Opens on the last day", opened="2017-12-31")
    location(world, "Opens the day after", opened="2018-01-01")
    location(world, "Closes on the last day", status="closed", opened="2015-01-01", closed="2017-12-31")
    location(world, "Closes the day after", status="closed", opened="2015-01-01", closed="2018-01-01")
    location(world, "Active without an opening date")
    location(world, "Explored with a date", status="exploring", opened="2016-01-01")

    assert value(ind.physical_locations, world) == 5
    assert value(ind.other_locations, world) == 0


def test_other_locations_are_representation_points_and_exploring_ones_do_not_count(world):
    location(world, "Health Hub Roden", kind="representation", status="exploring")
    location(world, "Meppel", kind="representation", status="exploring", opened="2017-03-01")
    location(world, "Emmtec", kind="representation", opened="2017-03-01")

    assert value(ind.other_locations, world) == 1
    assert value(ind.physical_locations, world) == 3


def _match(world, mentor, started, ended=None, status=MatchStatus.ACCEPTED):
    return MentorMatchFactory(mentor=mentor, started_on=d(started), ended_on=d(ended) if ended else None, status=status)


def test_mentors_count_people_with_an_accepted_mentorship_running_on_a_day_of_the_period(world):
    # Hand-computed for 2017 (clause 14); each line says whether the mentor counts.
    def mentor(**kwargs):
        return MentorFactory(programme=world.programme, active_from=d("2015-01-01"), **kwargs)

    ends_on_first_day, starts_on_last_day, open_ended = mentor(), mentor(), mentor()
    _match(world, ends_on_first_day, "2016-03-01", "2017-01-01")  # runs on 1 January 2017: counts
    _match(world, starts_on_last_day, "2017-12-31")  # runs on 31 December 2017: counts
    _match(world, open_ended, "2015-06-01")  # no end date, still running: counts
    ended_before, starts_after, proposed, declined = mentor(), mentor(), mentor(), mentor()
    mentor()  # a mentor all year without a mentee: no
    _match(world, ended_before, "2016-01-01", "2016-12-31")  # ended the day before: no
    _match(world, starts_after, "2018-01-01")  # starts the day after: no
    _match(world, proposed, "2017-03-01", status=MatchStatus.PROPOSED)  # not answered: no
    _match(world, declined, "2017-03-01", status=MatchStatus.DECLINED)  # declined: no
    twice = PersonFactory()  # two mentor records of one person, both with mentees in 2017: counts once
    _match(world, mentor(person=twice), "2017-02-01", "2017-03-01")
    _match(world, MentorFactory(programme=world.programme, person=twice, active_from=d("2017-06-01")), "2017-06-01")
    _match(world, MentorFactory(), "2017-01-01")  # another programme's mentor: no

    assert value(ind.mentors, world) == 4


def test_a_session_in_the_period_counts_a_mentor_even_after_their_mentorship_ended(world):
    late, early, outside = (MentorFactory(programme=world.programme) for _ in range(3))
    # the mentorship ended in 2016, but a last session on 31 December 2017 falls in the period: counts
    MentoringSessionFactory(match=_match(world, late, "2016-01-01", "2016-12-31"), held_on=d("2017-12-31"))
    # a session on 1 January 2017 of a mentorship ended in 2016: counts
    MentoringSessionFactory(match=_match(world, early, "2016-01-01", "2016-06-30"), held_on=d("2017-01-01"))
    # sessions on 31 December 2016 and 1 January 2018, mentorship not running in 2017: no
    ended = _match(world, outside, "2016-01-01", "2016-12-31")
    MentoringSessionFactory(match=ended, held_on=d("2016-12-31"))
    MentoringSessionFactory(match=ended, held_on=d("2018-01-01"))

    assert value(ind.mentors, world) == 2
    assert value(ind.mentors, world, "2016-01-01", "2016-12-31") == 3


def test_jobs_created_is_the_gross_figure_with_net_beside_it(world):
    grows, shrinks = company(world), company(world)
    stay(world, grows, "2017-01-01")
    figure(grows, "2017-01-01", 1)
    figure(grows, "2017-12-01", 4)
    stay(world, shrinks, "2017-01-01")
    figure(shrinks, "2017-01-01", 5)
    figure(shrinks, "2017-12-01", 3)

    measured = ind.jobs_created(programme=world.programme, start=d("2017-01-01"), end=d("2017-12-31"))

    assert measured == ind.Measurement(3, net=1)


@pytest.fixture
def plan(world):
    plan = PlanPeriod.objects.create(
        programme=world.programme, name="2017-2019", starts_on=d("2017-01-01"), ends_on=d("2019-12-31")
    )
    for key, target in {
        "events": 18,
        "people_reached": 300,
        "participants": 150,
        "partners": 25,
        "physical_locations": 3,
        "other_locations": 2,
        "mentors": 15,
        "jobs_created": 150,
    }.items():
        Target.objects.create(plan_period=plan, indicator=key, value=target)
    return plan


def targets(world, start, end):
    return {v.key: v.target for v in ind.indicators(programme=world.programme, start=d(start), end=d(end))}


def test_over_the_whole_plan_period_the_targets_are_the_plan_targets(world, plan):
    assert targets(world, "2017-01-01", "2019-12-31") == {
        "events": 18,
        "people_reached": 300,
        "participants": 150,
        "partners": 25,
        "physical_locations": 3,
        "other_locations": 2,
        "mentors": 15,
        "jobs_created": 150,
    }


def test_for_one_year_cumulative_targets_are_pro_rated_and_state_targets_are_full(world, plan):
    # 2018 has 365 of the plan's 1095 days: a third.
    assert targets(world, "2018-01-01", "2018-12-31") == {
        "events": 6,
        "people_reached": 100,
        "participants": 50,
        "partners": 25,
        "physical_locations": 3,
        "other_locations": 2,
        "mentors": 15,
        "jobs_created": 50,
    }


def test_pro_rated_targets_round_half_up(world):
    plan = PlanPeriod(name="two days", starts_on=d("2017-01-01"), ends_on=d("2017-01-02"))

    assert ind.pro_rated(1, start=d("2017-01-01"), end=d("2017-01-01"), plan=plan) == 1
    assert ind.pro_rated(3, start=d("2017-01-01"), end=d("2017-01-01"), plan=plan) == 2


def test_without_a_plan_period_covering_the_whole_period_there_are_no_targets(world, plan):
    assert set(targets(world, "2019-06-01", "2020-05-31").values()) == {None}


def test_the_shortest_plan_period_covering_the_period_gives_the_targets(world, plan):
    year = PlanPeriod.objects.create(
        programme=world.programme, name="2018", starts_on=d("2018-01-01"), ends_on=d("2018-12-31")
    )
    Target.objects.create(plan_period=year, indicator="mentors", value=12)

    found = {v.key: v for v in ind.indicators(programme=world.programme, start=d("2018-03-01"), end=d("2018-06-30"))}

    assert (found["mentors"].target, found["mentors"].plan_period) == (12, "2018")
    assert found["events"].target is None  # the year plan sets no events target


def test_every_indicator_comes_with_its_definition_and_the_pinned_keys(world, plan):
    with translation.override("en"):
        values = ind.indicators(programme=world.programme, start=d("2017-01-01"), end=d("2019-12-31"))

    assert [v.key for v in values] == [
        "events",
        "people_reached",
        "participants",
        "partners",
        "physical_locations",
        "other_locations",
        "mentors",
        "jobs_created",
    ]
    for v in values:
        with translation.override("en"):
            assert v.definition == f"{clauses.INDICATOR_CLAUSES[v.key].text} {v.target_note}"
        expected_keys = {"key", "label", "value", "target", "definition"} | (
            {"net"} if v.key == "jobs_created" else set()
        )
        assert set(v.as_dict()) == expected_keys
    with translation.override("en"):
        participants_text = str(clauses.CLAUSES["participants"].text)
    assert values[2].as_dict() == {
        "key": "participants",
        "label": "Participating entrepreneurs",
        "value": 0,
        "target": 150,
        "definition": participants_text + " Target: the plan target, pro-rated to the length of the period (clause 7).",
    }


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValueError, match="ends"):
        ind.indicators(programme=world.programme, start=d("2018-01-01"), end=d("2017-12-31"))
