"""Answering through the mail's link: the token leaves the address bar, works until the survey is answered
or closed, and the answers become figures dated the survey's reference date."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.accounts.tests.factories import MembershipFactory, UserFactory
from fabriek.mail.models import OutboxMessage
from fabriek.metrics.models import Observation
from fabriek.surveys import services
from fabriek.surveys.models import Channel, OutflowDecision, SurveyInvitation, SurveyResponse
from fabriek.surveys.tests.helpers import build_programme, stay

pytestmark = pytest.mark.django_db

SENT = datetime.datetime(2024, 7, 15, 7, tzinfo=datetime.UTC)
D = datetime.date


@pytest.fixture(autouse=True)
def clean_cache():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def mailed_link(message: OutboxMessage) -> str:
    [link] = re.findall(r"https?://\S+", bytes(message.raw).decode())
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def send(world, day: datetime.date) -> None:  # type: ignore[no-untyped-def]
    services.surveys_send_due(programme=world.programme, today=day)


def test_the_link_moves_its_token_into_the_session_and_answers_become_survey_figures(client) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    participation = stay(world, D(2024, 1, 15))
    with time_machine.travel(SENT, tick=False):
        send(world, D(2024, 7, 15))
    with time_machine.travel(SENT + datetime.timedelta(days=2), tick=False):
        path = mailed_link(OutboxMessage.objects.get())
        opened = client.get(path)
        assert opened.status_code == 302
        assert opened["Location"] == reverse("surveys:answer")  # a clean address: no token in it
        assert opened["Referrer-Policy"] == "no-referrer"
        page = client.get(opened["Location"])
        assert page.status_code == 200
        html = page.content.decode()
        for name in ("employees", "interns", "fte", "revenue_eur"):
            assert f'name="{name}"' in html
        assert "15 juli 2024" in html  # the reference date, in Dutch
        # Dutch numbers, within the same bounds as every form
        refused = client.post(reverse("surveys:answer"), {"employees": "-1", "interns": "0"})
        assert refused.status_code == 400
        assert "te klein" in refused.content.decode()
        answered = client.post(
            reverse("surveys:answer"),
            {"employees": "4", "interns": "1", "fte": "3,5", "revenue_eur": "€ 125.000,50", "q_remarks": "Goed!"},
        )
        assert answered.status_code == 200
        assert "Bedankt" in answered.content.decode()
    observation = Observation.objects.get(company=participation.company)
    assert (observation.observed_on, observation.source, observation.employees, observation.interns) == (
        D(2024, 7, 15),
        "survey",
        4,
        1,
    )
    assert (observation.fte, observation.revenue_cents) == (Decimal("3.50"), 12500050)
    response = SurveyResponse.objects.get()
    assert response.answers == {
        "employees": "4",
        "interns": "1",
        "fte": "3.5",
        "revenue_eur": "125000.50",
        "remarks": "Goed!",
    }
    assert (response.channel, response.observation) == (Channel.LINK, observation)
    invitation = SurveyInvitation.objects.get()
    assert invitation.opened_at is not None and invitation.answered_at is not None
    # used: the link and the clean page are a plain 404 now
    with time_machine.travel(SENT + datetime.timedelta(days=3), tick=False):
        assert client.get(path).status_code == 404
        assert client.get(reverse("surveys:answer")).status_code == 404
    assert Observation.objects.count() == 1


def test_an_unknown_token_is_a_plain_404_and_guessing_is_throttled(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_TOKEN_FAILURE_LIMIT = 3
    for n in range(3):
        assert client.get(reverse("surveys:open", kwargs={"token": f"guess{n}"})).status_code == 404
    world = build_programme()
    stay(world, D(2024, 1, 15))
    with time_machine.travel(SENT, tick=False):
        send(world, D(2024, 7, 15))
        path = mailed_link(OutboxMessage.objects.get())
        # even the right link waits: the address guessed too often
        assert client.get(path).status_code == 429
        assert SurveyInvitation.objects.get().opened_at is None


def test_the_exit_survey_proposes_the_outflow_status_which_staff_confirm(client) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    participation = stay(world, D(2023, 3, 1), D(2024, 7, 15))
    with time_machine.travel(SENT, tick=False):
        send(world, D(2024, 7, 15))
        invitation = SurveyInvitation.objects.get(kind="exit")
        client.get(mailed_link(OutboxMessage.objects.get()))
        page = client.get(reverse("surveys:answer"))
        assert 'name="outflow_status"' in page.content.decode()
        client.post(reverse("surveys:answer"), {"employees": "0", "interns": "0", "outflow_status": "freelancer"})
        response = SurveyResponse.objects.get(invitation=invitation)
        assert (response.proposed_outflow_status, response.outflow_decision) == ("freelancer", OutflowDecision.PENDING)
        participation.refresh_from_db()
        assert participation.outflow_status == "entrepreneur"  # unchanged until staff confirm
        staff = MembershipFactory(programme=world.programme, role=Role.STAFF, user=UserFactory(username="st")).user
        client.force_login(staff)
        rates = client.get(reverse("survey-admin:response-rates", kwargs={"programme": "srv"}))
        assert "Freelancer" in rates.content.decode() or "ZZP" in rates.content.decode()
        client.post(
            reverse("survey-admin:outflow-decide", kwargs={"programme": "srv", "pk": response.pk}),
            {"decision": "confirm"},
        )
    participation.refresh_from_db()
    response.refresh_from_db()
    assert (participation.outflow_status, response.outflow_decision) == ("freelancer", OutflowDecision.CONFIRMED)


def test_a_logged_in_participant_sees_the_open_survey_on_their_home_and_answers_it(client) -> None:  # type: ignore[no-untyped-def]
    world = build_programme()
    participation = stay(world, D(2024, 1, 15))
    user = MembershipFactory(
        programme=world.programme, role=Role.PARTICIPANT, company=participation.company, user=UserFactory()
    ).user
    client.force_login(user)
    with time_machine.travel(SENT, tick=False):
        send(world, D(2024, 7, 15))
        invitation = SurveyInvitation.objects.get()
        home = client.get(reverse("homes:home", kwargs={"programme": "srv"})).content.decode()
        url = reverse("survey-admin:participant-answer", kwargs={"programme": "srv", "pk": invitation.pk})
        assert url in home
        assert client.post(url, {"employees": "2", "interns": "0"}).status_code == 200
        home = client.get(reverse("homes:home", kwargs={"programme": "srv"})).content.decode()
        assert url not in home
        assert client.get(url).status_code == 404  # answered
    assert SurveyResponse.objects.get().channel == Channel.HOME


def test_the_database_holds_no_raw_token_of_a_mail_once_delivered(
    smtp_server, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from fabriek.core.worker import run_pending

    world = build_programme()
    for n in range(3):
        stay(world, D(2024, 1, 15), email=f"f{n}@example.org")
    with time_machine.travel(SENT, tick=False), django_capture_on_commit_callbacks(execute=True):
        send(world, D(2024, 7, 15))
    with (
        time_machine.travel(SENT + datetime.timedelta(days=7), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send(world, D(2024, 7, 22))  # reminders: new links
    run_pending()
    tokens = [
        re.search(r"/survey/([^/\s]+)/", m.message.get_content()).group(1)  # type: ignore[union-attr]
        for m in smtp_server.messages
    ]
    assert len(tokens) == 6
    assert OutboxMessage.objects.filter(state="sent").count() == 6
    # every text and binary column of every table
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema itself
            for row in cursor.fetchall():
                cells = " ".join(
                    bytes(c).decode("latin-1") if isinstance(c, bytes | memoryview) else str(c) for c in row
                )
                found += [(table, t) for t in tokens if t in cells]
    assert found == []
