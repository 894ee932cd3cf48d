"""The partner scorecard: what each partner fed in, and what came of the programme's referrals to it."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.intake import selectors, services
from fabriek.intake.models import LeadSource
from fabriek.intake.tests.factories import LeadFactory
from fabriek.partners import services as partner_services
from fabriek.partners.models import Referral

pytestmark = pytest.mark.django_db


def test_the_scorecard_counts_one_year_per_partner(world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    programme, partner, staff = world.ofd.programme, world.ofd.partner, world.users[Role.STAFF]
    with time_machine.travel(datetime.datetime(2025, 12, 31, 12, tzinfo=datetime.UTC)):
        LeadFactory(programme=programme, source=LeadSource.PARTNER, partner=partner)  # another year
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        admitted = LeadFactory(programme=programme, source=LeadSource.PARTNER, partner=partner, kvk_number="12345670")
        LeadFactory(programme=programme, source=LeadSource.PARTNER, partner=partner)
        application = services.application_submit(actor=staff, programme=programme, lead=admitted)
        services.decision_record(
            actor=staff,
            programme=programme,
            application=application,
            outcome="admitted",
            reason="Good",
            location=world.ofd.location,
            package=world.ofd.package,
            starts_on=datetime.date(2026, 4, 1),
        )
        for outcome, amount in (("accepted", 1_000_000), ("declined", None), ("pending", None)):
            referral = partner_services.referral_create(
                actor=staff,
                programme=programme,
                company=world.ofd.company,
                partner=partner,
                purpose="financing",
                referred_on=datetime.date(2026, 2, 1),
            )
            if outcome != "pending":
                partner_services.referral_report_outcome(
                    actor=staff,
                    programme=programme,
                    referral=referral,
                    outcome=outcome,
                    outcome_on=datetime.date(2026, 3, 1),
                    amount_cents=amount,
                )
    membership = world.users[Role.FUNDER].memberships.select_related("programme").get()

    with django_assert_max_num_queries(5):
        rows = selectors.partner_scorecard(membership=membership, year=2026)

    row = next(r for r in rows if r.partner == partner)
    # the world's own lead was created today (2026) too: 3 leads; 1 application, 1 admission;
    # 3 referrals in 2026 (the world's 2017 one is another year): 1 accepted with EUR 10,000, 1 declined
    assert (row.leads, row.applications, row.admissions) == (3, 1, 1)
    assert (row.referrals, row.accepted, row.declined, row.financing_cents) == (3, 1, 1, 1_000_000)
    assert Referral.objects.filter(partner=partner).count() == 4


@pytest.mark.parametrize("year", ["-1", "10000", "99999999999999999999", "abc"])
def test_a_silly_year_is_a_400_with_the_form(world, client, year) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    response = client.get(reverse("intake:partner-scorecard", kwargs={"programme": "ofd"}), {"year": year})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_partner_sees_only_its_own_row(world, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTNER])
    page = client.get(reverse("intake:partner-scorecard", kwargs={"programme": "ofd"})).content.decode()
    assert page.count('<th scope="row">') == 1
