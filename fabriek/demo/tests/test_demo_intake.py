"""The demo's intake: a pipeline a team would recognise, written once."""

import pytest

from fabriek.demo.loader import load_demo
from fabriek.intake.models import Application, Lead, LeadSource, Review
from fabriek.partners.models import Referral

pytestmark = pytest.mark.django_db


def test_the_demo_has_leads_applications_blind_reviews_and_referrals_once() -> None:
    load_demo()
    counts = (Lead.objects.count(), Application.objects.count(), Review.objects.count(), Referral.objects.count())

    load_demo()

    assert counts == (10, 5, 10, 3)  # both demo reviewers are asked for each of the five applications
    assert (Lead.objects.count(), Application.objects.count(), Review.objects.count(), Referral.objects.count()) == (
        counts
    )
    assert Lead.objects.filter(source=LeadSource.PARTNER, partner__name="Kamer van Koophandel").count() == 4
    # one application is waiting for the mentor's score: the demo mentor sees a blind review to do
    assert Review.objects.filter(reviewer__username="mentor", submitted_at__isnull=True).count() == 2
    assert Application.objects.filter(status="rejected").get().decisions.get().reason
    assert Referral.objects.filter(outcome="accepted").get().amount_cents == 2_500_000
