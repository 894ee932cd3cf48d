"""Referrals out: staff refer a participant to a partner; the partner reports the outcome."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.partners import services
from fabriek.partners.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_a_partner_reports_an_accepted_loan_with_its_amount_with_a_decimal_comma(world, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "nl"
    referral = world.ofd.referral
    client.force_login(world.users[Role.PARTNER])

    response = client.post(
        reverse("partners:referral-outcome", kwargs={"programme": "ofd", "pk": referral.pk}),
        {"outcome": "accepted", "outcome_on": "2017-04-01", "amount": "25000,50", "outcome_note": "Microkrediet"},
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    referral.refresh_from_db()
    assert (referral.outcome, referral.outcome_on, referral.amount_cents) == (
        "accepted",
        datetime.date(2017, 4, 1),
        2_500_050,
    )


def test_an_amount_belongs_only_to_accepted_financing(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.referral_report_outcome(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            referral=world.ofd.referral,
            outcome="declined",
            outcome_on=datetime.date(2017, 4, 1),
            amount_cents=100,
        )
    assert list(refused.value.message_dict) == ["amount_cents"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=world.ofd.referral.pk).update(amount_cents=100)  # the database agrees


def test_an_outcome_needs_its_date(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.referral_report_outcome(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            referral=world.ofd.referral,
            outcome="declined",
            outcome_on=None,
        )
    assert list(refused.value.message_dict) == ["outcome_on"]


def test_a_referral_names_the_programmes_own_company_and_partner(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.referral_create(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            company=world.other.company,
            partner=world.other.partner,
            purpose="financing",
            referred_on=datetime.date(2017, 1, 1),
        )
    assert set(refused.value.message_dict) == {"company", "partner"}


def test_a_partner_sees_only_the_referrals_made_to_it(world, client) -> None:  # type: ignore[no-untyped-def]
    other_partner_referral = Referral.objects.create(
        programme=world.ofd.programme,
        partner=world.ofd.agreement.partner.__class__.objects.create(name="NOM", kind="finance"),
        company=world.ofd.company,
        purpose="advice",
        referred_on=datetime.date(2017, 5, 1),
    )
    client.force_login(world.users[Role.PARTNER])

    page = client.get(reverse("partners:referral-list", kwargs={"programme": "ofd"})).content.decode()
    answer = client.get(
        reverse("partners:referral-outcome", kwargs={"programme": "ofd", "pk": other_partner_referral.pk})
    )

    assert "NOM" not in page and world.ofd.partner.name in page
    assert answer.status_code == 404


def test_the_referral_forms_company_search_finds_only_the_programmes_companies(world, staff_client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("partners:referral-company-options", kwargs={"programme": "ofd"})
    form_page = staff_client.get(reverse("partners:referral-create", kwargs={"programme": "ofd"})).content.decode()
    assert f'hx-get="{url}"' in form_page

    own = world.ofd.company
    found = staff_client.get(url, {"q": own.name[2:8].upper()}, HTTP_HX_REQUEST="true").content.decode()
    assert f'<option value="{own.pk}">' in found
    by_kvk = staff_client.get(url, {"q": own.kvk_number[-4:]}).content.decode()
    assert f'<option value="{own.pk}">' in by_kvk
    elsewhere = staff_client.get(url, {"q": world.other.company.name}).content.decode()
    assert f'value="{world.other.company.pk}"' not in elsewhere
    nothing = staff_client.get(url, {"q": "zzzz-no-such-company"}).content.decode()
    assert "Nothing found" in nothing or "Niets gevonden" in nothing
