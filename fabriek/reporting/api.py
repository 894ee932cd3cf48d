"""The three reports over the API: exactly the JSON of `manage.py report`, for the same roles as the pages.

Each operation builds the same exporter the command builds and returns its `as_json()`; the schemas below
only describe that JSON for the OpenAPI document (`exclude_unset` keeps `net` on jobs created only, as the
command prints it).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from fabriek.accounts.api_auth import ERROR_RESPONSES, api_rule, caller
from fabriek.programmes.models import Indicator
from fabriek.reporting.exporters import IndicatorsExporter, InflowOutflowExporter, JobsCreatedExporter
from fabriek.reporting.forms import check_report_date
from fabriek.reporting.roles import DASHBOARD_READERS, REPORT_READERS
from fabriek.reporting.summary import Figures

router = Router(tags=["reports"])


class CellsOut(Schema):
    participants: int
    employees: int
    interns: int


class OutflowByStatusOut(Schema):
    entrepreneur: CellsOut
    freelancer: CellsOut
    employed: CellsOut
    stopped: CellsOut


class InflowOutflowOut(Schema):
    programme: str
    on: date
    inflow: CellsOut
    current: CellsOut
    outflow: CellsOut
    outflow_by_status: OutflowByStatusOut
    missing_figures: int = Field(description="Companies in the inflow without any figure on or before the date.")


class JobsCreatedOut(Schema):
    programme: str
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    gross: int = Field(description="The sum of the positive changes: the headline figure.")
    net: int = Field(description="The sum of all changes, losses included.")
    companies_counted: int
    companies_missing_baseline: int


class IndicatorOut(Schema):
    key: Indicator
    label: str
    value: int
    target: int | None = Field(description="The plan target for the period, pro-rated where that applies.")
    definition: str = Field(description="How the value is computed, as shown to users.")
    net: int | None = Field(None, description="Jobs created only: the net figure beside the gross value.")


class IndicatorsOut(Schema):
    programme: str
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    indicators: list[IndicatorOut]


def _check_dates(**dates: date) -> None:
    """Each date within the range reports cover (as on the pages), else a 422 naming the parameter."""
    errors: dict[str, list[str]] = {}
    for name, value in dates.items():
        try:
            check_report_date(value)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


def _check_period(start: date, end: date) -> None:
    _check_dates(**{"from": start, "to": end})
    if end < start:
        raise ValidationError(
            {
                "to": [
                    _("The period ends (%(end)s) before it starts (%(start)s).")
                    % {"start": start.isoformat(), "end": end.isoformat()}
                ]
            }
        )


@router.get(
    "/inflow-outflow",
    response={200: InflowOutflowOut, **ERROR_RESPONSES},
    by_alias=True,
    operation_id="report_inflow_outflow",
)
@api_rule(REPORT_READERS)
def inflow_outflow(request: HttpRequest, on: date = Query(..., description="The date, YYYY-MM-DD.")) -> Any:  # noqa: B008
    """The in/outflow table on a date, as `manage.py report inflow-outflow --on` prints it."""
    _check_dates(on=on)
    programme = caller(request).programme
    return InflowOutflowExporter(programme, Figures(programme).inflow_outflow(on=on)).as_json()


@router.get(
    "/jobs-created",
    response={200: JobsCreatedOut, **ERROR_RESPONSES},
    by_alias=True,
    operation_id="report_jobs_created",
)
@api_rule(REPORT_READERS)
def jobs_created(
    request: HttpRequest,
    start: date = Query(..., alias="from", description="First day of the period, YYYY-MM-DD."),  # noqa: B008
    end: date = Query(..., alias="to", description="Last day of the period, YYYY-MM-DD."),  # noqa: B008
) -> Any:
    """New jobs during participation or up to two years after it, in a period, as
    `manage.py report jobs-created --from --to` prints it."""
    _check_period(start, end)
    programme = caller(request).programme
    return JobsCreatedExporter(programme, Figures(programme).jobs_created(start=start, end=end)).as_json()


@router.get(
    "/indicators",
    response={200: IndicatorsOut, **ERROR_RESPONSES},
    by_alias=True,
    exclude_unset=True,
    operation_id="report_indicators",
)
@api_rule(DASHBOARD_READERS)
def indicator_report(
    request: HttpRequest,
    start: date = Query(..., alias="from", description="First day of the period, YYYY-MM-DD."),  # noqa: B008
    end: date = Query(..., alias="to", description="Last day of the period, YYYY-MM-DD."),  # noqa: B008
) -> Any:
    """The eight indicators for a period against their targets, as `manage.py report indicators --from --to`
    prints it."""
    _check_period(start, end)
    programme = caller(request).programme
    values = Figures(programme).indicators([(start, end)])[(start, end)]
    return IndicatorsExporter(programme, values, start=start, end=end).as_json()
