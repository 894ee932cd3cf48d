"""The intake part of the demo, dated from today: leads from partners, events and outreach, applications under
review with blind scores from the staff and mentor accounts, a rejection and a wait-listing, and referrals of
current participants to the financing partners with their outcomes.

Written once per programme (a programme that has leads keeps them), with the plain ORM like the rest of the
demo, and deterministic: the same names, scores and day offsets every time.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from fabriek.accounts.models import User
from fabriek.intake.models import (
    Application,
    ApplicationStatus,
    Criterion,
    Decision,
    Lead,
    LeadSource,
    LeadStatus,
    Review,
    Score,
)
from fabriek.participation.models import Participation
from fabriek.partners.models import Partner, Referral
from fabriek.programmes.models import Location, Programme, ServicePackage

#: (name, company, source, partner or "", status, days ago)
LEADS: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("Sanne Bakker", "Veenkoloniale Vezels", "partner", "Kamer van Koophandel", "applied", 84),
    ("Joris Mulder", "Drentse Dronedata", "partner", "Kamer van Koophandel", "applied", 70),
    ("Fatma Yilmaz", "Zorgrobot Noord", "event", "", "applied", 62),
    ("Pieter Smit", "Hunebed Hout", "outreach", "", "applied", 55),
    ("Lotte de Jong", "Biobased Borger", "partner", "Bank in Drenthe (voedingsrelatie)", "applied", 41),
    ("Mehmet Kaya", "Kaya Koeltechniek", "partner", "Kamer van Koophandel", "contacted", 20),
    ("Eva Visser", "Heidegeluk Recreatie", "website", "", "not_suitable", 35),
    ("Thomas Boer", "Boer & Byte", "event", "", "new", 6),
    ("Iris Hendriks", "Emmer Energie", "partner", "Kamer van Koophandel", "new", 3),
    ("Daan Kok", "Kok Kunststof", "outreach", "", "no_interest", 48),
)

ANSWERS = {
    "activity": "We maken {company} groot: een product voor bedrijven in Noord-Nederland.",
    "ambition": "Over twee jaar vijf mensen in dienst en klanten buiten Drenthe.",
    "business_model": "Abonnementen per klant; groei door een tweede productlijn.",
    "support_need": "Hulp bij verkoop en financiering; ik vind het lastig om nee te zeggen tegen klanten.",
}

#: per application (by lead name): the staff and mentor scores (None: not submitted), then the decision
REVIEWS: dict[str, tuple[tuple[int, ...] | None, tuple[int, ...] | None, str]] = {
    "Sanne Bakker": ((4, 4, 5, 3, 4), (3, 3, 4, 3, 3), ""),
    "Joris Mulder": ((3, 4, 4, 4, 3), None, ""),
    "Fatma Yilmaz": ((2, 3, 3, 2, 4), (2, 2, 3, 2, 3), "rejected"),
    "Pieter Smit": ((3, 3, 3, 4, 4), (3, 3, 2, 3, 4), "waitlisted"),
    "Lotte de Jong": (None, None, ""),
}
REASONS = {
    "rejected": "Nog geen schaalbaar verdienmodel; we adviseren eerst het Starters Academy-traject.",
    "waitlisted": "Past goed, maar Hoogeveen heeft nu geen plek; in het voorjaar opnieuw bekijken.",
}
#: (financing partner, outcome, amount in euros, days ago referred, days ago answered)
REFERRALS: tuple[tuple[str, str, int | None, int, int | None], ...] = (
    ("MKB Fonds Drenthe", "accepted", 25_000, 120, 90),
    ("NOM", "declined", None, 100, 60),
    ("Flinc", "pending", None, 30, None),
)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def load_intake(programme: Programme, created: Counter[str]) -> None:
    """Write the intake demo into `programme` unless it has leads already."""
    if Lead.objects.filter(programme=programme).exists():
        return
    today = timezone.localdate()
    partners = {p.name: p for p in Partner.objects.filter(programmes=programme)}
    location = Location.objects.filter(programme=programme, status=Location.Status.ACTIVE).order_by("name").first()
    package = ServicePackage.objects.filter(programme=programme).order_by("name").first()
    staff = User.objects.filter(memberships__programme=programme, memberships__role="staff").order_by("pk").first()
    mentor = User.objects.filter(memberships__programme=programme, memberships__role="mentor").order_by("pk").first()
    taken = set(Application.objects.values_list("kvk_number", flat=True))

    for number, (name, company, source, partner, status, days_ago) in enumerate(LEADS):
        received = today - timedelta(days=days_ago)
        lead = Lead.objects.create(
            programme=programme,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            company_name=company,
            source=source,
            partner=partners.get(partner) if source == LeadSource.PARTNER else None,
            location=location,
            status=status,
            next_action="Kennismakingsgesprek plannen" if status in (LeadStatus.NEW, LeadStatus.CONTACTED) else "",
            next_action_on=today + timedelta(days=7) if status in (LeadStatus.NEW, LeadStatus.CONTACTED) else None,
        )
        Lead.objects.filter(pk=lead.pk).update(created_at=_at(received))
        created[Lead._meta.label] += 1
        if name not in REVIEWS:
            continue
        kvk_number = f"{99_000_000 + number:08d}"
        if kvk_number in taken:
            continue
        application = Application.objects.create(
            programme=programme,
            lead=lead,
            company_name=company,
            kvk_number=kvk_number,
            founded_on=today - timedelta(days=400 + 90 * number),
            founder_name=name,
            founder_email=lead.email,
            wanted_package=package,
            wanted_location=location,
            consent_follow_up=number % 2 == 0,
            **{question: text.format(company=company) for question, text in ANSWERS.items()},
        )
        Application.objects.filter(pk=application.pk).update(submitted_at=_at(received + timedelta(days=5)))
        created[Application._meta.label] += 1
        staff_scores, mentor_scores, decision = REVIEWS[name]
        for reviewer, scores in ((staff, staff_scores), (mentor, mentor_scores)):
            if reviewer is None:
                continue
            review = Review.objects.create(
                application=application,
                reviewer=reviewer,
                submitted_at=_at(received + timedelta(days=12)) if scores else None,
                comment="Sterk team, markt nog scherper maken." if scores else "",
            )
            created[Review._meta.label] += 1
            if scores:
                Score.objects.bulk_create(
                    Score(review=review, criterion=criterion, score=score)
                    for criterion, score in zip(Criterion.values, scores, strict=True)
                )
        if decision:
            Decision.objects.create(
                application=application, outcome=decision, reason=REASONS[decision], decided_by=staff
            )
            Application.objects.filter(pk=application.pk).update(status=ApplicationStatus(decision))
            created[Decision._meta.label] += 1
    _referrals(programme, partners, staff, today, created)


def _referrals(
    programme: Programme, partners: dict[str, Partner], staff: Any, today: date, created: Counter[str]
) -> None:
    current = (
        Participation.objects.filter(programme=programme, ended_on__isnull=True)
        .select_related("company")
        .order_by("started_on", "pk")
    )
    for stay, (partner_name, outcome, euros, referred_ago, answered_ago) in zip(current, REFERRALS, strict=False):
        partner = partners.get(partner_name)
        if partner is None:
            continue
        Referral.objects.create(
            programme=programme,
            partner=partner,
            company=stay.company,
            purpose=Referral.Purpose.FINANCING,
            note="Werkkapitaal voor de eerste grote order.",
            referred_on=today - timedelta(days=referred_ago),
            referred_by=staff,
            outcome=outcome,
            outcome_on=today - timedelta(days=answered_ago) if answered_ago is not None else None,
            amount_cents=euros * 100 if euros is not None else None,
        )
        created[Referral._meta.label] += 1
