"""Every counting rule as a numbered clause: the one text people read, wherever they read it.

`docs/rules.md` is this module written out (`manage.py rules_doc > docs/rules.md`; a test fails when they
differ). The pages' "How is this computed?", the downloads' notes, the API's definitions and the indicator
cards all show `Clause.text` under `Clause.heading`; `rules.py`, `reference.py`, `indicators.py` and the
apps that own a rule (`participation.rules`, `programmes.selectors`) cite the clause number in their
docstrings, and a test checks that they do.

The texts are written for a provincial official, not for developers. Changing a rule means changing its
clause here, its implementation and its reference implementation together.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Clause:
    number: int
    key: str
    title: Promise
    text: Promise
    #: Where the rule is implemented: (module path, function), first the one that counts.
    code: tuple[tuple[str, str], ...]

    @property
    def heading(self) -> str:
        """ "3. Jobs created", in the user's language."""
        return gettext("%(number)d. %(title)s") % {"number": self.number, "title": self.title}


_CLAUSES = (
    Clause(
        1,
        "employees_on",
        _("Employees on a date"),
        _(
            "Employees of a company on a date: the employees of its latest figure dated on or before that date; "
            "interns likewise. When several figures share that date, the source decides in this order: programme "
            "staff, survey, self-report, intake, KvK. A company without any figure on or before the date counts 0 "
            "and is listed under missing figures. Only the figures the programme recorded itself count: a company "
            "that also takes part in another programme has that programme's figures there, not here."
        ),
        (("fabriek/reporting/rules.py", "employees_on"), ("fabriek/reporting/reference.py", "employees_on")),
    ),
    Clause(
        2,
        "inflow_outflow",
        _("In- and outflow"),
        _(
            "Every company with a stay in the programme that started on or before the date is counted once. It is "
            "current when one of its stays covers the date (a stay that ends on the date is still current on it); "
            "otherwise it is outflow, with the outflow status of its latest stay. Employees and interns are its "
            "figures on the date. Alumni who are no longer entrepreneurs (freelancer, in paid employment, stopped) "
            "count 0 employees and 0 interns, because they no longer run an employer. Inflow = current + outflow. "
            "Missing figures: companies in the inflow without any figure on or before the date."
        ),
        (("fabriek/reporting/rules.py", "inflow_outflow"), ("fabriek/reporting/reference.py", "inflow_outflow")),
    ),
    Clause(
        3,
        "jobs_created",
        _("Jobs created"),
        _(
            "New jobs during participation or up to two years after it, as known at the end of the period: figures "
            "dated after the period are never used. Counted are the companies with a stay overlapping the period. "
            "For each, the baseline is its employees on its first start in the programme (earlier stays included); "
            "if it has no figure by then, its first figure within 90 days after the start (and within the period) "
            "is used; without one the company is not counted and is listed as missing a baseline. The current "
            "number is its employees at the end of the period or, for alumni, two years after leaving if that "
            "comes earlier. Alumni who are no longer entrepreneurs count 0 after leaving. Change = current - "
            "baseline. Gross (the headline) adds the positive changes; net adds all changes. Alumni who left before "
            "the period belong to the periods in which they participated, so yearly figures do not add up to the "
            "figure of a whole plan period."
        ),
        (
            ("fabriek/reporting/rules.py", "jobs_created"),
            ("fabriek/reporting/reference.py", "jobs_created"),
            ("fabriek/reporting/indicators.py", "jobs_created"),
        ),
    ),
    Clause(
        4,
        "data_coverage",
        _("Data coverage"),
        _(
            "How complete the figures are: companies with a figure (from any source: staff, survey, import) dated "
            "in the 12 months up to the report date; companies missing a baseline; companies without any figure; "
            "companies whose latest figure is more than 12 months older than the report date; alumni within two "
            "years of leaving without a figure dated after they left; companies with a stay over two years "
            "without a reason (clause 6), until a reason is given."
        ),
        (("fabriek/reporting/rules.py", "data_coverage"),),
    ),
    Clause(
        5,
        "stays_do_not_overlap",
        _("Stays do not overlap"),
        _(
            "A stay runs from its start date to its end date, both days included; without an end date it is still "
            "going. Two stays of one company in the programme never share a day: forms, the API and imports refuse "
            "such a stay, and so does the database."
        ),
        (("fabriek/participation/rules.py", "stays_overlap"), ("fabriek/participation/rules.py", "overlapping_q")),
    ),
    Clause(
        6,
        "stay_limit",
        _("Stays last at most two years"),
        _(
            "A stay lasts at most two years: its end date (today while it goes on) is not after the same day two "
            "years after its start (29 February plus two years is 28 February). A longer stay needs a reason: "
            "forms and the API refuse it without one; an import keeps it with a warning, and data coverage lists "
            "it until a reason is given."
        ),
        (
            ("fabriek/participation/rules.py", "is_long_stay"),
            ("fabriek/participation/rules.py", "long_stays_without_reason"),
        ),
    ),
    Clause(
        7,
        "targets",
        _("Plan period and targets"),
        _(
            "The targets of a period come from the plan period that covers the whole period; when several do, the "
            "shortest (equally long: the one that starts later). Without such a plan period there are no targets. "
            "Counts that pile up over time (events, people reached, participants, jobs created) get the plan "
            "target pro-rated to the length of the period: target x days in the period / days in the plan period, "
            "rounded half up. Counts of a state (partners, locations, mentors) get the full plan target."
        ),
        (
            ("fabriek/programmes/selectors.py", "plan_period_covering"),
            ("fabriek/reporting/indicators.py", "pro_rated"),
        ),
    ),
    Clause(
        8,
        "events",
        _("Entrepreneur events"),
        _(
            "Entrepreneur events: the number of events the programme held in the period, counted on the day they "
            "started. Events planned for a later date are not counted until they have started."
        ),
        (("fabriek/reporting/indicators.py", "events"),),
    ),
    Clause(
        9,
        "people_reached",
        _("Entrepreneurs reached through events"),
        _(
            "Entrepreneurs reached through events: the number of different people who were checked in at least "
            "once at an event the programme held in the period. Someone who came to five events counts once; "
            "people who registered but were not checked in do not count."
        ),
        (("fabriek/reporting/indicators.py", "people_reached"),),
    ),
    Clause(
        10,
        "participants",
        _("Participating entrepreneurs"),
        _(
            "Participating entrepreneurs: the number of different companies with a stay in the programme (housed "
            "or in a programme) on at least one day of the period. A company that left and came back counts once."
        ),
        (("fabriek/reporting/indicators.py", "participants"),),
    ),
    Clause(
        11,
        "partners",
        _("Cooperation partners"),
        _(
            "Cooperation partners: the number of different partners with a cooperation agreement with the "
            "programme that ran on at least one day of the period."
        ),
        (("fabriek/reporting/indicators.py", "partners"),),
    ),
    Clause(
        12,
        "physical_locations",
        _("Physical locations"),
        _(
            "Physical locations: the number of the programme's own locations (places to work and meet) that were "
            "open on the last day of the period. A location counts from its opening date; it no longer counts on "
            "the day it closes; locations still being explored, or without an opening date, do not count."
        ),
        (("fabriek/reporting/indicators.py", "physical_locations"),),
    ),
    Clause(
        13,
        "other_locations",
        _("Other locations"),
        _(
            "Other locations where the programme is represented: the number of representation points (places "
            "where the programme is present without being its own location) that were open on the last day of "
            "the period, counted like physical locations: from the opening date, not from the closing date, and "
            "not while still being explored."
        ),
        (("fabriek/reporting/indicators.py", "other_locations"),),
    ),
    Clause(
        14,
        "mentors",
        _("Entrepreneur-mentors"),
        _(
            "Entrepreneur-mentors: the number of different people who mentored for the programme in the period. A "
            "mentor counts when a mentorship they accepted ran on at least one day of the period (from its start "
            "date up to and including its end date; one without an end date runs on), or when they held a logged "
            "mentoring session on a day of the period. Proposed and declined mentorships do not count, and neither "
            "does being listed as a mentor without a mentee. A person who is a mentor more than once counts once."
        ),
        (("fabriek/mentoring/selectors.py", "mentor_people_counted"), ("fabriek/reporting/indicators.py", "mentors")),
    ),
    Clause(
        15,
        "by_location",
        _("Split by location"),
        _(
            "A company counts at the location of its latest stay that started on or before the report date (in- "
            "and outflow) or the end of the period (participating entrepreneurs, jobs created, data coverage), so "
            "it counts at one location and the locations add up to the whole programme. Events and the "
            "entrepreneurs they reached count at the location where the event took place. Partners, locations and "
            "mentors belong to the whole programme and are not split. Targets are set for the whole programme, so "
            "a single location shows none."
        ),
        (
            ("fabriek/reporting/rules.py", "latest_stays"),
            ("fabriek/reporting/indicators.py", "indicators"),
        ),
    ),
    Clause(
        16,
        "contributions",
        _("Participants' contributions"),
        _(
            "A company contributes the monthly price of its stay's service package for every calendar month its "
            "stay covers. In a month the stay covers only in part (it starts or ends in it), the company pays for "
            "the days it covers: the monthly price times the days of the stay in that month divided by the days "
            "of the month, rounded half up to a whole cent; the first and the last day of a stay both count. A "
            "company that changes package in a month pays each stay for its own days. The year's total is the "
            "sum of its twelve months, shown beside the budget's participants' contributions line."
        ),
        (
            ("fabriek/spaces/contributions.py", "pro_rata_cents"),
            ("fabriek/spaces/contributions.py", "month_contributions"),
            ("fabriek/spaces/contributions.py", "year_per_month"),
        ),
    ),
)

