"""The surveys part of the demo: the last six months of survey rounds as the schedule would have sent them
(participants every six months, exit and alumni surveys), about 60% answered through the link or by phone,
the rest reminded twice and on the call list, the newest still open.

Written once per programme (a programme that has survey invitations keeps them), with the plain ORM like the
rest of the demo and deterministic (a hash of company and date decides who answers). No mail is written:
the demo's founders have no inboxes. An answer repeats the company's latest known figures, so the demo's
reports keep their numbers.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from fabriek.companies.models import CompanyRole, Person
from fabriek.metrics.models import Observation, Source
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme
from fabriek.surveys import schedule
from fabriek.surveys.models import Channel, Kind, OutflowDecision, SurveyInvitation, SurveyResponse
from fabriek.surveys.services import definition_for

#: How far back the demo's rounds go.
DAYS = 183
#: Of every hundred surveys this many are answered (through the link, or by phone after closing).
ANSWERED, BY_PHONE = 55, 8


def _roll(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16) % 100


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load_surveys(programme: Programme, created: Counter[str]) -> None:
    """Write the surveys demo into `programme` unless it has survey invitations already."""
    if SurveyInvitation.objects.filter(programme=programme).exists():
        return
    today = timezone.localdate()
    rows = list(Participation.objects.filter(programme=programme))
    stays = [schedule.Stay(s.id, s.company_id, s.started_on, s.ended_on) for s in rows]
    outflow = {s.id: s.outflow_status for s in rows}
    due: list[schedule.Due] = []
    for offset in range(DAYS, -1, -1):
        day = today - timedelta(days=offset)
        due += [d for d in schedule.due_surveys(stays, day) if d.reference_date == day]
    if not due:
        return
    for kind in Kind.values:
        definition_for(programme=programme, kind=kind)
    founders: dict[int, Person] = {}
    for role in CompanyRole.objects.filter(
        company_id__in={d.company_id for d in due}, role=CompanyRole.Role.FOUNDER
    ).select_related("person"):
        founders.setdefault(role.company_id, role.person)
    figures: dict[int, list[Observation]] = {}
    own = Observation.objects.filter(programme=programme, company_id__in={d.company_id for d in due})
    for o in own.order_by("observed_on", "id"):
        figures.setdefault(o.company_id, []).append(o)

    invitations, answers = [], []
    for item in due:
        sent = item.reference_date
        closes = schedule.closes_on(sent)
        person = founders.get(item.company_id)
        roll = _roll(item.company_id, item.kind, sent)
        known = [o for o in figures.get(item.company_id, []) if o.observed_on <= sent]
        # a company has one figure per source and date: an answer never replaces one the history holds
        same_day = {o.source for o in known if o.observed_on == sent}
        answered_on = None
        channel = Channel.LINK
        if known and Source.SURVEY not in same_day:
            if roll < ANSWERED and sent + timedelta(days=roll % 20) <= today:
                answered_on = sent + timedelta(days=roll % 20)
            elif (
                ANSWERED <= roll < ANSWERED + BY_PHONE
                and closes + timedelta(days=3) <= today
                and Source.STAFF not in same_day
            ):
                answered_on, channel = closes + timedelta(days=3), Channel.PHONE
        opened = _at(answered_on) if answered_on and channel == Channel.LINK else (_at(sent) if roll > 90 else None)
        last_mail_day = min(today, closes - timedelta(days=1), answered_on or today)
        invitation = SurveyInvitation(
            programme=programme,
            company_id=item.company_id,
            participation_id=item.stay_id,
            kind=item.kind,
            reference_date=item.reference_date,
            sent_on=sent,
            closes_on=closes,
            person=person,
            email=person.email if person else "",
            language="nl",
            reminders_sent=schedule.reminders_due(sent, last_mail_day) if person and person.email else 0,
            opened_at=opened,
            answered_at=_at(answered_on, 11) if answered_on else None,
        )
        invitation.full_clean(validate_unique=False, validate_constraints=False)
        invitations.append(invitation)
        answers.append((answered_on, channel, known[-1] if known else None))
    invitations = SurveyInvitation.objects.bulk_create(invitations)

    responses, observations = [], []
    for invitation, (answered_on, channel, latest) in zip(invitations, answers, strict=True):
        if answered_on is None or latest is None:
            continue
        observation = Observation(
            company_id=invitation.company_id,
            programme=programme,
            observed_on=invitation.reference_date,
            employees=latest.employees,
            interns=latest.interns,
            fte=latest.fte,
            revenue_cents=latest.revenue_cents,
            source=Source.STAFF if channel == Channel.PHONE else Source.SURVEY,
        )
        observation.full_clean(validate_unique=False, validate_constraints=False)
        observations.append(observation)
        given = {"employees": str(latest.employees), "interns": str(latest.interns)}
        proposed = ""
        if invitation.kind == Kind.EXIT:
            proposed = outflow[invitation.participation_id]
            given["outflow_status"] = proposed
        responses.append(
            SurveyResponse(
                invitation=invitation,
                answers=given,
                channel=channel,
                note="telefonisch" if channel == Channel.PHONE else "",
                submitted_at=_at(answered_on, 11),
                proposed_outflow_status=proposed,
                outflow_decision=OutflowDecision.PENDING if proposed else "",
            )
        )
    observations = Observation.objects.bulk_create(observations)
    for response, observation in zip(responses, observations, strict=True):
        response.observation = observation
    SurveyResponse.objects.bulk_create(responses)
    created[SurveyInvitation._meta.label] += len(invitations)
    created[SurveyResponse._meta.label] += len(responses)
