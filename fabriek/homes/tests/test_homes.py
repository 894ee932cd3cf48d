import datetime

import time_machine
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.events.tests.factories import EventFactory
from fabriek.mentoring.tests.factories import MentorMatchFactory
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.tests.factories import ParticipationFactory

HOME = reverse("homes:home", kwargs={"programme": "ofd"})


def log_in(client, world, role):  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    return client


def test_after_login_staff_and_the_funder_land_on_the_dashboard(client, world) -> None:  # type: ignore[no-untyped-def]
    dashboard = reverse("reporting:dashboard", kwargs={"programme": "ofd"})
    for role in (Role.STAFF, Role.FUNDER):
        assert log_in(client, world, role).get(reverse("home"))["Location"] == dashboard


def test_after_login_every_other_role_lands_on_its_own_home(client, world) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.LOCATION_MANAGER, Role.PARTICIPANT, Role.MENTOR, Role.PARTNER):
        assert log_in(client, world, role).get(reverse("home"))["Location"] == HOME


@time_machine.travel(datetime.date(2018, 1, 10), tick=False)
def test_a_location_manager_sees_current_participants_stays_ending_soon_and_recent_figures(client, world) -> None:  # type: ignore[no-untyped-def]
    here, elsewhere = world.ofd.location, world.ofd.other_location
    # the world's stay started 2016-03-01: its two-year limit (2018-03-01) is within 90 days
    young = ParticipationFactory(programme=world.ofd.programme, location=here, started_on=datetime.date(2017, 9, 1))
    ended = ParticipationFactory(
        programme=world.ofd.programme,
        location=here,
        started_on=datetime.date(2016, 1, 1),
        ended_on=datetime.date(2017, 1, 1),
        outflow_status="freelancer",
    )
    other = ParticipationFactory(programme=world.ofd.programme, location=elsewhere)
    ObservationFactory(company=young.company, observed_on=datetime.date(2017, 12, 1), employees=4)
    ObservationFactory(company=other.company, observed_on=datetime.date(2017, 12, 2), employees=9)
    response = log_in(client, world, Role.LOCATION_MANAGER).get(HOME)
    assert response.status_code == 200
    assert [p.company for p in response.context["current"]] == [world.ofd.company, young.company]
    assert [p.company for p in response.context["ending_soon"]] == [world.ofd.company]
    figures = [(o.company, o.observed_on) for o in response.context["recent_figures"]]
    assert (young.company, datetime.date(2017, 12, 1)) in figures
    assert all(company not in (other.company, ended.company) for company, _ in figures)
    assert reverse("participation:starter-create", kwargs={"programme": "ofd"}) in response.content.decode()


def test_a_location_managers_home_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    log_in(client, world, Role.LOCATION_MANAGER)
    for _ in range(2):
        stay = ParticipationFactory(programme=world.ofd.programme, location=world.ofd.location)
        ObservationFactory(company=stay.company, observed_on=datetime.date(2017, 1, 1))
    with django_assert_max_num_queries(14):
        client.get(HOME)
    for _ in range(20):
        stay = ParticipationFactory(programme=world.ofd.programme, location=world.ofd.location)
        ObservationFactory(company=stay.company, observed_on=datetime.date(2017, 1, 1))
    with django_assert_max_num_queries(14):
        assert len(client.get(HOME).context["current"]) == 23


def test_a_participant_with_old_figures_is_asked_to_update_them(client, world) -> None:  # type: ignore[no-untyped-def]
    response = log_in(client, world, Role.PARTICIPANT).get(HOME)
    assert response.context["company"] == world.ofd.company
    assert response.context["latest"] == world.ofd.observation
    assert response.context["figures_due"] is True
    add_url = reverse("metrics:observation-create", kwargs={"programme": "ofd", "company": world.ofd.company.pk})
    assert add_url in response.content.decode()


def test_a_participant_with_fresh_figures_is_not_nagged(client, world) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    ObservationFactory(company=world.ofd.company, observed_on=timezone.localdate() - datetime.timedelta(days=30))
    assert log_in(client, world, Role.PARTICIPANT).get(HOME).context["figures_due"] is False


def test_a_mentor_sees_their_current_mentees_not_ended_ones_nor_other_mentors(client, world) -> None:  # type: ignore[no-untyped-def]
    ended = MentorMatchFactory(mentor=world.ofd.mentor, ended_on=datetime.date(2017, 1, 1))
    someone_elses = MentorMatchFactory(mentor__programme=world.ofd.programme)
    response = log_in(client, world, Role.MENTOR).get(HOME)
    mentees = [m.company for m in response.context["mentees"]]
    assert mentees == [world.ofd.company]
    assert ended.company not in mentees and someone_elses.company not in mentees
    assert world.ofd.founder.name in response.content.decode()


def test_a_partner_sees_the_events_it_co_organises_and_not_others(client, world) -> None:  # type: ignore[no-untyped-def]
    ours = EventFactory(programme=world.ofd.programme, title="Pitch night with KvK")
    ours.partners.add(world.ofd.partner)
    EventFactory(programme=world.ofd.programme, title="Someone else's workshop")
    response = log_in(client, world, Role.PARTNER).get(HOME)
    page = response.content.decode()
    assert "Pitch night with KvK" in page
    assert "Someone else's workshop" not in page


def test_a_member_of_two_programmes_chooses_and_each_link_leads_to_their_home_there(client, world) -> None:  # type: ignore[no-untyped-def]
    from fabriek.accounts.tests.factories import MembershipFactory

    user = world.users[Role.MENTOR]
    MembershipFactory(user=user, programme=world.other.programme, role=Role.STAFF)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert [url for _, url in response.context["choices"]] == [
        HOME,  # OndernemersFabriek Drenthe: a mentor
        reverse("reporting:dashboard", kwargs={"programme": "other"}),  # Other Programme: staff
    ]


def test_staff_and_the_funder_have_no_second_home(client, world) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.STAFF, Role.FUNDER):
        assert log_in(client, world, role).get(HOME).status_code == 403
