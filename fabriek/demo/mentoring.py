"""The mentoring part of the demo: every seed mentor coaches participants through their active span, with
sessions every six weeks or so, follow-ups (the older ones done), and the current participants' needs.

Why it is needed: the "mentors" indicator (clause 14) counts mentors who mentored in a period (an accepted
mentorship running in it, or a session), no longer everyone on the list. The demo's mentors therefore coach
someone whenever they are active, so the plan period 2017-2019 still shows 14 of 15 mentors (Marga Tuinstra
stopped in June 2016) and 2015-2019 all 15.

How: each mentor walks through their span from its first day. On each day they take on the participant
with a stay going on that day (the first by name among those they have not coached yet), until that stay
ends, their span ends, or a year has passed, whichever is first; then the next day. A day without any stay
moves on a month. The demo mentor account's own current mentees come from `loader`, so this walk stops
for a mentor the day before their first existing mentorship starts.

Written once per programme (a programme with sessions keeps its mentoring), with the plain ORM like the
rest of the demo, deterministic: the same matches and sessions for the same history. Nothing before 2020
depends on the day the demo is loaded.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db.models import Min, Q
from django.utils import timezone

from fabriek.companies.models import Company
from fabriek.mentoring.expertise import Expertise
from fabriek.mentoring.models import MatchStatus, Mentor, MentoringNeeds, MentoringSession, MentorMatch
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme

#: The longest a demo mentorship lasts before the mentor moves on to someone else.
LONGEST = timedelta(days=365)
#: Days between two sessions of a mentorship.
EVERY = timedelta(days=42)

TOPICS = (
    "Prijsopbouw en marges doorgenomen; offerte voor de eerste grote klant besproken.",
    "Financieringsbehoefte voor de komende twaalf maanden en de gesprekken met de bank.",
    "Eerste medewerker aannemen: functieprofiel, contractvorm en loonkosten.",
    "Marketingplan: doelgroep scherper, website en LinkedIn.",
    "Samenwerking met een leverancier in Duitsland; afspraken en risico's.",
    "Jaarcijfers en de prognose voor volgend jaar.",
    "Groeistrategie: welke klanten eerst, en wat laten we liggen.",
    "Contractvoorwaarden en aansprakelijkheid bij een nieuwe opdracht.",
)
FOLLOW_UPS = (
    "Offerte aanpassen en naar de mentor sturen.",
    "Liquiditeitsprognose maken voor het volgende gesprek.",
    "Vacaturetekst schrijven.",
    "Drie klantgesprekken voeren en de uitkomsten noteren.",
    "",
    "Algemene voorwaarden laten nakijken.",
)
#: Mentees at once for every demo mentor: the demo mentor account coaches three, and has room for a fourth.
DEMO_CAPACITY = 4
#: When the demo's mentors can meet (given when a mentor is created).
AVAILABILITY = (
    "Dinsdagmiddag",
    "Maandag- en donderdagavond",
    "Vrijdagochtend, ongeveer vier uur per maand",
    "In overleg, liefst online",
)
#: What the current participants want help with, by a rotation over the vocabulary.
NEEDS = (
    (Expertise.FINANCE, Expertise.SALES),
    (Expertise.MARKETING,),
    (Expertise.PEOPLE, Expertise.STRATEGY),
    (Expertise.EXPORT,),
    (Expertise.TECHNOLOGY, Expertise.INVESTORS),
    (Expertise.LEGAL,),
)


def load_mentoring(programme: Programme, created: Counter[str]) -> None:
    if MentoringSession.objects.filter(match__mentor__programme=programme).exists():
        return
    today = timezone.localdate()
    stays = list(
        Participation.objects.filter(programme=programme)
        .select_related("company")
        .order_by("company__name", "started_on", "pk")
    )
    if not stays:
        return
    first_existing = dict(
        MentorMatch.objects.filter(mentor__programme=programme)
        .values("mentor")
        .annotate(first=Min("started_on"))
        .values_list("mentor", "first")
    )
    # a company gets one demo mentor (the mentor account's mentees included), so the company pages stay readable
    coached = set(MentorMatch.objects.filter(mentor__programme=programme).values_list("company", flat=True))
    sessions: list[MentoringSession] = []
    for mentor in Mentor.objects.filter(programme=programme).order_by("active_from", "pk"):
        last = min(d for d in (mentor.active_until, today, _day_before(first_existing.get(mentor.pk))) if d)
        day = mentor.active_from
        while day <= last:
            stay = next(
                (
                    s
                    for s in stays
                    if s.company_id not in coached and s.started_on <= day and (s.ended_on is None or s.ended_on >= day)
                ),
                None,
            )
            if stay is None:
                day += timedelta(days=30)
                continue
            end = min(d for d in (stay.ended_on, mentor.active_until, day + LONGEST) if d)
            # still going at the end of the walk: open-ended when the walk runs up to today, else cut off there
            ended_on = end if end <= last else (None if last == today else last)
            match = MentorMatch.objects.create(
                mentor=mentor, company=stay.company, started_on=day, ended_on=ended_on, status=MatchStatus.ACCEPTED
            )
            created[MentorMatch._meta.label] += 1
            coached.add(stay.company_id)
            sessions += _sessions(match, until=min(ended_on or today, today), today=today, seed=len(sessions))
            day = (ended_on or today) + timedelta(days=1)
    # the mentorships made elsewhere in the demo (the mentor account's current mentees) get sessions too
    walked = {session.match_id for session in sessions}
    others = MentorMatch.objects.filter(mentor__programme=programme, status=MatchStatus.ACCEPTED).exclude(pk__in=walked)
    for match in others.order_by("pk"):
        sessions += _sessions(match, until=min(match.ended_on or today, today), today=today, seed=len(sessions))
    MentoringSession.objects.bulk_create(sessions)
    created[MentoringSession._meta.label] += len(sessions)
    _needs(programme, today, created)


def _day_before(day: date | None) -> date | None:
    return day - timedelta(days=1) if day else None


def _sessions(match: MentorMatch, *, until: date, today: date, seed: int) -> list[MentoringSession]:
    """A first session a week in, then one every six weeks; follow-ups older than a month are done."""
    result = []
    day = match.started_on + timedelta(days=7)
    n = seed
    while day <= until:
        follow_up = FOLLOW_UPS[n % len(FOLLOW_UPS)]
        result.append(
            MentoringSession(
                match=match,
                held_on=day,
                minutes=(60, 90, 45, 120)[n % 4],
                topics=TOPICS[n % len(TOPICS)],
                follow_up=follow_up,
                follow_up_done_on=day + timedelta(days=14) if follow_up and (today - day).days > 30 else None,
            )
        )
        n += 1
        day += EVERY
    return result


def _needs(programme: Programme, today: date, created: Counter[str]) -> None:
    current = (
        Company.objects.filter(
            Q(participations__ended_on__isnull=True) | Q(participations__ended_on__gte=today),
            participations__programme=programme,
            participations__started_on__lte=today,
        )
        .exclude(mentoring_needs__programme=programme)
        .distinct()
        .order_by("name", "pk")
    )
    records = [
        MentoringNeeds(company=company, programme=programme, needs=[str(code) for code in NEEDS[i % len(NEEDS)]])
        for i, company in enumerate(current)
    ]
    MentoringNeeds.objects.bulk_create(records)
    created[MentoringNeeds._meta.label] += len(records)
