"""A founder answers a survey from the mail that arrived over SMTP, without logging in; the figure counts in
the jobs report. Staff's survey pages, at 1280 and 390 px."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from fabriek.companies.models import CompanyRole
from fabriek.companies.tests.factories import CompanyRoleFactory, PersonFactory
from fabriek.core.worker import run_pending
from fabriek.metrics.models import Observation
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.reporting import rules
from fabriek.surveys import services
from fabriek.surveys.models import SurveyInvitation
from fabriek.surveys.schedule import add_months

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_starter(world, *, email: str, name: str = "Turfsteker BV"):  # type: ignore[no-untyped-def]
    """A company whose six-month survey is due today (or a few days ago, at the end of a long month)."""
    start = add_months(timezone.localdate(), -6)
    stay = ParticipationFactory(
        programme=world.ofd.programme,
        location=world.ofd.location,
        package=world.ofd.package,
        started_on=start,
        company__name=name,
    )
    person = PersonFactory(name="Anna de Vries", email=email, phone="06 12345678")
    CompanyRoleFactory(company=stay.company, person=person, role=CompanyRole.Role.FOUNDER)
    ObservationFactory(company=stay.company, observed_on=start, employees=1, interns=0, source="intake")
    return stay


def test_a_founder_answers_the_survey_from_the_mail_and_the_jobs_report_counts_it(  # type: ignore[no-untyped-def]
    visitor, world, live_server, smtp_server, settings
) -> None:
    settings.SITE_URL = live_server.url
    page = visitor.page
    stay = a_starter(world, email="anna@turfsteker.nl")
    today = timezone.localdate()
    before = rules.jobs_created(programme=world.ofd.programme, start=stay.started_on, end=today)

    call_command("send_due_surveys", "--programme", "ofd")
    run_pending()  # the worker delivers the outbox over SMTP
    [mail] = [m for m in smtp_server.messages if m.recipients == ["anna@turfsteker.nl"]]
    body = mail.message.get_content()
    links = re.findall(r"https?://\S+", body)
    assert len(links) == 1  # exactly one link: the survey's
    assert mail.message["Subject"] == "OndernemersFabriek Drenthe: een paar vragen over je bedrijf"

    page.goto(links[0])
    assert page.url == f"{live_server.url}/survey/"  # the token left the address bar
    expect(page.get_by_role("heading", name="Hoe gaat het met je bedrijf?")).to_be_visible()
    visitor.check("survey_form")
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check("survey_form_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Hoeveel medewerkers heeft je bedrijf?").fill("1.000.000")  # too many: a field error
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_text("te groot")).to_be_visible()
    visitor.check("survey_error")
    page.get_by_label("Hoeveel medewerkers heeft je bedrijf?").fill("7")
    page.get_by_label("Hoeveel stagiairs?").fill("2")
    page.get_by_label("Hoeveel fte maken de medewerkers samen?").fill("6,5")
    page.get_by_label("Wat was je omzet over de afgelopen twaalf maanden (EUR)?").fill("€ 250.000")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Bedankt voor je antwoorden")).to_be_visible()
    visitor.check("survey_thanks")

    invitation = SurveyInvitation.objects.get(company=stay.company)
    observation = Observation.objects.get(company=stay.company, source="survey")
    assert (observation.observed_on, observation.employees, observation.interns) == (invitation.reference_date, 7, 2)
    assert observation.revenue_cents == 25_000_000
    # the link works no more
    page.goto(links[0])
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()

    after = rules.jobs_created(programme=world.ofd.programme, start=stay.started_on, end=today)
    assert after.as_dict()["gross"] == before.as_dict()["gross"] + 6  # 1 at the start, 7 now
    visitor.log_in("staff")
    period = f"from={stay.started_on.isoformat()}&to={today.isoformat()}"
    visitor.visit(f"/p/ofd/reports/jobs-created/?{period}", "jobs_report")
    stats = page.locator("dl.stats")
    expect(stats).to_contain_text(str(after.as_dict()["gross"]))
    coverage = rules.data_coverage(programme=world.ofd.programme, on=today, start=stay.started_on)
    assert stay.company_id in coverage.recent_figure
    expect(page.locator("section.coverage")).to_contain_text(
        f"{len(coverage.recent_figure)} bedrijven met een meting uit de 12 maanden tot en met de rapportagedatum"
    )


def test_staff_survey_pages_at_desk_and_phone_width(visitor, world, settings) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    answered = a_starter(world, email="anna@turfsteker.nl")
    silent = a_starter(world, email="bo@veenkoloniaal.nl", name="Veenkoloniaal Design")
    services.surveys_send_due(programme=world.ofd.programme, today=timezone.localdate())
    services.response_submit(
        invitation=SurveyInvitation.objects.get(company=answered.company), answers={"employees": "3", "interns": "1"}
    )
    late = SurveyInvitation.objects.get(company=silent.company)
    SurveyInvitation.objects.filter(pk=late.pk).update(reminders_sent=2)  # both reminders went out
    visitor.log_in("staff")
    pages = [
        ("/p/ofd/surveys/", "rates"),
        ("/p/ofd/surveys/call-list/", "call_list"),
        (f"/p/ofd/surveys/{late.pk}/enter/", "staff_entry"),
        (f"/p/ofd/companies/{answered.company_id}/", "company_history"),
    ]
    for width, suffix in ((1280, ""), (390, "_phone")):
        page.set_viewport_size({"width": width, "height": 900})
        for path, label in pages:
            visitor.visit(path, label + suffix)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    expect(page.get_by_role("heading", name="Enquêtes")).to_be_visible()
    visitor.visit(f"/p/ofd/surveys/{late.pk}/enter/", "staff_entry_again")
    page.get_by_label("Hoeveel medewerkers heeft je bedrijf?").fill("4")
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.get_by_text("De antwoorden van Veenkoloniaal Design zijn opgeslagen.")).to_be_visible()
    visitor.check("call_list_after_entry")
    assert Observation.objects.get(company=silent.company, observed_on=late.reference_date).source == "staff"


def test_a_participant_sees_the_open_survey_on_their_home(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    participation = world.ofd.participation
    today = timezone.localdate()
    SurveyInvitation.objects.create(
        programme=world.ofd.programme,
        company=participation.company,
        participation=participation,
        kind="participant",
        reference_date=today,
        sent_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    visitor.log_in("participant")
    visitor.visit("/p/ofd/home/", "participant_home")
    page.get_by_role("link", name="Deelnemersenquête").click()
    expect(page.get_by_role("heading", name="Hoe gaat het met je bedrijf?")).to_be_visible()
    visitor.check("participant_survey")
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.visit("/p/ofd/home/", "participant_home_phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
