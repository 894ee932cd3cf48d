"""The report pages: the dashboard, the in/outflow table, jobs created, their downloads, and the records
behind every number.

Who sees what:
- the dashboard and the indicators download: every member (aggregates only);
- the in/outflow and jobs pages and their downloads: staff, location managers and the funder, all with the
  programme's figures; only staff downloads carry company names;
- the companies behind a number: staff, and location managers for the companies that stayed at their
  location (the page says that the list is filtered). The funder never sees company names or people;
- the other records behind an indicator (events, partners, locations, mentors, people reached): whoever may
  see those records elsewhere (see RECORD_READERS).
Every number comes from `rules` and `indicators`, the same functions the `report` command and the API use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fabriek.accounts.access import ALL_ROLES, allows, programme_view
from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company
from fabriek.core.errors import BadParameter
from fabriek.core.forms import error_summary
from fabriek.core.pagination import paginate, query_without_page
from fabriek.participation.models import OutflowStatus
from fabriek.programmes.models import Indicator, Location, PlanPeriod, Programme
from fabriek.programmes.selectors import plan_period_covering
from fabriek.reporting import clauses, rules, selectors
from fabriek.reporting.charts import Point, bar_chart
from fabriek.reporting.exporters import (
    IndicatorsExporter,
    InflowOutflowExporter,
    JobsCreatedExporter,
    Rendered,
)
from fabriek.reporting.forms import DOWNLOAD_FORMATS, DateForm, LocationForm, PeriodForm, bound_if_given
from fabriek.reporting.roles import (
    COMPANY_EXPORTERS,
    COMPANY_READERS,
    DASHBOARD_READERS,
    RECORD_READERS,
    REPORT_READERS,
)
from fabriek.reporting.summary import Figures

#: The numbers of the jobs report a list can be asked for, and what the list then shows.
JOBS_KEYS = ("gross", "net", "companies_counted", "companies_missing_baseline", "participants")
COVERAGE_KEYS = (
    "recent_figure",
    "missing_baseline",
    "without_figures",
    "stale",
    "alumni_without_follow_up",
    "long_stays_without_reason",
)


def _programme(request: HttpRequest) -> Programme:
    return request.programme  # type: ignore[attr-defined,no-any-return]


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined,no-any-return]


def _url(name: str, programme: Programme, **params: Any) -> str:
    query = urlencode({key: value.isoformat() if isinstance(value, date) else value for key, value in params.items()})
    return reverse(name, kwargs={"programme": programme.slug}) + (f"?{query}" if query else "")


# -- periods and dates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChosenPeriod:
    form: PeriodForm
    start: date
    end: date
    #: The plan period the dashboard's choices and charts are about.
    plan: PlanPeriod | None
    plans: list[PlanPeriod]


def _chosen_period(request: HttpRequest) -> ChosenPeriod:
    """The period asked for (?from=&to=), or the default: the plan period running today (see
    `selectors.plan_period_default`), or this calendar year when the programme has no plan period."""
    plans = selectors.plan_periods(programme=_programme(request))
    default_plan, first, last = selectors.default_period(plans=plans, today=timezone.localdate())
    form = bound_if_given(PeriodForm, request.GET, ("from", "to"), {"from": first, "to": last})
    start, end = form.period() or (first, last)
    plan = plan_period_covering(plans=plans, start=start, end=end) or default_plan
    return ChosenPeriod(form=form, start=start, end=end, plan=plan, plans=plans)


def _chosen_day(request: HttpRequest, figures: Figures) -> tuple[DateForm, date, date]:
    """The date asked for (?on=), or the default: today, or the last day with records when the records end
    earlier (imported history), so the table does not open on a day on which every figure is out of date.
    Returns the form, the date and the default date."""
    default = figures.last_record_day(today=timezone.localdate())
    form = bound_if_given(DateForm, request.GET, ("on",), {"on": default})
    return form, form.day() or default, default


def _with_status(response: HttpResponse, *forms: Any) -> HttpResponse:
    """A page whose picker was given a bad date (or location) shows the form with the error, as 400 (the
    figures shown are the default period's, or the whole programme's, which the page says)."""
    if any(form.is_bound and form.errors for form in forms):
        response.status_code = 400
    return response


def _require_valid(*forms: Any) -> None:
    """Pages without a picker (the lists behind a number) refuse bad dates with the 400 page."""
    if problems := [problem for form in forms if form.is_bound for problem in error_summary(form)]:
        raise BadParameter(" ".join(problems))


def _chosen_location(request: HttpRequest) -> tuple[LocationForm, Location | None]:
    """The location to split by (?location=), or None for the whole programme (clause 15). A value that is
    not one of the programme's locations shows as an error on the form and gives the whole programme."""
    locations = Location.objects.filter(programme=_programme(request)).order_by("name", "pk")
    form = LocationForm(request.GET if request.GET.get("location") else None, locations=locations)
    return form, form.chosen()


