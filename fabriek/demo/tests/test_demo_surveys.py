"""The demo's surveys: a few rounds as the schedule sends them, about 60% answered, written once."""

import pytest
from django.utils import timezone

from fabriek.demo.loader import load_demo
from fabriek.metrics.models import Observation
from fabriek.programmes.models import Programme
from fabriek.surveys import selectors
from fabriek.surveys.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_demo_has_survey_rounds_with_about_60_percent_response_once() -> None:
    load_demo()
    counts = (SurveyInvitation.objects.count(), SurveyResponse.objects.count())
    load_demo()
    assert (SurveyInvitation.objects.count(), SurveyResponse.objects.count()) == counts

    programme = Programme.objects.get(slug="ofd")
    today = timezone.localdate()
    closed = SurveyInvitation.objects.filter(programme=programme, closes_on__lte=today)
    answered = closed.filter(answered_at__isnull=False).count()
    assert closed.count() >= 40
    assert 0.5 <= answered / closed.count() <= 0.75
    rounds = selectors.response_rates_by_round(programme=programme)
    assert {r.kind for r in rounds} == {"Participant survey", "Exit survey", "Alumni survey"}
    assert len({r.label for r in rounds}) >= 6  # six months of rounds
    # every answer became a figure dated its survey's reference date; the unanswered are on the call list
    for response in SurveyResponse.objects.select_related("invitation", "observation"):
        assert response.observation.observed_on == response.invitation.reference_date
        assert response.observation.source == ("staff" if response.channel == "phone" else "survey")
    assert Observation.objects.filter(source="staff", company__survey_invitations__response__channel="phone").exists()
    assert selectors.call_list(programme=programme).exists()
