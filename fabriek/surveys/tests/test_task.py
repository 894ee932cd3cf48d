"""The worker runs the survey job daily: its periodic slot sends what is due that day, once."""

import datetime

import pytest
import time_machine

from fabriek.core import schedule as periodic
from fabriek.core.worker import run_pending
from fabriek.surveys.models import SurveyInvitation
from fabriek.surveys.tests.helpers import build_programme, stay

pytestmark = pytest.mark.django_db


def test_the_daily_slot_sends_the_surveys_due_that_day_and_a_second_tick_nothing(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.PERIODIC_TASKS["surveys.send_due"]["every"] == 86400
    world = build_programme()
    stay(world, datetime.date(2024, 1, 15))
    with time_machine.travel(datetime.datetime(2024, 7, 15, 6, 0, 30, tzinfo=datetime.UTC), tick=False):
        assert "surveys.send_due" in periodic.tick()
        run_pending()
        assert "surveys.send_due" not in periodic.tick()  # the same slot is enqueued once
        run_pending()
    assert list(SurveyInvitation.objects.values_list("reference_date", "sent_on")) == [
        (datetime.date(2024, 7, 15), datetime.date(2024, 7, 15))
    ]
