"""Reads of observations. A company's figures are reached through the company, which the caller has
already fetched with `fabriek.companies.selectors.company_get` (that is where the scoping happens)."""

from django.db.models import QuerySet
from django.http import Http404

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation


def observation_list(*, company: Company) -> QuerySet[Observation]:
    """A company's figures, newest first."""
    return Observation.objects.filter(company=company).order_by("-observed_on", "source", "pk")


def observation_get(*, company: Company, pk: int) -> Observation:
    """One observation of this company, or 404 (an observation of another company stays hidden)."""
    observation = Observation.objects.filter(company=company, pk=pk).select_related("company").first()
    if observation is None:
        raise Http404
    return observation


def observation_recent(*, companies: QuerySet[Company], limit: int = 10) -> QuerySet[Observation]:
    """The latest figures of these companies (already scoped by the caller), newest first."""
    return (
        Observation.objects.filter(company__in=companies)
        .select_related("company")
        .order_by("-observed_on", "company__name", "pk")[:limit]
    )
