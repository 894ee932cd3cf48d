"""The two-year clock: mails at 21 and 23 months to the participant and the location manager, sent once
however often the job runs; and the location page's ending-soon list with its outflow form."""

from datetime import date

import pytest
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.mail.models import OutboxMessage
from fabriek.mail.services import outbox_deliver_due
from fabriek.participation.models import Participation
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.spaces.clock import add_months, due_milestone, stay_clock_send
from fabriek.spaces.models import StayClockNotice


@pytest.mark.parametrize(
    ("started_on", "today", "expected"),
    [
        (date(2024, 3, 1), date(2025, 11, 30), None),  # one day short of 21 months
        (date(2024, 3, 1), date(2025, 12, 1), 21),
        (date(2024, 3, 1), date(2026, 2, 1), 23),
        (date(2024, 3, 1), date(2026, 3, 1), 23),  # the limit day itself: still within
        (date(2024, 3, 1), date(2026, 3, 2), None),  # over two years: no clock mail (the warning does that)
        (date(2024, 5, 31), date(2026, 2, 28), 21),  # 31 May + 21 months = 28 February
    ],
)
def test_due_milestone(started_on, today, expected) -> None:  # type: ignore[no-untyped-def]
    assert due_milestone(started_on, today) == expected


def test_add_months_keeps_the_end_of_a_month() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), -24) == date(2022, 11, 15)


@pytest.fixture
def stay(world):  # type: ignore[no-untyped-def]
    """The participant persona's company, its stay started 1 March 2024 (the world's is moved there)."""
    Participation.objects.filter(pk=world.ofd.participation.pk).update(started_on=date(2024, 3, 1))
    world.users[Role.PARTICIPANT].email = "deelnemer@example.org"
    world.users[Role.PARTICIPANT].save()
    world.users[Role.LOCATION_MANAGER].email = "lm@example.org"
    world.users[Role.LOCATION_MANAGER].language = "en"
    world.users[Role.LOCATION_MANAGER].save()
    return world.ofd


def test_the_clock_mails_at_21_and_23_months_once_each(stay, smtp_server, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    programme = stay.programme
    assert stay_clock_send(programme=programme, today=date(2025, 11, 30)) == 0
    assert stay_clock_send(programme=programme, today=date(2025, 12, 1)) == 1
    assert stay_clock_send(programme=programme, today=date(2025, 12, 1)) == 0  # run twice: nothing twice
    assert stay_clock_send(programme=programme, today=date(2025, 12, 15)) == 0
    assert stay_clock_send(programme=programme, today=date(2026, 2, 1)) == 1
    assert stay_clock_send(programme=programme, today=date(2026, 2, 2)) == 0

    messages = list(OutboxMessage.objects.exclude(subject="Welcome").order_by("id"))  # the world holds a "Welcome"
    assert [m.recipients for m in messages] == [["deelnemer@example.org"], ["lm@example.org"]] * 2
    outbox_deliver_due()
    received = {
        (m.recipients[0], m.message["Subject"]) for m in smtp_server.messages if m.recipients != ["someone@example.org"]
    }
    company = stay.company.name
    assert received == {
        ("deelnemer@example.org", f"{company}: het verblijf bereikt op 1 maart 2026 twee jaar"),
        ("lm@example.org", f"{company}: the stay reaches two years on 1 March 2026"),
    }


def test_a_stay_first_seen_after_23_months_gets_only_that_mail(stay, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    assert stay_clock_send(programme=stay.programme, today=date(2026, 2, 10)) == 1
    assert stay_clock_send(programme=stay.programme, today=date(2026, 2, 11)) == 0
    assert len(mailoutbox) == 2
    # the 21-month milestone is marked passed, without a mail of its own
    assert sorted(StayClockNotice.objects.values_list("months", flat=True)) == [21, 23]


def test_an_ended_stay_gets_no_clock_mail(stay) -> None:  # type: ignore[no-untyped-def]
    Participation.objects.filter(pk=stay.participation.pk).update(ended_on=date(2025, 11, 30), outflow_status="stopped")
    assert stay_clock_send(programme=stay.programme, today=date(2025, 12, 1)) == 0


def test_the_location_manager_records_the_outflow_of_a_stay_ending_soon(client, world) -> None:  # type: ignore[no-untyped-def]
    import time_machine

    soon = ParticipationFactory(
        programme=world.ofd.programme,
        location=world.ofd.location,
        started_on=date(2024, 12, 20),
        company__name="Bijna Klaar BV",
    )
    client.force_login(world.users[Role.LOCATION_MANAGER])
    with time_machine.travel(date(2026, 11, 30), tick=False):
        page = client.get(reverse("spaces:location", kwargs={"programme": "ofd", "pk": world.ofd.location.pk}))
        assert "Bijna Klaar BV" in page.content.decode()
        response = client.post(
            reverse("spaces:stay-outflow", kwargs={"programme": "ofd", "pk": soon.pk}),
            {"ended_on": "2026-12-19", "outflow_status": "entrepreneur"},
        )
    assert response.status_code == 302
    soon.refresh_from_db()
    assert (soon.ended_on, soon.outflow_status) == (date(2026, 12, 19), "entrepreneur")
