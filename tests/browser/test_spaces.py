"""A participant books a desk for tomorrow from the home page on a phone in one tap and cancels it in
another; every step is screenshotted and checked with axe-core at 390 px."""

import datetime

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from fabriek.accounts.models import Role
from fabriek.programmes.models import ServicePackage
from fabriek.programmes.tests.factories import ServicePackageFactory
from fabriek.spaces.models import DeskBooking
from fabriek.spaces.tests.factories import DeskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_books_and_cancels_a_desk_day_in_two_taps_on_a_phone(visitor, world) -> None:  # type: ignore[no-untyped-def]
    ofd = world.ofd
    ofd.participation.package = ServicePackageFactory(programme=ofd.programme, kind=ServicePackage.Kind.PARTTIME)
    ofd.participation.save()
    DeskFactory(location=ofd.location, label="Flex 1")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with translation.override("nl"):
        day = formats.date_format(tomorrow, "l j F")
    page = visitor.page
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.log_in(world.users[Role.PARTICIPANT].username)
    visitor.visit("/p/ofd/home/", "spaces_home_390")

    page.get_by_role("button", name=f"Werkplek reserveren op {day}").click()  # tap one

    expect(page.get_by_text("Werkplek Flex 1 is van jou")).to_be_visible()
    visitor.check("spaces_home_booked_390")
    assert DeskBooking.objects.filter(company=ofd.company, day=tomorrow).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("button", name=f"Werkplek annuleren op {day}").click()  # tap two

    expect(page.get_by_text("geannuleerd")).to_be_visible()
    visitor.check("spaces_home_cancelled_390")
    assert not DeskBooking.objects.filter(company=ofd.company).exists()
