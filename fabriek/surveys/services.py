"""Writes of the surveys app: sending what is due, opening a link, submitting answers, staff decisions.

Sending is idempotent through the database: each invitation is inserted in its own transaction together
with its mail (the outbox row), and the unique constraint `surveyinvitation_once` refuses a second insert,
so a second or concurrent run sends nothing twice (no select_for_update, which SQLite ignores). Reminders
are claimed with a conditional update (`reminders_sent` from n-1 to n), which only one run can win.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fabriek.accounts.models import hash_token
from fabriek.companies.models import CompanyRole
from fabriek.core.audit import log_action
from fabriek.core.mailing import compose
from fabriek.metrics import services as metric_services
from fabriek.metrics.models import Source
from fabriek.participation import services as participation_services
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme
from fabriek.surveys import schedule
from fabriek.surveys.models import (
    Channel,
    Kind,
    OutflowDecision,
    QuestionType,
    SurveyDefinition,
    SurveyInvitation,
    SurveyLink,
    SurveyQuestion,
    SurveyResponse,
)

#: Roles whose e-mail address a survey goes to, in this order of preference.
ADDRESSEE_ROLES = (CompanyRole.Role.CONTACT, CompanyRole.Role.FOUNDER)


class SurveyUnavailable(Exception):
    """The survey was answered or closed in the meantime."""


# -- definitions -------------------------------------------------------------------------------------------

_DEFAULT_TITLES = {
    Kind.PARTICIPANT: gettext_noop("How is your company doing?"),
    Kind.EXIT: gettext_noop("You are leaving the programme: how is your company doing?"),
    Kind.ALUMNI: gettext_noop("How is your company doing since you left?"),
}
_DEFAULT_INTRO = gettext_noop(
    "A few questions about your company's figures; they count towards what the programme reports to its "
    "funder. It takes about two minutes."
)
_DEFAULT_REMARK = gettext_noop("Is there anything you would like to tell us, or anything we can help with?")


def _both(message: str) -> tuple[str, str]:
    with translation.override("nl"):
        nl = _(message)
    with translation.override("en"):
        en = _(message)
    return nl, en


def definition_for(*, programme: Programme, kind: str) -> SurveyDefinition:
    """The programme's survey of this kind; the default one (core questions and a remark) the first time."""
    definition = SurveyDefinition.objects.filter(programme=programme, kind=kind).first()
    if definition is not None:
        return definition
    title_nl, title_en = _both(_DEFAULT_TITLES[Kind(kind)])
    intro_nl, intro_en = _both(_DEFAULT_INTRO)
    remark_nl, remark_en = _both(_DEFAULT_REMARK)
    try:
        with transaction.atomic():
            definition = SurveyDefinition.objects.create(
                programme=programme,
                kind=kind,
                title_nl=title_nl,
                title_en=title_en,
                intro_nl=intro_nl,
                intro_en=intro_en,
            )
            SurveyQuestion.objects.create(
                definition=definition, key="remarks", type=QuestionType.TEXT, text_nl=remark_nl, text_en=remark_en
            )
    except IntegrityError:  # a concurrent run created it first
        return SurveyDefinition.objects.get(programme=programme, kind=kind)
    return definition


# -- sending -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    invitations: int = 0
    reminders: int = 0
    without_address: int = 0


def survey_link(raw_token: str) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:open', kwargs={'token': raw_token})}"


def _new_link(invitation: SurveyInvitation) -> str:
    raw = secrets.token_urlsafe(32)
    SurveyLink.objects.create(invitation=invitation, token_hash=hash_token(raw))
    return survey_link(raw)


def _mail(invitation: SurveyInvitation, *, template: str, definition: SurveyDefinition) -> None:
    compose(
        template=f"surveys/mail/{template}",
        context={
            "invitation": invitation,
            "company": invitation.company,
            "programme": invitation.programme,
            "definition": definition,
            "name": invitation.person.name if invitation.person else "",
            "link": _new_link(invitation),
            "last_day": invitation.last_day,
        },
        to=[invitation.email],
        language=invitation.language,
        programme_slug=invitation.programme.slug,
    ).send()


