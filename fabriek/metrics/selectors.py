"""Reads of observations. A company's figures are reached through the company, which the caller has
already fetched with `fabriek.companies.selectors.company_get` (that is where the scoping happens), and
through the programme: a programme sees only the figures it recorded (see `Observation`)."""

from django.db.models import QuerySet
from django.http import Http404

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.programmes.models import Programme


def observation_list(*, programme: Programme, company: Company) -> QuerySet[Observation]:
    """The company's figures recorded by `programme`, newest first."""
    return Observation.objects.filter(programme=programme, company=company).order_by("-observed_on", "source", "pk")


def observation_get(*, programme: Programme, company: Company, pk: int) -> Observation:
    """One observation of this company recorded by `programme`, or 404 (another company's, or another
    programme's figure of a shared company, stays hidden)."""
    observation = (
        Observation.objects.filter(programme=programme, company=company, pk=pk).select_related("company").first()
    )
    if observation is None:
        raise Http404
    return observation


def observation_recent(*, programme: Programme, companies: QuerySet[Company], limit: int = 10) -> QuerySet[Observation]:
    """The latest figures `programme` recorded of these companies (already scoped by the caller), newest first."""
    return (
        Observation.objects.filter(programme=programme, company__in=companies)
        .select_related("company")
        .order_by("-observed_on", "company__name", "pk")[:limit]
    )
