"""The intake path in a real browser: a partner refers a starter; the starter applies on the public form with the
company filled from (a local fake of) the KvK register; two reviewers score blind; staff admit; the company and
its stay exist and the partner sees "admitted"."""

import pytest
from playwright.sync_api import expect

from fabriek.companies.models import Company
from fabriek.companies.tests.kvk_fake import API_KEY, running_fake_kvk
from fabriek.intake.models import Application, ApplicationStatus, Criterion
from fabriek.participation.models import Participation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_out(visitor) -> None:  # type: ignore[no-untyped-def]
    visitor.page.get_by_role("button", name="Uitloggen").click()
    visitor.page.wait_for_load_state("networkidle")


def _score(visitor, score: int) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    page.get_by_role("button", name="Beoordeel deze aanmelding").click()
    visitor.check("review_form")
    for fieldset in page.locator("main form fieldset, main form div.field").all():
        radios = fieldset.get_by_role("radio", name=str(score), exact=True)
        if radios.count():
            radios.first.check()
    page.get_by_label("Toelichting").fill(f"Cijfer {score} overal")
    page.get_by_role("button", name="Beoordeling indienen").click()
    expect(page.locator(".message").first).to_contain_text("Beoordeling ingediend")


def test_from_referral_to_admission(visitor, world, settings) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    with running_fake_kvk() as fake:
        settings.KVK_API_URL, settings.KVK_API_KEY, settings.KVK_BACKOFF_SECONDS = fake.url, API_KEY, 0

        # a partner refers a starter
        visitor.log_in("partner")
        page.goto(visitor.base_url + "/p/ofd/leads/")
        visitor.check("partner_leads")
        page.get_by_role("button", name="Starter doorverwijzen").click()
        page.get_by_label("Naam:", exact=True).fill("Anna de Vries")
        page.get_by_label("E-mail").fill("anna@example.org")
        page.get_by_label("Bedrijfsnaam").fill("Hunebed Robotics")
        visitor.check("partner_lead_form")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.locator("h1")).to_have_text("Anna de Vries")
        _log_out(visitor)

        # the starter applies on the public form, the company filled in from the KvK register
        visitor.visit("/p/ofd/apply/", "apply")
        page.get_by_label("KvK-nummer").fill("90006623")
        page.get_by_role("button", name="Invullen uit het KvK-register").click()
        expect(page.locator("#company-fields .message")).to_contain_text("Ingevuld uit het KvK-register")
        expect(page.get_by_label("Bedrijfsnaam")).to_have_value("Hunebed Robotics B.V.")
        expect(page.get_by_label("Postcode")).to_have_value("9403 AB")
        page.get_by_label("Je naam").fill("Anna de Vries")
        page.get_by_label("Je e-mailadres").fill("anna@example.org")
        page.get_by_label("Wat doet je bedrijf, en voor wie?").fill("Robots die onkruid wieden, voor boeren.")
        page.get_by_label("Waar wil je over twee jaar staan met je bedrijf?").fill("Tien mensen in dienst.")
        page.get_by_label("Hoe verdient je bedrijf geld, en hoe kan dat groeien?").fill("Robots als dienst.")
        page.get_by_label("Welke ondersteuning heb je van ons nodig").fill("Verkoop en netwerk.")
        visitor.check("apply_filled")
        page.get_by_role("button", name="Aanmelding versturen").click()
        expect(page.locator("h1")).to_have_text("Bedankt voor je aanmelding")
        visitor.check("apply_done")

    application = Application.objects.get(kvk_number="90006623")
    assert application.lead is not None and application.lead.partner == world.ofd.partner

    # staff ask two reviewers: themselves and the mentor; staff score first
    visitor.log_in("staff")
    page.goto(visitor.base_url + f"/p/ofd/applications/{application.pk}/")
    for reviewer in (world.users["staff"], world.users["mentor"]):
        page.get_by_label("Beoordelaar").select_option(str(reviewer.pk))
        page.get_by_role("button", name="Vraag om te beoordelen").click()
    visitor.check("application_reviewers")
    _score(visitor, 4)
    _log_out(visitor)

    # the mentor sees no scores until submitting their own
    visitor.log_in("mentor")
    page.goto(visitor.base_url + f"/p/ofd/applications/{application.pk}/")
    expect(page.get_by_text("Beoordelen gaat blind")).to_be_visible()
    expect(page.get_by_text("Cijfer 4 overal")).to_have_count(0)
    visitor.check("blind")
    _score(visitor, 3)
    expect(page.get_by_text("Cijfer 4 overal")).to_be_visible()
    visitor.check("after_review")
    _log_out(visitor)

    # staff admit the company at Assen
    visitor.log_in("staff")
    page.goto(visitor.base_url + f"/p/ofd/applications/{application.pk}/")
    visitor.check("assessment")
    page.get_by_role("button", name="Besluiten").click()
    page.get_by_label("Toelaten").check()
    page.get_by_label("Reden").fill("Schaalbaar idee, leerbaar team.")
    page.get_by_label("Locatie").select_option(str(world.ofd.location.pk))
    page.get_by_label("Dienstenpakket").select_option(str(world.ofd.package.pk))
    page.get_by_label("Begint op").fill("2026-12-01")
    visitor.check("decision_form")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("dl.details")).to_contain_text("Toegelaten")
    _log_out(visitor)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED
    company = Company.objects.get(kvk_number="90006623")
    assert Participation.objects.filter(company=company, location=world.ofd.location).exists()
    assert application.reviews.filter(submitted_at__isnull=False).count() == 2
    assert application.reviews.get(reviewer=world.users["mentor"]).scores.count() == len(Criterion.values)

    # the partner sees what became of the referral
    visitor.log_in("partner")
    page.goto(visitor.base_url + "/p/ofd/leads/")
    expect(page.get_by_role("row", name="Anna de Vries")).to_contain_text("Toegelaten")
    visitor.check("partner_sees_admitted")


def test_the_public_form_on_a_phone(visitor, world) -> None:  # type: ignore[no-untyped-def]
    visitor.page.set_viewport_size({"width": 390, "height": 844})
    visitor.visit("/p/ofd/apply/", "apply_phone")
    width = visitor.page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390