def _addressees(company_ids: set[int]) -> dict[int, Any]:
    """The person each company's surveys go to: its contact person with an e-mail address, else a founder."""
    roles = (
        CompanyRole.objects.filter(company_id__in=company_ids, role__in=ADDRESSEE_ROLES)
        .exclude(person__email="")
        .select_related("person")
        .order_by("company_id", "id")
    )
    chosen: dict[int, Any] = {}
    for role in roles:
        current = chosen.get(role.company_id)
        if current is None or (current[0] != CompanyRole.Role.CONTACT and role.role == CompanyRole.Role.CONTACT):
            chosen[role.company_id] = (role.role, role.person)
    return {company_id: person for company_id, (_role, person) in chosen.items()}


def _stays(programme: Programme, today: date) -> list[schedule.Stay]:
    rows = Participation.objects.filter(programme=programme, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=schedule.oldest_relevant_end(today))
    )
    return [schedule.Stay(r.id, r.company_id, r.started_on, r.ended_on) for r in rows]


def surveys_send_due(*, programme: Programme, today: date) -> SendResult:
    """Send the surveys due on `today` and the reminders due by then; safe to run twice or concurrently."""
    due = schedule.due_surveys(_stays(programme, today), today)
    already = set(
        SurveyInvitation.objects.filter(
            programme=programme, reference_date__gte=today - timedelta(days=schedule.OPEN_DAYS)
        ).values_list("company_id", "kind", "reference_date")
    )
    due = [d for d in due if (d.company_id, d.kind, d.reference_date) not in already]
    addressees = _addressees({d.company_id for d in due})
    definitions: dict[str, SurveyDefinition] = {}
    invitations = without_address = 0
    for item in due:
        definition = definitions.get(item.kind) or definitions.setdefault(
            item.kind, definition_for(programme=programme, kind=item.kind)
        )
        person = addressees.get(item.company_id)
        try:
            with transaction.atomic():
                invitation = SurveyInvitation.objects.create(
                    programme=programme,
                    company_id=item.company_id,
                    participation_id=item.stay_id,
                    kind=item.kind,
                    reference_date=item.reference_date,
                    sent_on=today,
                    closes_on=schedule.closes_on(today),
                    person=person,
                    email=person.email if person else "",
                    language=person.language if person else settings.LANGUAGE_CODE,
                )
                if invitation.email:
                    _mail(invitation, template="invitation", definition=definition)
                log_action(
                    actor=None,
                    action="surveys.invitation.sent" if invitation.email else "surveys.invitation.created",
                    obj=invitation,
                    changes={"kind": item.kind, "reference_date": item.reference_date.isoformat()},
                    programme_slug=programme.slug,
                )
        except IntegrityError:
            continue  # another run inserted this invitation (and its mail) first
        if invitation.email:
            invitations += 1
        else:
            without_address += 1
    return SendResult(
        invitations=invitations, reminders=_send_reminders(programme, today), without_address=without_address
    )


def _send_reminders(programme: Programme, today: date) -> int:
    first = today - timedelta(days=min(schedule.REMINDER_DAYS))
    candidates = (
        SurveyInvitation.objects.filter(
            programme=programme, answered_at__isnull=True, closes_on__gt=today, sent_on__lte=first, reminders_sent__lt=2
        )
        .exclude(email="")
        .select_related("company", "programme", "person")
    )
    definitions: dict[str, SurveyDefinition] = {}
    sent = 0
    for invitation in candidates:
        wanted = schedule.reminders_due(invitation.sent_on, today)
        if wanted <= invitation.reminders_sent:
            continue
        with transaction.atomic():
            # Only one run moves the count from what we read to what is due: that run sends the reminder.
            claimed = SurveyInvitation.objects.filter(
                pk=invitation.pk, reminders_sent=invitation.reminders_sent, answered_at__isnull=True
            ).update(reminders_sent=wanted, last_reminded_on=today)
            if not claimed:
                continue
            definition = definitions.get(invitation.kind) or definitions.setdefault(
                invitation.kind, definition_for(programme=programme, kind=invitation.kind)
            )
            _mail(invitation, template="reminder", definition=definition)
        sent += 1
    return sent


# -- answering ---------------------------------------------------------------------------------------------


