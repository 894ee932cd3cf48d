"""Reads of the intake, scoped by the caller's role.

- staff see every lead and application of the programme;
- a partner sees only the leads it referred, and of those only the status (never applications or scores);
- a mentor sees only the applications they were asked to review;
- a reviewer sees the other reviewers' scores only after submitting their own (blind review).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabriek.accounts.models import Membership, Role, User
from fabriek.core.periods import add_years
from fabriek.intake import scoring
from fabriek.intake.models import (
    Application,
    Criterion,
    Decision,
    Lead,
    LeadSource,
    LeadStatus,
    Outcome,
    Review,
    Score,
)
from fabriek.partners.models import Partner, Referral
from fabriek.partners.selectors import partner_visible

#: The seed admits companies "mostly not older than five years": older ones are flagged, not refused.
YOUNG_COMPANY_YEARS = 5


def lead_list(*, membership: Membership, search: str = "", status: str = "", source: str = "") -> QuerySet[Lead]:
    """The leads the caller may see, each with `outcome`: its application's status once there is one (what a
    partner is told became of its referral; never the assessment)."""
    leads = (
        Lead.objects.filter(programme=membership.programme)
        .select_related("partner", "event", "location")
        .annotate(outcome=F("application__status"))
    )
    if membership.role == Role.PARTNER:
        leads = leads.filter(partner=membership.partner)
    elif membership.role != Role.STAFF:
        return leads.none()
    if search:
        leads = leads.filter(
            Q(name__icontains=search) | Q(company_name__icontains=search) | Q(kvk_number__startswith=search)
        )
    if status:
        leads = leads.filter(status=status)
    if source:
        leads = leads.filter(source=source)
    return leads


def lead_get(*, membership: Membership, pk: int) -> Lead:
    lead = lead_list(membership=membership).filter(pk=pk).first()
    if lead is None:
        raise Http404
    return lead


@dataclass(frozen=True)
class PipelineRow:
    label: str
    cells: list[int]  # the count per status, in the order of LeadStatus
    total: int


def lead_pipeline(*, membership: Membership) -> tuple[list[PipelineRow], list[PipelineRow]]:
    """Leads per source and per location, counted by status: two queries whatever the number of leads."""
    leads = lead_list(membership=membership)

    def rows(group: str, labels: Mapping[Any, str]) -> list[PipelineRow]:
        table: dict[Any, dict[str, int]] = {}
        for row in leads.order_by().values(group, "status").annotate(n=Count("pk")):
            table.setdefault(row[group], {})[row["status"]] = row["n"]
        return [
            PipelineRow(
                label=labels.get(key, str(key)),
                cells=[counts.get(status, 0) for status in LeadStatus.values],
                total=sum(counts.values()),
            )
            for key, counts in sorted(table.items(), key=lambda item: labels.get(item[0], str(item[0])))
        ]

    by_source = rows("source", {value: str(label) for value, label in LeadSource.choices})
    locations: dict[Any, str] = {loc.pk: loc.name for loc in membership.programme.locations.all()} | {None: "—"}
    by_location = rows("location", locations)
    return by_source, by_location


def application_list(*, membership: Membership, status: str = "", search: str = "") -> QuerySet[Application]:
    applications = Application.objects.filter(programme=membership.programme).select_related(
        "wanted_location", "wanted_package", "lead"
    )
    if membership.role == Role.MENTOR:
        applications = applications.filter(reviews__reviewer=membership.user)
    elif membership.role != Role.STAFF:
        return applications.none()
    if status:
        applications = applications.filter(status=status)
    if search:
        applications = applications.filter(
            Q(company_name__icontains=search) | Q(founder_name__icontains=search) | Q(kvk_number__startswith=search)
        )
    return applications.annotate(
        review_count=Count("reviews", distinct=True),
        submitted_review_count=Count("reviews", filter=Q(reviews__submitted_at__isnull=False), distinct=True),
    ).order_by("-submitted_at", "-pk")


def application_get(*, membership: Membership, pk: int) -> Application:
    application = application_list(membership=membership).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def review_get(*, membership: Membership, application: Application) -> Review:
    """The caller's own review of the application (404 when they were not asked)."""
    review = Review.objects.filter(application=application, reviewer=membership.user).first()
    if review is None:
        raise Http404
    return review


def is_older_than_the_intake_allows(application: Application, *, on: date | None = None) -> bool:
    on = on or timezone.localdate()
    return application.founded_on is not None and add_years(application.founded_on, YOUNG_COMPANY_YEARS) < on


@dataclass(frozen=True)
class ReviewView:
    review: Review
    scores: dict[str, int]  # criterion -> score; empty while hidden from the viewer


@dataclass(frozen=True)
class Assessment:
    reviews: list[ReviewView]
    summaries: list[scoring.CriterionSummary]
    labels: dict[str, str]  # criterion -> its label in the current language
    hidden: bool  # the viewer must submit their own review before seeing the others'
    own_review: Review | None


