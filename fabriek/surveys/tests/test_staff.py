"""Staff's survey pages: response rates per round and cohort, the call list, answers entered by phone."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from fabriek.accounts.models import Role
from fabriek.accounts.tests.factories import MembershipFactory, UserFactory
from fabriek.metrics.models import Observation
from fabriek.surveys import selectors, services
from fabriek.surveys.models import Channel, SurveyInvitation
from fabriek.surveys.tests.helpers import build_programme, stay

pytestmark = pytest.mark.django_db
D = datetime.date


def staff_client(client, world):  # type: ignore[no-untyped-def]
    user = MembershipFactory(programme=world.programme, role=Role.STAFF, user=UserFactory(username="staffer")).user
    client.force_login(user)
    return user


def test_rates_count_asked_mailed_opened_answered_per_round_and_cohort() -> None:
    world = build_programme()
    # cohort 2023: three companies asked in July 2024; cohort 2024: one asked in July 2024
    a = stay(world, D(2023, 7, 10))
    b = stay(world, D(2023, 7, 10))
    c = stay(world, D(2023, 7, 10), email=None)
    d = stay(world, D(2024, 1, 10))
    services.surveys_send_due(programme=world.programme, today=D(2024, 7, 10))
    invitations = {i.company_id: i for i in SurveyInvitation.objects.all()}
    assert len(invitations) == 4
    services.invitation_mark_opened(invitation=invitations[a.company_id])
    with time_machine.travel(datetime.datetime(2024, 7, 12, 9, tzinfo=datetime.UTC), tick=False):
        services.response_submit(invitation=invitations[a.company_id], answers={"employees": "2"})
    services.invitation_mark_opened(invitation=invitations[b.company_id])  # opened, never answered
    services.response_submit(  # c had no address: staff called
        invitation=invitations[c.company_id], answers={"employees": "1"}, channel=Channel.PHONE, note="by phone"
    )
    rounds = selectors.response_rates_by_round(programme=world.programme)
    assert [(r.label, r.asked, r.mailed, r.opened, r.answered, r.rate) for r in rounds] == [
        ("2024-07", 4, 3, 2, 2, 50),  # c was answered by phone: no link opened
    ]
    cohorts = selectors.response_rates_by_cohort(programme=world.programme)
    assert [(r.label, r.asked, r.answered, r.rate) for r in cohorts] == [("2024", 1, 0, 0), ("2023", 3, 2, 67)]
    assert d.company_id in invitations


def test_a_rate_rounds_half_up_and_is_empty_without_anybody_asked() -> None:
    row = selectors.RateRow(label="x", kind="k", asked=8, mailed=8, opened=0, answered=5)
    assert row.rate == 63  # 62.5 -> 63
    assert selectors.RateRow(label="x", kind="k", asked=3, mailed=3, opened=0, answered=1).rate == 33
    assert selectors.RateRow(label="x", kind="k", asked=0, mailed=0, opened=0, answered=0).rate is None


def test_the_call_list_holds_the_unanswered_that_mail_will_not_bring_in(client) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    no_address = stay(world, D(2023, 7, 10), email=None)
    reminded = stay(world, D(2023, 7, 10))
    answered = stay(world, D(2023, 7, 10))
    waiting = stay(world, D(2024, 1, 20))  # asked later: its reminders have not all gone out yet
    services.surveys_send_due(programme=world.programme, today=D(2024, 7, 10))
    services.surveys_send_due(programme=world.programme, today=D(2024, 7, 17))
    with time_machine.travel(datetime.datetime(2024, 7, 20, 9, tzinfo=datetime.UTC), tick=False):
        services.response_submit(
            invitation=SurveyInvitation.objects.get(company=answered.company), answers={"employees": "1"}
        )
    services.surveys_send_due(programme=world.programme, today=D(2024, 7, 24))
    listed = selectors.call_list(programme=world.programme, today=D(2024, 7, 25))
    # same reference date: by company name (factory names sort as text, "Company 10" before "Company 9")
    expected = sorted([no_address, reminded], key=lambda p: p.company.name)
    assert [i.company_id for i in listed] == [p.company_id for p in expected]
    assert SurveyInvitation.objects.get(company=waiting.company).sent_on == D(2024, 7, 24)  # not on the list


def test_staff_enter_answers_by_phone_with_source_staff_and_a_note(client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    participation = stay(world, D(2023, 7, 10), email=None)
    today = timezone.localdate()
    services.surveys_send_due(programme=world.programme, today=today)  # nothing due today
    invitation = SurveyInvitation.objects.create(
        programme=world.programme,
        company=participation.company,
        participation=participation,
        kind="participant",
        reference_date=today - datetime.timedelta(days=40),
        sent_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=10),
    )
    staff = staff_client(client, world)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("survey-admin:call-list", kwargs={"programme": "srv"}))
    assert participation.company.name in page.content.decode()
    url = reverse("survey-admin:staff-entry", kwargs={"programme": "srv", "pk": invitation.pk})
    form = client.get(url).content.decode()
    assert 'value="telefonisch"' in form  # the note's default
    assert client.post(url, {"employees": "12.000.000", "interns": "0", "note": "telefonisch"}).status_code == 400
    assert not Observation.objects.exists()
    response = client.post(url, {"employees": "5", "interns": "2", "fte": "4,5", "note": "telefonisch, met Anna"})
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.source, observation.employees, observation.observed_on) == (
        "staff",
        5,
        invitation.reference_date,
    )
    invitation.refresh_from_db()
    assert (invitation.response.channel, invitation.response.note, invitation.response.entered_by) == (
        Channel.PHONE,
        "telefonisch, met Anna",
        staff,
    )
    # the company page shows the survey history with the answers as evidence
    company_page = client.get(
        reverse("companies:company-detail", kwargs={"programme": "srv", "pk": participation.company.pk})
    ).content.decode()
    assert "Enquêtes" in company_page and "telefonisch, met Anna" in company_page


def test_the_rates_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    for n in range(12):
        stay(world, D(2023, 1 + n % 6, 10))
    for day in range(1, 31):
        services.surveys_send_due(programme=world.programme, today=D(2024, 7, day))
    staff_client(client, world)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("survey-admin:response-rates", kwargs={"programme": "srv"}))
    assert page.status_code == 200
    assert "Per ronde" in page.content.decode()


def test_a_superuser_edits_survey_texts_and_questions_in_the_admin(client) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    definition = services.definition_for(programme=world.programme, kind="alumni")
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(f"/admin/surveys/surveydefinition/{definition.pk}/change/").status_code == 200
    assert client.get("/admin/surveys/surveyinvitation/").status_code == 200
    assert client.get("/admin/surveys/surveyinvitation/add/").status_code == 403  # sent by the schedule only
