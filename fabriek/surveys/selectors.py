"""Reads of the surveys app, scoped by the caller's membership."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company
from fabriek.surveys.models import Kind, SurveyInvitation

#: Shown under the response-rate tables (and in their export): how the figures are computed.
RATE_EXPLANATION = _(
    "A round is the surveys of one kind sent in one month; a cohort is the companies whose stay started in "
    "one year. Asked: invitations made (one per company per survey). Mailed: of those, sent to an e-mail "
    "address (the others are on the call list). Opened: the link was opened at least once. Answered: "
    "answers came in, through the link, the home page or by phone via staff. Rate: answered divided by "
    "asked, rounded to whole percents; a survey still open counts as asked and not answered."
)

#: Non-responders stay on the call list this long after their survey was sent.
CALL_LIST_DAYS = 120


@dataclass(frozen=True)
class RateRow:
    label: str
    kind: str
    asked: int
    mailed: int
    opened: int
    answered: int

    @property
    def rate(self) -> int | None:
        """Answered / asked in whole percents (half up); None when nobody was asked."""
        if not self.asked:
            return None
        return (200 * self.answered + self.asked) // (2 * self.asked)


_COUNTS: dict[str, Any] = {
    "asked": Count("id"),
    "mailed": Count("id", filter=~Q(email="")),
    "opened": Count("id", filter=Q(opened_at__isnull=False)),
    "answered": Count("id", filter=Q(answered_at__isnull=False)),
}


def response_rates_by_round(*, programme: Any) -> list[RateRow]:
    """One row per kind and month sent, newest first; one query."""
    rows = (
        SurveyInvitation.objects.filter(programme=programme)
        .annotate(month=TruncMonth("sent_on"))
        .values("kind", "month")
        .annotate(**_COUNTS)
        .order_by("-month", "kind")
    )
    kinds = dict(Kind.choices)
    return [
        RateRow(
            label=f"{row['month']:%Y-%m}",
            kind=str(kinds.get(row["kind"], row["kind"])),
            asked=row["asked"],
            mailed=row["mailed"],
            opened=row["opened"],
            answered=row["answered"],
        )
        for row in rows
    ]


def response_rates_by_cohort(*, programme: Any) -> list[RateRow]:
    """One row per kind and year in which the surveyed stay started, newest first; one query."""
    rows = (
        SurveyInvitation.objects.filter(programme=programme)
        .annotate(cohort=ExtractYear("participation__started_on"))
        .values("kind", "cohort")
        .annotate(**_COUNTS)
        .order_by("-cohort", "kind")
    )
    kinds = dict(Kind.choices)
    return [
        RateRow(
            label=str(row["cohort"]),
            kind=str(kinds.get(row["kind"], row["kind"])),
            asked=row["asked"],
            mailed=row["mailed"],
            opened=row["opened"],
            answered=row["answered"],
        )
        for row in rows
    ]


def call_list(*, programme: Any, today: date | None = None) -> QuerySet[SurveyInvitation]:
    """Surveys sent in the last CALL_LIST_DAYS days that nobody answered and that mail will not bring in any
    more: no e-mail address, both reminders sent, or closed. Oldest reference date first."""
    today = today or timezone.localdate()
    return (
        SurveyInvitation.objects.filter(
            programme=programme, answered_at__isnull=True, sent_on__gte=today - timedelta(days=CALL_LIST_DAYS)
        )
        .filter(Q(email="") | Q(reminders_sent__gte=2) | Q(closes_on__lte=today))
        .select_related("company", "person", "participation__location")
        .order_by("reference_date", "company__name", "id")
    )


def invitation_get_for_staff(*, membership: Membership, pk: int) -> SurveyInvitation:
    return SurveyInvitation.objects.select_related("company", "programme", "person", "participation").get(
        programme=membership.programme, pk=pk
    )


def invitation_open_for_participant(*, membership: Membership) -> QuerySet[SurveyInvitation]:
    """The open surveys of a participant's own company (none for other roles)."""
    if membership.role != Role.PARTICIPANT or not membership.company_id:
        return SurveyInvitation.objects.none()
    return (
        SurveyInvitation.objects.filter(
            programme=membership.programme,
            company_id=membership.company_id,
            answered_at__isnull=True,
            closes_on__gt=timezone.localdate(),
        )
        .select_related("programme", "company")
        .order_by("closes_on", "id")
    )


def company_survey_history(*, programme: Any, company: Company) -> QuerySet[SurveyInvitation]:
    """Every survey the company was asked in the programme, with its answers, newest first; one query."""
    return (
        SurveyInvitation.objects.filter(programme=programme, company=company)
        .select_related("response", "response__observation", "response__entered_by")
        .order_by("-reference_date", "-id")
    )
