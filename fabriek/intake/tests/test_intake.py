"""The intake path: leads, applications, blind reviews, decisions, retention."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.core.periods import add_years
from fabriek.events.tests.factories import EventFactory
from fabriek.intake import selectors, services
from fabriek.intake.models import Application, ApplicationStatus, Criterion, Decision, Lead, LeadSource, LeadStatus
from fabriek.intake.tests.factories import ApplicationFactory, LeadFactory
from fabriek.participation.models import Participation
from fabriek.participation.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _membership(world, role):  # type: ignore[no-untyped-def]
    return world.users[role].memberships.select_related("programme").get(programme=world.ofd.programme)


ALL_FIVE = dict.fromkeys(Criterion.values, 3)


# --- leads ------------------------------------------------------------------------------------------------


def test_a_partner_refers_a_lead_for_itself_whatever_it_sends(world, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTNER])
    other_partner = world.other.partner

    response = client.post(
        "/api/v1/programmes/ofd/leads",
        {"name": "Anna", "email": "anna@example.org", "source": "website", "partner": other_partner.pk},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    lead = Lead.objects.get(pk=response.json()["id"])
    assert (lead.source, lead.partner, lead.status) == (LeadSource.PARTNER, world.ofd.partner, LeadStatus.NEW)
    assert response.json()["status"] == "new"


def test_a_partner_lists_only_its_own_leads(world, client) -> None:  # type: ignore[no-untyped-def]
    LeadFactory(programme=world.ofd.programme, name="Someone else's", source=LeadSource.OUTREACH)
    client.force_login(world.users[Role.PARTNER])

    names = [lead["name"] for lead in client.get("/api/v1/programmes/ofd/leads").json()["items"]]

    assert names == [world.ofd.lead.name]


def test_a_lead_cannot_name_another_programmes_partner(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.lead_create(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            name="Bert",
            source=LeadSource.PARTNER,
            partner=world.other.partner,
        )
    assert refused.value.message_dict == {"partner": ["Choose a partner of this programme."]}
    assert not Lead.objects.filter(name="Bert").exists()


def test_a_partner_sees_the_status_of_its_referral_but_nothing_of_the_assessment(world, client) -> None:  # type: ignore[no-untyped-def]
    lead = world.ofd.lead
    services.application_submit(actor=world.users[Role.STAFF], programme=world.ofd.programme, lead=lead)
    client.force_login(world.users[Role.PARTNER])

    page = client.get(reverse("intake:lead-detail", kwargs={"programme": "ofd", "pk": lead.pk})).content.decode()

    assert "Submitted" in page  # what became of the referral: its application is in
    assert "Assessment" not in page and "View application" not in page
    assert client.get(reverse("intake:application-list", kwargs={"programme": "ofd"})).status_code == 403


def test_the_pipeline_counts_leads_by_source_and_location_with_two_queries(world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    programme = world.ofd.programme
    event = EventFactory(programme=programme)
    LeadFactory(programme=programme, source=LeadSource.EVENT, event=event, location=world.ofd.location)
    LeadFactory(programme=programme, source=LeadSource.EVENT, event=event, status=LeadStatus.CONTACTED)
    LeadFactory(programme=programme, source=LeadSource.OUTREACH, status=LeadStatus.NO_INTEREST)
    membership = _membership(world, Role.STAFF)

    with django_assert_num_queries(3):  # the two counts and the programme's locations
        by_source, by_location = selectors.lead_pipeline(membership=membership)

    # statuses in order: new, contacted, applied, not suitable, no interest
    assert [(row.label, row.cells, row.total) for row in by_source] == [
        ("Met at an event", [1, 1, 0, 0, 0], 2),
        ("Outreach by the team", [0, 0, 0, 0, 1], 1),
        ("Referred by a partner", [1, 0, 0, 0, 0], 1),  # the world's own lead
    ]
    assert [(row.label, row.total) for row in by_location] == [(world.ofd.location.name, 1), ("—", 3)]


# --- applications and decisions ---------------------------------------------------------------------------


def test_an_application_from_a_lead_copies_it_and_marks_the_lead_applied(world, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    lead = world.ofd.lead

    response = client.post("/api/v1/programmes/ofd/applications", {"lead": lead.pk}, content_type="application/json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["lead"], body["founder_name"], body["company_name"]) == (
        "submitted",
        lead.pk,
        lead.name,
        lead.company_name,
    )
    lead.refresh_from_db()
    assert lead.status == LeadStatus.APPLIED
    again = client.post("/api/v1/programmes/ofd/applications", {"lead": lead.pk}, content_type="application/json")
    assert again.status_code == 422
    assert again.json()["errors"] == {"lead": ["This lead has applied already."]}


def test_admitting_creates_the_company_and_its_stay(world, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    application = world.ofd.application

    response = client.post(
        f"/api/v1/programmes/ofd/applications/{application.pk}/decision",
        {
            "decision": "admitted",
            "location": world.ofd.location.pk,
            "package": world.ofd.package.pk,
            "starts_on": "2026-12-01",
            "reason": "Scalable, coachable, needs a network.",
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED
    company = application.company
    assert (company.kvk_number, company.name) == (application.kvk_number, application.company_name)
    assert company.programmes.filter(pk=world.ofd.programme.pk).exists()
    stay = Participation.objects.get(company=company)
    assert (stay.location, stay.package, stay.started_on) == (
        world.ofd.location,
        world.ofd.package,
        datetime.date(2026, 12, 1),
    )
    assert response.json()["participation"] == stay.pk
    entry = AuditEntry.objects.get(action="intake.application.admitted")
    assert entry.reason == "Scalable, coachable, needs a network."


def test_an_admission_whose_stay_is_refused_leaves_nothing_behind(world) -> None:  # type: ignore[no-untyped-def]
    company = CompanyFactory(programmes=[world.ofd.programme])
    ParticipationFactory(
        company=company,
        programme=world.ofd.programme,
        location=world.ofd.location,
        started_on=datetime.date(2026, 1, 1),
    )
    application = ApplicationFactory(programme=world.ofd.programme, kvk_number=company.kvk_number)

    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=world.users[Role.STAFF],
            programme=world.ofd.programme,
            application=application,
            outcome="admitted",
            reason="Good",
            location=world.ofd.location,
            package=world.ofd.package,
            starts_on=datetime.date(2026, 6, 1),
        )

    assert "started_on" in refused.value.message_dict  # the open stay since 1 January
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Decision.objects.filter(application=application).exists()
    assert Participation.objects.filter(company=company).count() == 1


@pytest.mark.parametrize("outcome", ["rejected", "waitlisted"])
def test_rejecting_or_wait_listing_needs_a_reason_and_creates_no_stay(world, outcome) -> None:  # type: ignore[no-untyped-def]
    application = world.ofd.application
    staff = world.users[Role.STAFF]
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=staff, programme=world.ofd.programme, application=application, outcome=outcome, reason="  "
        )
    assert list(refused.value.message_dict) == ["reason"]

    services.decision_record(
        actor=staff, programme=world.ofd.programme, application=application, outcome=outcome, reason="Too early"
    )

    application.refresh_from_db()
    assert application.status == outcome
    assert application.company is None
    assert not Participation.objects.filter(company__kvk_number=application.kvk_number).exists()


def test_admitting_needs_location_package_and_start(world, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    response = client.post(
        f"/api/v1/programmes/ofd/applications/{world.ofd.application.pk}/decision",
        {"decision": "admitted", "reason": "Yes"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"location", "package", "starts_on"}


def test_a_decided_application_is_not_decided_again(world) -> None:  # type: ignore[no-untyped-def]
    staff, programme, application = world.users[Role.STAFF], world.ofd.programme, world.ofd.application
    services.decision_record(actor=staff, programme=programme, application=application, outcome="rejected", reason="No")
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=staff, programme=programme, application=application, outcome="waitlisted", reason="Maybe"
        )
    assert refused.value.message_dict == {"outcome": ["This application has been decided already (Rejected)."]}


def test_an_application_of_a_company_older_than_five_years_is_flagged(world, staff_client) -> None:  # type: ignore[no-untyped-def]
    application = world.ofd.application
    url = reverse("intake:application-detail", kwargs={"programme": "ofd", "pk": application.pk})
    today = timezone.localdate()
    application.founded_on = add_years(today, -5)  # exactly five years: still young enough
    application.save()
    assert "more than five years ago" not in staff_client.get(url).content.decode()

    application.founded_on = application.founded_on - timedelta(days=1)
    application.save()
    assert "more than five years ago" in staff_client.get(url).content.decode()


# --- blind reviews ----------------------------------------------------------------------------------------


def test_reviews_are_blind_until_the_reviewer_submits_their_own(world, client) -> None:  # type: ignore[no-untyped-def]
    staff, mentor, programme = world.users[Role.STAFF], world.users[Role.MENTOR], world.ofd.programme
    application = world.ofd.application
    staff_review = services.reviewer_assign(actor=staff, programme=programme, application=application, reviewer=staff)
    mentor_review = services.reviewer_assign(actor=staff, programme=programme, application=application, reviewer=mentor)
    services.review_submit(
        actor=staff, programme=programme, review=staff_review, scores={**ALL_FIVE, "ambition": 5}, comment="Strong"
    )
    url = reverse("intake:application-detail", kwargs={"programme": "ofd", "pk": application.pk})
    client.force_login(mentor)

    before = client.get(url).content.decode()
    assert "Strong" not in before and "Ambition and growth potential 5" not in before
    assert "Reviews are blind" in before

    response = client.post(
        reverse("intake:review-edit", kwargs={"programme": "ofd", "pk": application.pk}),
        {**dict.fromkeys(Criterion.values, "4"), "comment": "Promising"},
    )
    assert response.status_code == 302
    after = client.get(url).content.decode()
    assert "Strong" in after and "Ambition and growth potential 5" in after
    mentor_review.refresh_from_db()
    assert mentor_review.submitted_at is not None


def test_a_review_needs_every_criterion_from_1_to_5_and_is_final(world) -> None:  # type: ignore[no-untyped-def]
    staff, programme, application = world.users[Role.STAFF], world.ofd.programme, world.ofd.application
    review = services.reviewer_assign(actor=staff, programme=programme, application=application, reviewer=staff)

    with pytest.raises(ValidationError) as refused:
        services.review_submit(actor=staff, programme=programme, review=review, scores={**ALL_FIVE, "ambition": 6})
    assert list(refused.value.message_dict) == ["ambition"]

    services.review_submit(actor=staff, programme=programme, review=review, scores=ALL_FIVE)
    with pytest.raises(ValidationError):
        services.review_submit(actor=staff, programme=programme, review=review, scores=ALL_FIVE)


def test_only_staff_and_mentors_of_the_programme_review(world) -> None:  # type: ignore[no-untyped-def]
    staff, programme = world.users[Role.STAFF], world.ofd.programme
    for outsider in (world.users[Role.PARTNER], world.users["other_staff"]):
        with pytest.raises(ValidationError):
            services.reviewer_assign(
                actor=staff, programme=programme, application=world.ofd.application, reviewer=outsider
            )


def test_a_mentor_sees_only_the_applications_they_review(world, client) -> None:  # type: ignore[no-untyped-def]
    staff, mentor, programme = world.users[Role.STAFF], world.users[Role.MENTOR], world.ofd.programme
    asked = ApplicationFactory(programme=programme, company_name="Asked BV")
    services.reviewer_assign(actor=staff, programme=programme, application=asked, reviewer=mentor)
    client.force_login(mentor)

    page = client.get(reverse("intake:application-list", kwargs={"programme": "ofd"})).content.decode()

    assert "Asked BV" in page and world.ofd.application.company_name not in page


def test_a_reviewing_mentor_sees_where_an_application_came_from_but_no_link_to_the_lead(world, client) -> None:  # type: ignore[no-untyped-def]
    staff, mentor, programme = world.users[Role.STAFF], world.users[Role.MENTOR], world.ofd.programme
    lead = LeadFactory(programme=programme)
    asked = ApplicationFactory(programme=programme, lead=lead)
    services.reviewer_assign(actor=staff, programme=programme, application=asked, reviewer=mentor)
    detail = reverse("intake:application-detail", kwargs={"programme": "ofd", "pk": asked.pk})
    lead_url = reverse("intake:lead-detail", kwargs={"programme": "ofd", "pk": lead.pk})

    client.force_login(mentor)
    page = client.get(detail).content.decode()
    assert lead.get_source_display() in page and lead_url not in page
    assert client.get(lead_url).status_code == 403
    client.force_login(staff)
    assert lead_url in client.get(detail).content.decode()


def test_the_application_list_runs_a_bounded_number_of_queries(
    world, staff_client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(30):
        ApplicationFactory(programme=world.ofd.programme)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("intake:application-list", kwargs={"programme": "ofd"}))
    assert response.status_code == 200


def test_the_lead_list_runs_a_bounded_number_of_queries(world, staff_client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(30):
        LeadFactory(programme=world.ofd.programme, source=LeadSource.PARTNER, partner=world.ofd.partner)
    with django_assert_max_num_queries(14):
        response = staff_client.get(reverse("intake:lead-list", kwargs={"programme": "ofd"}))
    assert response.status_code == 200


# --- retention --------------------------------------------------------------------------------------------


def test_applicants_not_admitted_lose_their_personal_details_after_their_retention(world) -> None:  # type: ignore[no-untyped-def]
    staff, programme = world.users[Role.STAFF], world.ofd.programme
    without = ApplicationFactory(programme=programme, founded_on=datetime.date(2024, 1, 1), sbi_code="6201")
    with_consent = ApplicationFactory(programme=programme, consent_follow_up=True)
    waiting = ApplicationFactory(programme=programme)
    decided_on = timezone.now() - timedelta(days=91)
    with time_machine.travel(decided_on):
        for application in (without, with_consent):
            services.decision_record(
                actor=staff, programme=programme, application=application, outcome="rejected", reason="No"
            )
    services.decision_record(actor=staff, programme=programme, application=waiting, outcome="waitlisted", reason="Soon")

    assert services.applications_anonymise_expired() == 1
    assert services.applications_anonymise_expired() == 0  # idempotent

    without.refresh_from_db()
    assert (without.founder_name, without.founder_email, without.company_name, without.kvk_number) == ("", "", "", "")
    assert (without.founded_on, without.sbi_code, without.status) == (datetime.date(2024, 1, 1), "6201", "rejected")
    assert without.anonymised_at is not None
    assert (
        not AuditEntry.objects.filter(object_type="intake.application", object_id=str(without.pk))
        .exclude(object_repr=services.ANONYMOUS)
        .exists()
    )
    with_consent.refresh_from_db()
    waiting.refresh_from_db()
    assert with_consent.founder_name and waiting.founder_name  # consent: kept; wait-listed 0 days ago: kept
    assert Application.objects.filter(programme=programme).count() == 4  # nothing deleted: the anonymous facts stay


def test_a_referred_starter_applying_on_the_public_form_joins_their_lead_and_the_partner_sees_the_outcome(
    world, client
) -> None:  # type: ignore[no-untyped-def]
    lead = world.ofd.lead
    programme = world.ofd.programme
    application = services.application_submit(
        actor=None,
        programme=programme,
        company_name="Their own name BV",
        kvk_number="12345670",
        founder_name="Their own name",
        founder_email=lead.email.upper(),
        activity="Robots",
    )
    assert application.lead == lead and application.company_name == "Their own name BV"
    services.decision_record(
        actor=world.users[Role.STAFF],
        programme=programme,
        application=application,
        outcome="admitted",
        reason="Good fit",
        location=world.ofd.location,
        package=world.ofd.package,
        starts_on=datetime.date(2026, 12, 1),
    )
    client.force_login(world.users[Role.PARTNER])

    listed = client.get("/api/v1/programmes/ofd/leads").json()["items"]
    page = client.get(reverse("intake:lead-detail", kwargs={"programme": "ofd", "pk": lead.pk})).content.decode()

    assert [(item["id"], item["status"], item["outcome"]) for item in listed] == [(lead.pk, "applied", "admitted")]
    assert "Admitted" in page


def test_admitting_invites_the_founder_to_a_participant_account(world, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    from fabriek.accounts.models import Invitation

    application = world.ofd.application
    application.language = "en"
    application.save()
    services.decision_record(
        actor=world.users[Role.STAFF],
        programme=world.ofd.programme,
        application=application,
        outcome="admitted",
        reason="Good fit",
        location=world.ofd.location,
        package=world.ofd.package,
        starts_on=datetime.date(2026, 12, 1),
    )

    application.refresh_from_db()
    invitation = Invitation.objects.get(email=application.founder_email)
    assert (invitation.role, invitation.company, invitation.language) == ("participant", application.company, "en")
    assert [message.to for message in mailoutbox] == [[application.founder_email]]