def application_assessment(*, membership: Membership, application: Application) -> Assessment:
    """The reviews of an application as the viewer may see them, with the summary per criterion.

    Three queries: the reviews, their scores, and the habits of the reviewers involved."""
    reviews = list(Review.objects.filter(application=application).select_related("reviewer"))
    own = next((r for r in reviews if r.reviewer_id == membership.user_id), None)
    hidden = own is not None and own.submitted_at is None
    if membership.role != Role.STAFF and own is None:
        hidden = True
    submitted = [r for r in reviews if r.submitted_at is not None]
    scores = list(Score.objects.filter(review__in=submitted).values_list("review__reviewer_id", "criterion", "score"))
    by_reviewer: dict[int, dict[str, int]] = {r.reviewer_id: {} for r in submitted}
    for reviewer_id, criterion, score in scores:
        by_reviewer[reviewer_id][criterion] = score
    habits = reviewer_habits(programme_id=application.programme_id, reviewer_ids={r.reviewer_id for r in submitted})
    visible = [
        ReviewView(review=r, scores={} if hidden and r is not own else by_reviewer.get(r.reviewer_id, {}))
        for r in reviews
    ]
    return Assessment(
        reviews=visible,
        summaries=[] if hidden else scoring.summarise(scores, habits, Criterion.values),
        labels={value: str(label) for value, label in Criterion.choices},
        hidden=hidden,
        own_review=own,
    )


def reviewer_habits(*, programme_id: int, reviewer_ids: set[int]) -> dict[int, scoring.ReviewerHabit | None]:
    """Each reviewer's scoring habit over all their submitted reviews in the programme (one query)."""
    values: dict[int, list[int]] = {pk: [] for pk in reviewer_ids}
    rows = Score.objects.filter(
        review__reviewer_id__in=reviewer_ids,
        review__application__programme_id=programme_id,
        review__submitted_at__isnull=False,
    ).values_list("review__reviewer_id", "score")
    for reviewer_id, score in rows:
        values[reviewer_id].append(score)
    return {pk: scoring.reviewer_habit(scores) for pk, scores in values.items()}


def reviewer_candidates(*, membership: Membership, application: Application) -> QuerySet[User]:
    """The programme's staff and mentors who have not been asked to review this application yet."""
    asked = Review.objects.filter(application=application, reviewer=OuterRef("pk"))
    return (
        User.objects.filter(
            memberships__programme=membership.programme, memberships__role__in=(Role.STAFF, Role.MENTOR)
        )
        .annotate(asked=Exists(asked))
        .filter(asked=False)
        .order_by("first_name", "last_name", "username")
    )


@dataclass(frozen=True)
class ScorecardRow:
    partner: Partner
    leads: int
    applications: int
    admissions: int
    referrals: int
    accepted: int
    declined: int
    financing_cents: int


#: The scorecard's definitions, shown beside it.
SCORECARD_DEFINITION = _(
    "Per partner, in the chosen year: leads = leads it referred that were received in the year; applications = "
    "applications of those partners' leads submitted in the year; admissions = those applications admitted in the "
    "year; referrals = participants the programme referred to the partner in the year, and of those the ones it "
    "accepted or declined (whenever it answered); financing = the amounts of accepted financing referrals made in "
    "the year."
)


def partner_scorecard(*, membership: Membership, year: int) -> list[ScorecardRow]:
    """What each partner fed into the programme and what it did with the programme's referrals, in one
    calendar year. Five grouped queries whatever the number of partners."""
    programme = membership.programme
    partners = list(partner_visible(membership=membership).order_by("name"))
    ids = [p.pk for p in partners]

    def counted(queryset: QuerySet[Any], key: str, **aggregate: Any) -> dict[int, dict[str, int]]:
        rows = queryset.filter(**{f"{key}__in": ids}).order_by().values(key).annotate(**aggregate)
        return {row[key]: row for row in rows}

    leads = counted(Lead.objects.filter(programme=programme, created_at__year=year), "partner_id", n=Count("pk"))
    applications = counted(
        Application.objects.filter(programme=programme, submitted_at__year=year), "lead__partner_id", n=Count("pk")
    )
    admissions = counted(
        Decision.objects.filter(application__programme=programme, outcome=Outcome.ADMITTED, decided_at__year=year),
        "application__lead__partner_id",
        n=Count("pk"),
    )
    referrals = counted(
        Referral.objects.filter(programme=programme, referred_on__year=year),
        "partner_id",
        n=Count("pk"),
        accepted=Count("pk", filter=Q(outcome=Referral.Outcome.ACCEPTED)),
        declined=Count("pk", filter=Q(outcome=Referral.Outcome.DECLINED)),
        financing=Sum("amount_cents", filter=Q(outcome=Referral.Outcome.ACCEPTED), default=0),
    )
    empty: dict[str, int] = {}
    return [
        ScorecardRow(
            partner=partner,
            leads=leads.get(partner.pk, empty).get("n", 0),
            applications=applications.get(partner.pk, empty).get("n", 0),
            admissions=admissions.get(partner.pk, empty).get("n", 0),
            referrals=referrals.get(partner.pk, empty).get("n", 0),
            accepted=referrals.get(partner.pk, empty).get("accepted", 0),
            declined=referrals.get(partner.pk, empty).get("declined", 0),
            financing_cents=referrals.get(partner.pk, empty).get("financing", 0) or 0,
        )
        for partner in partners
    ]
