"""`send_due_surveys` walks a cohort through two years on a moving clock: the right surveys on the right
days, reminders after 7 and 14 days, closing after 30, and nothing twice however often it runs."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import timezone

from fabriek.mail.models import OutboxMessage
from fabriek.surveys import services
from fabriek.surveys.models import SurveyInvitation
from fabriek.surveys.tests.helpers import build_programme, stay

pytestmark = pytest.mark.django_db

D = datetime.date


def run(slug: str, today: datetime.date | None = None) -> str:
    out = StringIO()
    args = ["--programme", slug] + (["--today", today.isoformat()] if today else [])
    call_command("send_due_surveys", *args, stdout=out)
    return out.getvalue().strip()


def answer(invitation: SurveyInvitation, employees: int = 3) -> None:
    services.response_submit(invitation=invitation, answers={"employees": str(employees), "interns": "1"})


def days(first: datetime.date, last: datetime.date):  # type: ignore[no-untyped-def]
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def test_a_cohort_walked_through_two_years_gets_the_right_surveys_on_the_right_days() -> None:
    world = build_programme()
    a = stay(world, D(2024, 1, 15), email="a@example.org")  # stays on
    b = stay(world, D(2024, 3, 31), D(2025, 2, 10), email="b@example.org")  # leaves in February 2025
    c = stay(world, D(2024, 6, 1), email=None)  # nobody to mail: the call list
    queued: dict[datetime.date, str] = {}
    for day in days(D(2024, 1, 1), D(2025, 12, 31)):
        with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 7, tzinfo=datetime.UTC), tick=False):
            first, second = run("srv"), run("srv")  # the second run of a day finds nothing left to send
            assert second.endswith("queued 0 invitations and 0 reminders"), (day, second)
            if "queued 0 invitations and 0 reminders" not in first or "no e-mail" in first:
                queued[day] = first.split(": ", 1)[1]
            # founders answer some surveys: a's first on day 3, b's exit survey after the first reminder
            if day == D(2024, 7, 18):
                answer(SurveyInvitation.objects.get(company=a.company, reference_date=D(2024, 7, 15)))
            if day == D(2025, 2, 20):
                answer(SurveyInvitation.objects.get(company=b.company, kind="exit"))

    assert queued == {
        D(2024, 7, 15): "queued 1 invitations and 0 reminders",  # a: start + 6 months
        D(2024, 9, 30): "queued 1 invitations and 0 reminders",  # b: 31 March + 6 months
        D(2024, 10, 7): "queued 0 invitations and 1 reminders",
        D(2024, 10, 14): "queued 0 invitations and 1 reminders",
        D(2024, 12, 1): "queued 0 invitations and 0 reminders; 1 companies have no e-mail address (on the call list)",
        D(2025, 1, 15): "queued 1 invitations and 0 reminders",  # a: + 12 months
        D(2025, 1, 22): "queued 0 invitations and 1 reminders",
        D(2025, 1, 29): "queued 0 invitations and 1 reminders",
        D(2025, 2, 10): "queued 1 invitations and 0 reminders",  # b leaves: the exit survey
        D(2025, 2, 17): "queued 0 invitations and 1 reminders",  # b answers on the 20th: no second reminder
        D(2025, 6, 1): "queued 0 invitations and 0 reminders; 1 companies have no e-mail address (on the call list)",
        D(2025, 7, 15): "queued 1 invitations and 0 reminders",  # a: + 18 months
        D(2025, 7, 22): "queued 0 invitations and 1 reminders",
        D(2025, 7, 29): "queued 0 invitations and 1 reminders",
        D(2025, 8, 10): "queued 1 invitations and 0 reminders",  # b: alumni, 6 months after leaving
        D(2025, 8, 17): "queued 0 invitations and 1 reminders",
        D(2025, 8, 24): "queued 0 invitations and 1 reminders",
        D(2025, 12, 1): "queued 0 invitations and 0 reminders; 1 companies have no e-mail address (on the call list)",
    }
    sent = list(SurveyInvitation.objects.order_by("reference_date").values_list("company", "kind", "reference_date"))
    assert sent == [
        (a.company_id, "participant", D(2024, 7, 15)),
        (b.company_id, "participant", D(2024, 9, 30)),
        (c.company_id, "participant", D(2024, 12, 1)),
        (a.company_id, "participant", D(2025, 1, 15)),
        (b.company_id, "exit", D(2025, 2, 10)),
        (c.company_id, "participant", D(2025, 6, 1)),
        (a.company_id, "participant", D(2025, 7, 15)),
        (b.company_id, "alumni", D(2025, 8, 10)),
        (c.company_id, "participant", D(2025, 12, 1)),
    ]
    # every survey went out on its own day, and closes 30 days later
    assert all(i.sent_on == i.reference_date for i in SurveyInvitation.objects.all())
    assert all(i.closes_on - i.sent_on == datetime.timedelta(days=30) for i in SurveyInvitation.objects.all())
    # one mail per invitation with an address plus one per reminder; nothing for c
    assert OutboxMessage.objects.filter(recipients=["a@example.org"]).count() == 3 + 4
    assert OutboxMessage.objects.filter(recipients=["b@example.org"]).count() == 3 + 2 + 1 + 2
    assert OutboxMessage.objects.count() == 6 + 9


def test_a_survey_closes_after_30_days_and_its_link_stops_working() -> None:
    world = build_programme()
    stay(world, D(2024, 1, 15))
    with time_machine.travel(datetime.datetime(2024, 7, 15, 7, tzinfo=datetime.UTC), tick=False):
        run("srv")
        invitation = SurveyInvitation.objects.get()
        raw = "known-token"
        services.SurveyLink.objects.create(invitation=invitation, token_hash=services.hash_token(raw))
        assert services.invitation_for_token(raw) == invitation
    with time_machine.travel(datetime.datetime(2024, 8, 13, 20, tzinfo=datetime.UTC), tick=False):
        assert services.invitation_for_token(raw) == invitation  # day 29, evening
    with time_machine.travel(datetime.datetime(2024, 8, 14, 7, tzinfo=datetime.UTC), tick=False):
        assert services.invitation_for_token(raw) is None  # day 30: closed
        assert run("srv").endswith("queued 0 invitations and 0 reminders")  # and no more reminders
        with pytest.raises(services.SurveyUnavailable):
            answer(invitation)


def test_a_missed_day_is_caught_up_but_a_survey_is_never_sent_after_it_would_have_closed() -> None:
    world = build_programme()
    stay(world, D(2024, 1, 15))
    stay(world, D(2024, 2, 1))
    # the worker was down from 10 July: on 5 August the survey due 15 July still goes, 1 August's too
    assert run("srv", D(2024, 8, 5)) == "srv 2024-08-05: queued 2 invitations and 0 reminders"
    assert sorted(SurveyInvitation.objects.values_list("reference_date", "sent_on")) == [
        (D(2024, 7, 15), D(2024, 8, 5)),
        (D(2024, 8, 1), D(2024, 8, 5)),
    ]
    SurveyInvitation.objects.all().delete()
    assert run("srv", D(2024, 8, 14)) == "srv 2024-08-14: queued 1 invitations and 0 reminders"  # only 1 Aug's


def test_a_run_that_loses_the_race_sends_nothing_because_the_database_refuses_the_second_invitation(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    world = build_programme()
    stay(world, D(2024, 1, 15))
    assert run("srv", D(2024, 7, 15)).endswith("queued 1 invitations and 0 reminders")
    # the concurrent run read the invitations before the first one committed: it believes nothing was sent
    real_filter = SurveyInvitation.objects.filter
    monkeypatch.setattr(
        SurveyInvitation.objects,
        "filter",
        lambda *a, **kw: SurveyInvitation.objects.none() if "reference_date__gte" in kw else real_filter(*a, **kw),
    )
    assert run("srv", D(2024, 7, 15)).endswith("queued 0 invitations and 0 reminders")
    assert SurveyInvitation.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    with pytest.raises(IntegrityError):
        invitation = SurveyInvitation.objects.get()
        invitation.pk = None
        invitation.save()


def test_the_command_refuses_an_unknown_programme_or_a_bad_date() -> None:
    build_programme()
    with pytest.raises(CommandError, match="no programme"):
        run("nope")
    with pytest.raises(CommandError, match="not a date"):
        call_command("send_due_surveys", "--programme", "srv", "--today", "2024-13-01")


def test_the_mail_goes_to_the_founder_in_their_language_with_exactly_one_link() -> None:
    world = build_programme()
    stay(world, D(2024, 1, 15), email="en@example.org", language="en")
    with time_machine.travel(datetime.datetime(2024, 7, 15, 7, tzinfo=datetime.UTC), tick=False):
        run("srv")
    message = OutboxMessage.objects.get()
    body = bytes(message.raw).decode()
    assert message.recipients == ["en@example.org"]
    assert message.subject == "Programme srv: a few questions about your company"
    assert body.count("http") == 1
    assert "/survey/" in body
    assert message.programme == world.programme
    assert timezone.localdate() >= D(2024, 7, 15)