#: The clauses by key, in their order.
CLAUSES: dict[str, Clause] = {clause.key: clause for clause in _CLAUSES}

#: The clause that defines each of the eight indicators (by `Indicator` value).
INDICATOR_CLAUSES: dict[str, Clause] = {
    "events": CLAUSES["events"],
    "people_reached": CLAUSES["people_reached"],
    "participants": CLAUSES["participants"],
    "partners": CLAUSES["partners"],
    "physical_locations": CLAUSES["physical_locations"],
    "other_locations": CLAUSES["other_locations"],
    "mentors": CLAUSES["mentors"],
    "jobs_created": CLAUSES["jobs_created"],
}

EMPLOYEES_ON = CLAUSES["employees_on"]
INFLOW_OUTFLOW = CLAUSES["inflow_outflow"]
JOBS_CREATED = CLAUSES["jobs_created"]
DATA_COVERAGE = CLAUSES["data_coverage"]
STAY_LIMIT = CLAUSES["stay_limit"]
TARGETS = CLAUSES["targets"]
BY_LOCATION = CLAUSES["by_location"]
CONTRIBUTIONS = CLAUSES["contributions"]


def target_note(*, pro_rated: bool) -> str:
    """The sentence on an indicator's target (clause 7), shown after its definition."""
    if pro_rated:
        return gettext("Target: the plan target, pro-rated to the length of the period (clause 7).")
    return gettext("Target: the full plan target, as it is a number to have, not to add up (clause 7).")


def markdown() -> str:
    """docs/rules.md: every clause, in English, with where it is implemented."""
    lines = [
        "# The counting rules",
        "",
        "Every figure Fabriek reports is defined by one numbered clause below. The pages' \"How is this",
        "computed?\", the downloads' notes and the API show the same text (in Dutch or English), and the code",
        "that counts cites the clause number. This file is written by `python manage.py rules_doc >",
        "docs/rules.md` from `fabriek/reporting/clauses.py`; a test fails when the two differ.",
        "",
    ]
    for clause in _CLAUSES:
        lines += [f"## {clause.number}. {clause.title}", "", str(clause.text), ""]
        lines.append("Code: " + ", ".join(f"`{path}` `{function}`" for path, function in clause.code) + ".")
        lines.append("")
    return "\n".join(lines)
