"""The two-year clock: a stay nearing its two years (participation.rules, clause 6) gets a mail to the
participant's accounts and the location's managers at 21 and at 23 months.

Idempotent: each (stay, milestone) is claimed by inserting a `StayClockNotice` row, in the same transaction
as the mail (the outbox writes mail in the caller's transaction), so running the job twice, or two workers
at once, sends nothing twice. A stay first seen past 23 months (a job that did not run for a while) gets
only the 23-month mail; the 21-month one is marked as passed without a mail.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from fabriek.accounts.models import Membership, Role
from fabriek.core.mailing import compose
from fabriek.participation import rules as stay_rules
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme
from fabriek.spaces.models import StayClockNotice

MILESTONES = (21, 23)


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months; a day the month lacks becomes its last (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_milestone(started_on: date, today: date) -> int | None:
    """The latest milestone the stay has reached on `today`, while it is still within its two years."""
    if today > stay_rules.stay_limit(started_on):
        return None
    reached = [months for months in MILESTONES if add_months(started_on, months) <= today]
    return reached[-1] if reached else None


def _recipients(stay: Participation) -> list[tuple[str, str]]:
    """(e-mail, language) of the company's participant accounts and the location's managers."""
    members = (
        Membership.objects.filter(programme=stay.programme_id, user__is_active=True)
        .filter(
            Q(role=Role.PARTICIPANT, company=stay.company_id) | Q(role=Role.LOCATION_MANAGER, location=stay.location_id)
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    return [(m.user.email, m.user.language or settings.LANGUAGE_CODE) for m in members]


def stay_clock_send(*, programme: Programme, today: date) -> int:
    """Send the due clock mails of `programme`'s current stays; the number of stays mailed."""
    first_start = add_months(today, -24)
    stays = (
        Participation.objects.filter(
            programme=programme, started_on__gt=first_start, started_on__lte=add_months(today, -21)
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("company", "location", "programme")
        .order_by("pk")
    )
    mailed = 0
    for stay in stays:
        months = due_milestone(stay.started_on, today)
        if months is None:
            continue
        try:
            with transaction.atomic():
                StayClockNotice.objects.create(participation=stay, months=months)
                for earlier in MILESTONES:
                    if earlier < months:
                        StayClockNotice.objects.get_or_create(participation=stay, months=earlier)
                limit = stay_rules.stay_limit(stay.started_on)
                for email, language in _recipients(stay):
                    compose(
                        template="spaces/mail/stay_clock",
                        context={"stay": stay, "months": months, "limit": limit, "programme": programme},
                        to=[email],
                        language=language,
                        programme_slug=programme.slug,
                    ).send()
        except IntegrityError:
            continue  # sent before (or by another worker a moment ago)
        mailed += 1
    return mailed