def invitation_for_token(raw_token: str, *, today: date | None = None) -> SurveyInvitation | None:
    """The open invitation this token belongs to, or None (unknown token, answered or closed survey)."""
    if not raw_token or len(raw_token) > 200:
        return None
    link = (
        SurveyLink.objects.select_related("invitation__programme", "invitation__company")
        .filter(token_hash=hash_token(raw_token))
        .first()
    )
    if link is None or not link.invitation.is_open(today or timezone.localdate()):
        return None
    return link.invitation


def invitation_mark_opened(*, invitation: SurveyInvitation, now: datetime | None = None) -> None:
    """The first opening counts (response rates show how many opened)."""
    if invitation.opened_at is None:
        now = now or timezone.now()
        SurveyInvitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now)
        invitation.opened_at = now


def _decimal(answers: dict[str, Any], key: str) -> Decimal | None:
    value = answers.get(key)
    return None if value in (None, "") else Decimal(str(value))


@transaction.atomic
def response_submit(
    *,
    invitation: SurveyInvitation,
    answers: dict[str, Any],
    actor: Any = None,
    channel: str = Channel.LINK,
    note: str = "",
) -> SurveyResponse:
    """Keep the answers and turn the core ones into an observation dated the survey's reference date (source
    `survey`, or `staff` when staff enter them by phone); an exit survey's outflow status becomes a
    proposal staff confirm. Raises SurveyUnavailable when the survey was answered or closed meanwhile, and
    ValidationError per field (the form's names) when the figures are refused."""
    now = timezone.now()
    today = timezone.localdate()
    staff_entry = channel == Channel.PHONE
    still_open = SurveyInvitation.objects.filter(pk=invitation.pk, answered_at__isnull=True)
    if not staff_entry:  # staff may still record answers given by phone after the survey closed
        still_open = still_open.filter(closes_on__gt=today)
    # "opened" counts links opened (response rates): a survey answered by phone was not
    if not still_open.update(answered_at=now, opened_at=invitation.opened_at or (None if staff_entry else now)):
        raise SurveyUnavailable
    programme = invitation.programme
    try:
        observation = metric_services.observation_create(
            actor=actor,
            programme=programme,
            company=invitation.company,
            observed_on=invitation.reference_date,
            employees=int(answers["employees"]),
            interns=int(answers.get("interns") or 0),
            fte=_decimal(answers, "fte"),
            revenue=_decimal(answers, "revenue_eur"),
            source=Source.STAFF if staff_entry else Source.SURVEY,
        )
    except ValidationError as error:
        renamed = {"revenue": "revenue_eur", "observed_on": "employees"}
        raise ValidationError(
            {renamed.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from error
    proposed = answers.get("outflow_status", "") if invitation.kind == Kind.EXIT else ""
    response = SurveyResponse(
        invitation=invitation,
        answers=answers,
        channel=channel,
        note=note,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        submitted_at=now,
        observation=observation,
        proposed_outflow_status=proposed,
        outflow_decision=OutflowDecision.PENDING if proposed else "",
    )
    response.full_clean()
    response.save()
    invitation.answered_at = now
    log_action(
        actor=actor,
        action="surveys.response.submitted",
        obj=response,
        changes={"channel": channel, "answers": answers, "note": note},
        programme_slug=programme.slug,
    )
    return response


@transaction.atomic
def outflow_proposal_decide(*, actor: Any, programme: Programme, response: SurveyResponse, confirm: bool) -> None:
    """Staff take the outflow status a founder gave in the exit survey over into the stay, or decline it."""
    if response.outflow_decision != OutflowDecision.PENDING:
        return
    if confirm:
        stay = response.invitation.participation
        if stay.outflow_status != response.proposed_outflow_status:
            participation_services.participation_update(
                actor=actor, programme=programme, participation=stay, outflow_status=response.proposed_outflow_status
            )
    response.outflow_decision = OutflowDecision.CONFIRMED if confirm else OutflowDecision.REJECTED
    response.save(update_fields=["outflow_decision"])
    log_action(
        actor=actor,
        action="surveys.response.outflow_confirmed" if confirm else "surveys.response.outflow_rejected",
        obj=response,
        changes={"outflow_status": response.proposed_outflow_status},
        programme_slug=programme.slug,
    )