def _at(location: Location | None) -> dict[str, Any]:
    """The query parameter that keeps the chosen location in a link."""
    return {"location": location.pk} if location is not None else {}


def _bad_parameters(request: HttpRequest, *forms: Any) -> HttpResponse | None:
    """A 400 naming what is wrong when a download is asked with a bad format or bad dates."""
    fmt = request.GET.get("format", "csv")
    problems = []
    if fmt not in DOWNLOAD_FORMATS:
        problems.append(
            _("Unknown format %(format)s; choose one of: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(DOWNLOAD_FORMATS)}
        )
    problems += [str(error) for form in forms if form.is_bound for errors in form.errors.values() for error in errors]
    if problems:
        return HttpResponseBadRequest(" ".join(problems), content_type="text/plain; charset=utf-8")
    return None


def _download(request: HttpRequest, render_file: Callable[[str, str], Rendered]) -> HttpResponse:
    """The file in the asked format (checked by `_bad_parameters` first), as an attachment; CSV in the user's
    language's dialect, one table per file (`ReportExporter.render_download`)."""
    rendered = render_file(request.GET.get("format", "csv"), translation.get_language())
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


# -- the dashboard ---------------------------------------------------------------------------------------------


def _percent(value: int, target: int | None) -> int | None:
    """value / target in whole percents, rounded half up (in integers: no float)."""
    if not target:
        return None
    return (value * 200 + target) // (2 * target)


def _indicator_link(
    key: str, role: str, programme: Programme, start: date, end: date, location: Location | None = None
) -> str | None:
    """Where an indicator's number leads, for this role; None when the role may not see the records. For one
    location only the company lists follow the split (the other record lists are the programme's)."""
    if key == Indicator.PARTICIPANTS:
        if role in COMPANY_READERS:
            params = {"from": start, "to": end, "key": key, **_at(location)}
            return _url("reporting:jobs-created-companies", programme, **params)
        return None
    if key == Indicator.JOBS_CREATED:
        if role in COMPANY_READERS:
            params = {"from": start, "to": end, "key": "gross", **_at(location)}
            return _url("reporting:jobs-created-companies", programme, **params)
        return None
    if location is not None:
        return None
    if role in RECORD_READERS.get(key, frozenset()):
        return _url("reporting:indicator-records", programme, **{"from": start, "to": end, "key": key})
    return None


def _coverage_labels() -> dict[str, str]:
    return {
        "recent_figure": _("Companies with a figure from the 12 months up to the report date"),
        "missing_baseline": _("Companies missing a baseline (not counted in jobs created)"),
        "without_figures": _("Companies without any figure on or before the report date"),
        "stale": _("Companies whose latest figure is more than 12 months older than the report date"),
        "alumni_without_follow_up": _("Alumni within two years of leaving without a figure since they left"),
        "long_stays_without_reason": _("Companies with a stay over two years without a reason"),
    }


def _coverage_items(
    coverage: rules.DataCoverage, programme: Programme, role: str, *, start: date | None, location: Location | None
) -> list[dict[str, Any]]:
    labels = _coverage_labels()
    items = []
    for key in COVERAGE_KEYS:
        count = len(getattr(coverage, key))
        link = None
        if role in COMPANY_READERS and count:
            params: dict[str, Any] = {"on": coverage.on, "key": key, **_at(location)}
            if start is not None:
                params["from"] = start
            link = _url("reporting:coverage-companies", programme, **params)
        items.append({"key": key, "label": labels[key], "count": count, "link": link})
    return items


def _choice_links(chosen: ChosenPeriod, programme: Programme, location: Location | None) -> list[dict[str, Any]]:
    choices = selectors.period_choices(plan=chosen.plan)
    # Other plan periods are offered as a whole.
    choices += [
        selectors.PeriodChoice(_("Plan period %(name)s") % {"name": plan.name}, plan.starts_on, plan.ends_on, True)
        for plan in chosen.plans
        if plan != chosen.plan
    ]
    return [
        {
            "label": choice.label,
            "url": _url("reporting:dashboard", programme, **{"from": choice.start, "to": choice.end}, **_at(location)),
            "current": (choice.start, choice.end) == (chosen.start, chosen.end),
        }
        for choice in choices
    ]


@programme_view(DASHBOARD_READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    programme, role = _programme(request), _membership(request).role
    chosen = _chosen_period(request)
    location_form, location = _chosen_location(request)
    start, end = chosen.start, chosen.end
    years = selectors.chart_years(start=start, end=end, today=timezone.localdate())
    figures = Figures(programme)
    computed = figures.indicators([(start, end), *((year.start, year.end) for year in years)], location=location)
    coverage = figures.data_coverage(on=end, start=start, location=location)

    cards = []
    for number, value in enumerate(computed[(start, end)]):
        points = [
            Point(
                label=str(year.start.year),
                value=computed[(year.start, year.end)][number].value,
                target=computed[(year.start, year.end)][number].target,
                selected=(year.start, year.end) == (start, end),
            )
            for year in years
        ]
        net_link = None
        if value.key == Indicator.JOBS_CREATED and role in COMPANY_READERS:
            net_link = _url(
                "reporting:jobs-created-companies",
                programme,
                **{"from": start, "to": end, "key": "net"},
                **_at(location),
            )
        cards.append(
            {
                "value": value,
                "percent": _percent(value.value, value.target),
                "chart": bar_chart(points) if len(points) > 1 else None,
                "link": _indicator_link(value.key, role, programme, start, end, location),
                "net_link": net_link,
            }
        )
    response = render(
        request,
        "reporting/dashboard.html",
        {
            "chosen": chosen,
            "location_form": location_form,
            "location": location,
            "choices": _choice_links(chosen, programme, location),
            "cards": cards,
            "coverage": _coverage_items(coverage, programme, role, start=start, location=location),
            "coverage_companies": len(coverage.companies),
            "coverage_clause": clauses.DATA_COVERAGE,
            "location_clause": clauses.BY_LOCATION,
            "export_links": {
                fmt: _url(
                    "reporting:indicators-export",
                    programme,
                    **{"from": start, "to": end, "format": fmt},
                    **_at(location),
                )
                for fmt in DOWNLOAD_FORMATS
            },
        },
    )
    return _with_status(response, chosen.form, location_form)


@programme_view(DASHBOARD_READERS)
def indicators_export(request: HttpRequest) -> HttpResponse:
    chosen = _chosen_period(request)
    location_form, location = _chosen_location(request)
    if bad := _bad_parameters(request, chosen.form, location_form):
        return bad
    programme = _programme(request)
    period = (chosen.start, chosen.end)
    values = Figures(programme).indicators([period], location=location)[period]
    exporter = IndicatorsExporter(programme, values, start=chosen.start, end=chosen.end)
    return _download(request, exporter.render_download)


# -- in/outflow -------------------------------------------------------------------------------------------------


def _row_labels(on: date) -> dict[str, str]:
    """The in/outflow table's row labels, as in the seed's table."""
    return {
        "inflow": _("Total inflow"),
        "current": _("Of which participating on %(date)s") % {"date": _display_date(on)},
        "outflow": _("Total outflow"),
        OutflowStatus.ENTREPRENEUR.value: _("Outflow: still active as entrepreneur"),
        OutflowStatus.FREELANCER.value: _("Outflow: active as freelancer (ZZP)"),
        OutflowStatus.EMPLOYED.value: _("Outflow: in paid employment"),
        OutflowStatus.STOPPED.value: _("Outflow: stopped"),
    }


def _column_labels() -> dict[str, str]:
    return {"participants": _("Participants"), "employees": _("Employees"), "interns": _("Interns")}


def _display_date(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


@programme_view(REPORT_READERS)
def inflow_outflow(request: HttpRequest) -> HttpResponse:
    programme, role = _programme(request), _membership(request).role
    figures = Figures(programme)
    form, on, default_on = _chosen_day(request, figures)
    location_form, location = _chosen_location(request)
    result = figures.inflow_outflow(on=on, location=location)
    coverage = figures.data_coverage(on=on, location=location)
    links = role in COMPANY_READERS
    rows = []
    for row, label in _row_labels(on).items():
        cells = []
        for column in rules.COLUMNS:
            value = result.cell(row, column)
            link = None
            if links and value:
                link = _url(
                    "reporting:inflow-outflow-companies", programme, on=on, row=row, column=column, **_at(location)
                )
            cells.append({"column": column, "value": value, "link": link})
        rows.append({"key": row, "label": label, "cells": cells, "is_status": row in rules.STATUSES})
    missing = len(result.missing_figures)
    response = render(
        request,
        "reporting/inflow_outflow.html",
        {
            "form": form,
            "location_form": location_form,
            "location": location,
            "location_clause": clauses.BY_LOCATION,
            "on": on,
            "default_on": default_on,
            "today": timezone.localdate(),
            "columns": _column_labels(),
            "rows": rows,
            "missing_figures": missing,
            "missing_link": _url(
                "reporting:coverage-companies", programme, on=on, key="without_figures", **_at(location)
            )
            if links and missing
            else None,
            "coverage": _coverage_items(coverage, programme, role, start=None, location=location),
            "coverage_companies": len(coverage.companies),
            "definitions": [clauses.INFLOW_OUTFLOW, clauses.EMPLOYEES_ON, clauses.DATA_COVERAGE, clauses.STAY_LIMIT],
            "export_links": {
                fmt: _url("reporting:inflow-outflow-export", programme, on=on, format=fmt, **_at(location))
                for fmt in DOWNLOAD_FORMATS
            },
            "company_rows_in_export": role in COMPANY_EXPORTERS,
        },
    )
    return _with_status(response, form, location_form)


@programme_view(REPORT_READERS)
def inflow_outflow_export(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    figures = Figures(programme)
    form, on, _default = _chosen_day(request, figures)
    location_form, location = _chosen_location(request)
    if bad := _bad_parameters(request, form, location_form):
        return bad
    exporter = InflowOutflowExporter(
        programme,
        figures.inflow_outflow(on=on, location=location),
        coverage=figures.data_coverage(on=on, location=location),
        with_companies=_membership(request).role in COMPANY_EXPORTERS,
    )
    return _download(request, exporter.render_download)


# -- jobs created ------------------------------------------------------------------------------------------------


@programme_view(REPORT_READERS)
def jobs_created(request: HttpRequest) -> HttpResponse:
    programme, membership = _programme(request), _membership(request)
    role = membership.role
    chosen = _chosen_period(request)
    location_form, location = _chosen_location(request)
    start, end = chosen.start, chosen.end
    figures = Figures(programme)
    result = figures.jobs_created(start=start, end=end, location=location)
    coverage = figures.data_coverage(on=end, start=start, location=location)
    links = role in COMPANY_READERS

    def link(key: str, value: int) -> str | None:
        if not links or not value:
            return None
        return _url(
            "reporting:jobs-created-companies", programme, **{"from": start, "to": end, "key": key}, **_at(location)
        )

    labels = {
        "gross": _("Gross: new jobs"),
        "net": _("Net: new jobs minus jobs lost"),
        "companies_counted": _("Companies counted"),
        "companies_missing_baseline": _("Companies missing a baseline"),
    }
    totals = result.as_dict()
    numbers = [
        {"key": key, "label": label, "value": totals[key], "link": link(key, len(result.companies(key)))}
        for key, label in labels.items()
    ]
    context: dict[str, Any] = {
        "form": chosen.form,
        "location_form": location_form,
        "location": location,
        "location_clause": clauses.BY_LOCATION,
        "start": start,
        "end": end,
        "numbers": numbers,
        "coverage": _coverage_items(coverage, programme, role, start=start, location=location),
        "coverage_companies": len(coverage.companies),
        "definitions": [clauses.JOBS_CREATED, clauses.EMPLOYEES_ON, clauses.DATA_COVERAGE, clauses.STAY_LIMIT],
        "export_links": {
            fmt: _url(
                "reporting:jobs-created-export", programme, **{"from": start, "to": end, "format": fmt}, **_at(location)
            )
            for fmt in DOWNLOAD_FORMATS
        },
        "company_rows_in_export": role in COMPANY_EXPORTERS,
        "show_companies": links,
    }
    if links:
        statuses = dict(OutflowStatus.choices)
        by_id = {row.company_id: row for row in result.rows}
        page = _page_of_companies(request, figures, list(by_id))
        context.update(
            page=page,
            query=query_without_page(request),
            detail=[(company, by_id[company.pk], statuses.get(by_id[company.pk].status, "")) for company in page],
            filtered=role == Role.LOCATION_MANAGER,
            cohort=len(by_id),
        )
    return _with_status(render(request, "reporting/jobs_created.html", context), chosen.form, location_form)


@programme_view(REPORT_READERS)
def jobs_created_export(request: HttpRequest) -> HttpResponse:
    chosen = _chosen_period(request)
    location_form, location = _chosen_location(request)
    if bad := _bad_parameters(request, chosen.form, location_form):
        return bad
    programme = _programme(request)
    exporter = JobsCreatedExporter(
        programme,
        (figures := Figures(programme)).jobs_created(start=chosen.start, end=chosen.end, location=location),
        coverage=figures.data_coverage(on=chosen.end, start=chosen.start, location=location),
        with_companies=_membership(request).role in COMPANY_EXPORTERS,
    )
    return _download(request, exporter.render_download)


# -- the companies behind a number -------------------------------------------------------------------------------


def _page_of_companies(request: HttpRequest, figures: Figures, ids: list[int]) -> Page:
    """The page asked for of the companies with these ids that the member may see, by name. The order comes
    from the stored figures (`Figures.company_order`), so only the page's own rows are fetched: no IN list
    of thousands of ids, and the count is known without a query (issue 8)."""
    order = figures.company_order()
    page = paginate(request, selectors.visible_in_order(membership=_membership(request), ids=ids, order=order))
    found = Company.objects.in_bulk(page.object_list)
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def _companies_page(
    request: HttpRequest,
    *,
    figures: Figures,
    title: str,
    explanation: str,
    ids: list[int],
    columns: list[tuple[str, bool]],
    cells: Callable[[int], list[Any]],
    back: str,
    back_label: str,
    clause: clauses.Clause,
    totals: list[Any] | None = None,
) -> HttpResponse:
    """One page for every list of companies behind a number: the visible ones by name, paginated.

    `totals` add up a column over all the companies behind the number (not only this page), so the page
    shows how the number comes about; a location manager, who sees only part of the list, gets none."""
    membership = _membership(request)
    filtered = membership.role == Role.LOCATION_MANAGER
    page = _page_of_companies(request, figures, ids)
    return render(
        request,
        "reporting/companies.html",
        {
            "title": title,
            "explanation": explanation,
            "total": len(ids),
            "page": page,
            "query": query_without_page(request),
            "rows": [{"company": company, "cells": _cells(columns, cells(company.pk))} for company in page],
            "columns": columns,
            "filtered": filtered,
            "totals": None if filtered or totals is None else _cells(columns, totals),
            "back": back,
            "back_label": back_label,
            "clause": clause,
        },
    )


def _cells(columns: list[tuple[str, bool]], values: list[Any]) -> list[dict[str, Any]]:
    """A row's values ready to show: dates formatted, numbers marked to align right."""
    return [
        {
            "value": date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, date) else value,
            "number": is_number,
        }
        for (_label, is_number), value in zip(columns, values, strict=True)
    ]


def _yes_no(flag: bool) -> str:
    return _("yes") if flag else _("no")


@programme_view(COMPANY_READERS)
def inflow_outflow_companies(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    figures = Figures(programme)
    form, on, _default = _chosen_day(request, figures)
    _require_valid(form)
    row = request.GET.get("row", "inflow")
    column = request.GET.get("column", "participants")
    if row not in rules.ROWS or column not in rules.COLUMNS:
        raise Http404(_("No such cell in the in/outflow table."))
    location_form, location = _chosen_location(request)
    _require_valid(location_form)
    result = figures.inflow_outflow(on=on, location=location)
    ids = result.companies(row, column)
    by_id = {company.company_id: company for company in result.rows}
    statuses = dict(OutflowStatus.choices)

    def cells(pk: int) -> list[Any]:
        company = by_id[pk]
        return [
            _("participating") if company.current else statuses.get(company.status, company.status),
            company.employees,
            company.interns,
            _yes_no(company.missing_figure),
        ]

    label = _row_labels(on)[row]
    return _companies_page(
        request,
        figures=figures,
        title=_("%(row)s: %(column)s") % {"row": label, "column": _column_labels()[column].lower()},
        explanation=_(
            "The companies behind the number %(value)s in the in/outflow table on %(date)s. For employees and "
            "interns only the companies that add at least one are listed."
        )
        % {"value": result.cell(row, column), "date": _display_date(on)},
        ids=ids,
        columns=[
            (_("Participating or outflow status"), False),
            (_("Employees counted"), True),
            (_("Interns counted"), True),
            (_("Missing figure"), False),
        ],
        cells=cells,
        totals=["", sum(by_id[pk].employees for pk in ids), sum(by_id[pk].interns for pk in ids), ""],
        back=_url("reporting:inflow-outflow", programme, on=on, **_at(location)),
        back_label=_("Back to the in/outflow table"),
        clause=clauses.INFLOW_OUTFLOW,
    )


@programme_view(COMPANY_READERS)
def jobs_created_companies(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    chosen = _chosen_period(request)
    _require_valid(chosen.form)
    start, end = chosen.start, chosen.end
    key = request.GET.get("key", "gross")
    if key not in JOBS_KEYS:
        raise Http404(_("No such number in the jobs report."))
    location_form, location = _chosen_location(request)
    _require_valid(location_form)
    figures = Figures(programme)
    result = figures.jobs_created(start=start, end=end, location=location)
    # Participants (the indicator) are exactly the jobs cohort: the companies with a stay in the period.
    ids = [row.company_id for row in result.rows] if key == "participants" else result.companies(key)
    by_id = {row.company_id: row for row in result.rows}
    statuses = dict(OutflowStatus.choices)

    def cells(pk: int) -> list[Any]:
        row = by_id[pk]
        return [
            row.first_start,
            row.last_end or _("ongoing"),
            statuses.get(row.status, "") if row.status else "",
            row.baseline if row.baseline is not None else _("no baseline"),
            row.current if row.current is not None else "",
            row.change if row.change is not None else "",
        ]

    titles = {
        "gross": _("Jobs created: the companies that grew"),
        "net": _("Jobs created: the companies counted in the net figure"),
        "companies_counted": _("Jobs created: the companies counted"),
        "companies_missing_baseline": _("Jobs created: the companies missing a baseline"),
        "participants": _("Participating companies"),
    }
    return _companies_page(
        request,
        figures=figures,
        title=titles[key],
        explanation=_("From %(start)s to %(end)s: %(count)s companies.")
        % {"start": _display_date(start), "end": _display_date(end), "count": len(ids)},
        ids=ids,
        columns=[
            (_("First start"), False),
            (_("Left on"), False),
            (_("Outflow status"), False),
            (_("Baseline"), True),
            (_("Current"), True),
            (_("Change"), True),
        ],
        cells=cells,
        totals=[
            "",
            "",
            "",
            sum(by_id[pk].baseline or 0 for pk in ids),
            sum(by_id[pk].current or 0 for pk in ids),
            sum(by_id[pk].change or 0 for pk in ids),
        ],
        back=_url("reporting:jobs-created", programme, **{"from": start, "to": end}, **_at(location)),
        back_label=_("Back to jobs created"),
        clause=clauses.JOBS_CREATED,
    )


@programme_view(COMPANY_READERS)
def coverage_companies(request: HttpRequest) -> HttpResponse:
    """The companies behind a data-coverage number: of the in/outflow population on `on`, or of the jobs
    cohort of [from, on] when `from` is given."""
    programme = _programme(request)
    figures = Figures(programme)
    form, on, _default = _chosen_day(request, figures)
    key = request.GET.get("key", "without_figures")
    if key not in COVERAGE_KEYS:
        raise Http404(_("No such data coverage number."))
    start_form = DateForm({"on": request.GET["from"]}) if request.GET.get("from") else None
    _require_valid(form, *([start_form] if start_form is not None else []))
    start = start_form.day() if start_form is not None else None
    if start is not None and start > on:
        start = None
    location_form, location = _chosen_location(request)
    _require_valid(location_form)
    coverage = figures.data_coverage(on=on, start=start, location=location)
    if start is None:
        explanation = _("Of the companies in the in/outflow table on %(date)s.") % {"date": _display_date(on)}
        back = _url("reporting:inflow-outflow", programme, on=on, **_at(location))
        back_label = _("Back to the in/outflow table")
    else:
        explanation = _("Of the companies with a stay from %(start)s to %(end)s.") % {
            "start": _display_date(start),
            "end": _display_date(on),
        }
        back = _url("reporting:jobs-created", programme, **{"from": start, "to": on}, **_at(location))
        back_label = _("Back to jobs created")
    return _companies_page(
        request,
        figures=figures,
        title=_coverage_labels()[key],
        explanation=explanation,
        ids=list(getattr(coverage, key)),
        columns=[],
        cells=lambda pk: [],
        back=back,
        back_label=back_label,
        clause=clauses.DATA_COVERAGE,
    )


# -- the other records behind an indicator -----------------------------------------------------------------------


def _detail_link(name: str, programme: Programme, role: str) -> Callable[[int | None], str | None]:
    """A function giving the detail page of a record, or None when this role may not open such pages."""
    sample = reverse(name, kwargs={"programme": programme.slug, "pk": 1})
    if not allows(resolve(sample).func, role):
        return lambda pk: None
    return lambda pk: reverse(name, kwargs={"programme": programme.slug, "pk": pk}) if pk else None


@programme_view(ALL_ROLES)
def indicator_records(request: HttpRequest) -> HttpResponse:
    programme, role = _programme(request), _membership(request).role
    key = request.GET.get("key", Indicator.EVENTS.value)
    if key not in RECORD_READERS:
        raise Http404(_("No list of records for this indicator."))
    if role not in RECORD_READERS[key]:
        raise PermissionDenied
    chosen = _chosen_period(request)
    _require_valid(chosen.form)
    start, end = chosen.start, chosen.end
    columns: list[str]
    rows: list[dict[str, Any]]
    if key == Indicator.EVENTS:
        link = _detail_link("events:event-detail", programme, role)
        page = paginate(request, selectors.events_held(programme=programme, start=start, end=end))
        columns = [_("Event"), _("Date"), _("Location")]
        rows = [
            {
                "name": event.title,
                "link": link(event.pk),
                "cells": [
                    _display_date(timezone.localtime(event.starts_at).date()),
                    event.location.name if event.location else "",
                ],
            }
            for event in page
        ]
    elif key == Indicator.PEOPLE_REACHED:
        page = paginate(request, selectors.people_reached(programme=programme, start=start, end=end))
        columns = [_("Name")]
        rows = [{"name": person.name, "link": None, "cells": []} for person in page]
    elif key == Indicator.PARTNERS:
        link = _detail_link("partners:partner-detail", programme, role)
        page = paginate(request, selectors.partners_with_agreement(programme=programme, start=start, end=end))
        columns = [_("Partner"), _("Kind")]
        rows = [
            {"name": partner.name, "link": link(partner.pk), "cells": [partner.get_kind_display()]} for partner in page
        ]
    elif key == Indicator.MENTORS:
        link = _detail_link("mentoring:mentor-detail", programme, role)
        page = paginate(request, selectors.mentors_active(programme=programme, start=start, end=end))
        columns = [_("Mentor")]
        rows = [{"name": person.name, "link": link(person.mentor_id), "cells": []} for person in page]
    else:
        kind = Location.Kind.PHYSICAL if key == Indicator.PHYSICAL_LOCATIONS else Location.Kind.REPRESENTATION
        link = _detail_link("programmes:location-detail", programme, role)
        page = paginate(request, selectors.locations_open(programme=programme, end=end, kind=kind))
        columns = [_("Location"), _("Opened on")]
        rows = [
            {"name": location.name, "link": link(location.pk), "cells": [_display_date(location.opened_on)]}
            for location in page
        ]
    labels = dict(Indicator.choices)
    return render(
        request,
        "reporting/records.html",
        {
            "title": labels[key],
            "start": start,
            "end": end,
            "columns": columns,
            "rows": rows,
            "page": page,
            "query": query_without_page(request),
            "clause": clauses.INDICATOR_CLAUSES[key],
            "back": _url("reporting:dashboard", programme, **{"from": start, "to": end}),
        },
    )
