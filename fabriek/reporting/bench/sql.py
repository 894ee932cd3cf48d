"""The three reports as hand-written SQL: the yardstick the ORM implementation (`rules.py`,
`indicators.py`) is timed against, and checked against for the same numbers.

Written for PostgreSQL the way one would write them by hand: DISTINCT ON for each company's latest stay,
a window function for its first start, and LATERAL joins that fetch one observation with one index probe.
SQLite has neither DISTINCT ON nor LATERAL, so it gets its own portable version (ROW_NUMBER() for the
latest stay, and a correlated subquery that picks the observation's id, joined back by primary key); it
exists so that the equivalence test runs on both databases, and its timings are only indicative.

Each function returns exactly what the ORM side's `as_dict()` returns (for the indicators: key, value,
target and net per indicator), so the benchmark compares the two with `==`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from fabriek.programmes.models import Programme
from fabriek.reporting.indicators import INDICATORS
from fabriek.reporting.rules import COLUMNS, ROWS, STATUSES

#: The pinned source rank of an observation `o`: on a shared date the higher wins.
RANK = (
    "CASE o.source WHEN 'staff' THEN 5 WHEN 'survey' THEN 4 WHEN 'self_report' THEN 3 "
    "WHEN 'intake' THEN 2 WHEN 'kvk' THEN 1 ELSE 0 END"
)


def _table_aggregates() -> str:
    """The 21 cells of the in/outflow table and the missing figures, as aggregates over `carried`."""
    conditions = {"inflow": "1 = 1", "current": "is_current", "outflow": "NOT is_current"}
    conditions.update({status: f"NOT is_current AND status = '{status}'" for status in STATUSES})
    cells = []
    for row in ROWS:
        where = conditions[row]
        cells += [
            f"COUNT(*) FILTER (WHERE {where})",
            f"COALESCE(SUM(employees) FILTER (WHERE {where}), 0)",
            f"COALESCE(SUM(interns) FILTER (WHERE {where}), 0)",
        ]
    return ",\n       ".join([*cells, "COUNT(*) FILTER (WHERE missing)"])


# Alumni who are not entrepreneurs carry 0; a company without a figure counts 0 (and is missing).
_CARRIED = """
carried AS (
    SELECT is_current, status, missing,
           CASE WHEN is_current OR status = 'entrepreneur' THEN COALESCE(employees, 0) ELSE 0 END AS employees,
           CASE WHEN is_current OR status = 'entrepreneur' THEN COALESCE(interns, 0) ELSE 0 END AS interns
    FROM counted
)"""

POSTGRESQL_INFLOW_OUTFLOW = f"""
WITH latest AS (
    SELECT DISTINCT ON (p.company_id) p.company_id, p.ended_on, p.outflow_status
    FROM participation_participation p
    WHERE p.programme_id = %(programme)s AND p.started_on <= %(on)s
    ORDER BY p.company_id, p.started_on DESC
),
counted AS (
    SELECT l.ended_on IS NULL OR l.ended_on >= %(on)s AS is_current,
           l.outflow_status AS status,
           f.employees IS NULL AS missing,
           f.employees,
           f.interns
    FROM latest l
    LEFT JOIN LATERAL (
        SELECT o.employees, o.interns
        FROM metrics_observation o
        WHERE o.company_id = l.company_id AND o.programme_id = %(programme)s AND o.observed_on <= %(on)s
        ORDER BY o.observed_on DESC, {RANK} DESC
        LIMIT 1
    ) f ON TRUE
),{_CARRIED}
SELECT {_table_aggregates()}
FROM carried
"""  # noqa: S608 (constants only; values go in as parameters)

SQLITE_INFLOW_OUTFLOW = f"""
WITH latest AS (
    SELECT company_id, ended_on, outflow_status
    FROM (
        SELECT p.company_id, p.ended_on, p.outflow_status,
               ROW_NUMBER() OVER (PARTITION BY p.company_id ORDER BY p.started_on DESC) AS recency
        FROM participation_participation p
        WHERE p.programme_id = %(programme)s AND p.started_on <= %(on)s
    )
    WHERE recency = 1
),
counted AS (
    SELECT (l.ended_on IS NULL OR l.ended_on >= %(on)s) AS is_current,
           l.outflow_status AS status,
           f.id IS NULL AS missing,
           f.employees,
           f.interns
    FROM latest l
    LEFT JOIN metrics_observation f ON f.id = (
        SELECT o.id
        FROM metrics_observation o
        WHERE o.company_id = l.company_id AND o.programme_id = %(programme)s AND o.observed_on <= %(on)s
        ORDER BY o.observed_on DESC, {RANK} DESC
        LIMIT 1
    )
),{_CARRIED}
SELECT {_table_aggregates()}
FROM carried
"""  # noqa: S608 (constants only; values go in as parameters)

# Jobs created, as common table expressions ending in `changes` (one row per company of the cohort, its
# change or NULL without a baseline), so the indicators statement can reuse them.
# "Current = the employees on W using only figures not dated before the baseline's; none: the baseline" is
# asked as: the latest figure on or before W, if it is not dated before the baseline, else the baseline.
# That is the same thing (a figure on a later date than the latest one on or before W cannot exist) and
# keeps the probe one backward index scan that stops at the first date.
POSTGRESQL_JOBS_CTES = f"""
latest AS (
    SELECT DISTINCT ON (p.company_id)
           p.company_id, p.ended_on, p.outflow_status,
           MIN(p.started_on) OVER (PARTITION BY p.company_id) AS first_start
    FROM participation_participation p
    WHERE p.programme_id = %(programme)s AND p.started_on <= %(end)s
    ORDER BY p.company_id, p.started_on DESC
),
cohort AS (
    SELECT company_id, first_start, ended_on, outflow_status,
           ended_on IS NULL OR ended_on > %(end)s AS ongoing,
           CASE WHEN ended_on IS NULL OR ended_on > %(end)s THEN %(end)s
                ELSE LEAST(%(end)s, (ended_on + INTERVAL '2 years')::date) END AS window_end
    FROM latest
    WHERE ended_on IS NULL OR ended_on >= %(start)s
),
based AS (
    SELECT c.*,
           COALESCE(fig_before.observed_on, fig_after.observed_on) AS baseline_on,
           COALESCE(fig_before.employees, fig_after.employees) AS baseline
    FROM cohort c
    LEFT JOIN LATERAL (
        SELECT o.observed_on, o.employees
        FROM metrics_observation o
        WHERE o.company_id = c.company_id AND o.programme_id = %(programme)s AND o.observed_on <= c.first_start
        ORDER BY o.observed_on DESC, {RANK} DESC
        LIMIT 1
    ) fig_before ON TRUE
    LEFT JOIN LATERAL (
        SELECT o.observed_on, o.employees
        FROM metrics_observation o
        WHERE fig_before.observed_on IS NULL
          AND o.company_id = c.company_id AND o.programme_id = %(programme)s
          AND o.observed_on > c.first_start
          AND o.observed_on <= LEAST(c.first_start + 90, %(end)s)
        ORDER BY o.observed_on, {RANK} DESC
        LIMIT 1
    ) fig_after ON TRUE
),
changes AS (
    SELECT CASE WHEN NOT b.ongoing AND b.outflow_status <> 'entrepreneur' AND b.window_end > b.ended_on THEN 0
                WHEN fig_current.observed_on >= b.baseline_on THEN fig_current.employees
                ELSE b.baseline END - b.baseline AS change
    FROM based b
    LEFT JOIN LATERAL (
        SELECT o.observed_on, o.employees
        FROM metrics_observation o
        WHERE b.baseline_on IS NOT NULL AND o.company_id = b.company_id AND o.programme_id = %(programme)s
          AND o.observed_on <= b.window_end
        ORDER BY o.observed_on DESC, {RANK} DESC
        LIMIT 1
    ) fig_current ON TRUE
)"""  # noqa: S608 (constants only; values go in as parameters)

POSTGRESQL_JOBS_TOTALS = """
SELECT COALESCE(SUM(GREATEST(change, 0)), 0) AS gross,
       COALESCE(SUM(change), 0) AS net,
       COUNT(change) AS companies_counted,
       COUNT(*) - COUNT(change) AS companies_missing_baseline
FROM changes"""

# 29 February plus two years is 28 February; SQLite's date() would roll over to 1 March.
_SQLITE_TWO_YEARS_AFTER_END = (
    "CASE WHEN substr(ended_on, 6) = '02-29' THEN date(ended_on, '-1 day', '+2 years') "
    "ELSE date(ended_on, '+2 years') END"
)

SQLITE_JOBS_CTES = f"""
stays AS (
    SELECT p.company_id, p.ended_on, p.outflow_status,
           MIN(p.started_on) OVER (PARTITION BY p.company_id) AS first_start,
           ROW_NUMBER() OVER (PARTITION BY p.company_id ORDER BY p.started_on DESC) AS recency
    FROM participation_participation p
    WHERE p.programme_id = %(programme)s AND p.started_on <= %(end)s
),
cohort AS (
    SELECT company_id, first_start, ended_on, outflow_status,
           (ended_on IS NULL OR ended_on > %(end)s) AS ongoing,
           CASE WHEN ended_on IS NULL OR ended_on > %(end)s THEN %(end)s
                ELSE MIN(%(end)s, {_SQLITE_TWO_YEARS_AFTER_END}) END AS window_end
    FROM stays
    WHERE recency = 1 AND (ended_on IS NULL OR ended_on >= %(start)s)
),
based AS (
    SELECT c.*, base.observed_on AS baseline_on, base.employees AS baseline
    FROM cohort c
    LEFT JOIN metrics_observation base ON base.id = COALESCE(
        (
            SELECT o.id
            FROM metrics_observation o
            WHERE o.company_id = c.company_id AND o.programme_id = %(programme)s AND o.observed_on <= c.first_start
            ORDER BY o.observed_on DESC, {RANK} DESC
            LIMIT 1
        ),
        (
            SELECT o.id
            FROM metrics_observation o
            WHERE o.company_id = c.company_id AND o.programme_id = %(programme)s
              AND o.observed_on > c.first_start
              AND o.observed_on <= MIN(date(c.first_start, '+90 days'), %(end)s)
            ORDER BY o.observed_on, {RANK} DESC
            LIMIT 1
        )
    )
),
changes AS (
    SELECT CASE WHEN NOT b.ongoing AND b.outflow_status <> 'entrepreneur' AND b.window_end > b.ended_on THEN 0
                WHEN fig_current.observed_on >= b.baseline_on THEN fig_current.employees
                ELSE b.baseline END - b.baseline AS change
    FROM based b
    LEFT JOIN metrics_observation fig_current ON fig_current.id = (
        SELECT o.id
        FROM metrics_observation o
        WHERE b.baseline_on IS NOT NULL AND o.company_id = b.company_id AND o.programme_id = %(programme)s
          AND o.observed_on <= b.window_end
        ORDER BY o.observed_on DESC, {RANK} DESC
        LIMIT 1
    )
)"""  # noqa: S608 (constants only; values go in as parameters)

SQLITE_JOBS_TOTALS = POSTGRESQL_JOBS_TOTALS.replace("GREATEST(change, 0)", "MAX(change, 0)")

# The seven counts of records beside jobs created; `jobs` is the one-row totals of the jobs statement.
_INDICATORS_SELECT = """
held AS (
    SELECT e.id
    FROM events_event e
    WHERE e.programme_id = %(programme)s
      AND e.starts_at >= %(first_moment)s AND e.starts_at < %(after_moment)s AND e.starts_at <= %(now)s
)
SELECT
    (SELECT COUNT(*) FROM held) AS events,
    (
        SELECT COUNT(DISTINCT a.person_id)
        FROM events_attendance a JOIN held h ON h.id = a.event_id
        WHERE a.checked_in
    ) AS people_reached,
    (
        SELECT COUNT(DISTINCT p.company_id)
        FROM participation_participation p
        WHERE p.programme_id = %(programme)s AND p.started_on <= %(end)s
          AND (p.ended_on IS NULL OR p.ended_on >= %(start)s)
    ) AS participants,
    (
        SELECT COUNT(DISTINCT g.partner_id)
        FROM partners_agreement g
        WHERE g.programme_id = %(programme)s AND g.started_on <= %(end)s
          AND (g.ended_on IS NULL OR g.ended_on >= %(start)s)
    ) AS partners,
    (
        SELECT COUNT(*)
        FROM programmes_location l
        WHERE l.programme_id = %(programme)s AND l.kind = 'physical' AND l.status <> 'exploring'
          AND l.opened_on <= %(end)s AND (l.closed_on IS NULL OR l.closed_on > %(end)s)
    ) AS physical_locations,
    (
        SELECT COUNT(*)
        FROM programmes_location l
        WHERE l.programme_id = %(programme)s AND l.kind = 'representation' AND l.status <> 'exploring'
          AND l.opened_on <= %(end)s AND (l.closed_on IS NULL OR l.closed_on > %(end)s)
    ) AS other_locations,
    (
        SELECT COUNT(DISTINCT m.person_id)
        FROM mentoring_mentor m
        WHERE m.programme_id = %(programme)s AND (
          EXISTS (
            SELECT 1 FROM mentoring_mentormatch x
            WHERE x.mentor_id = m.id AND x.status = 'accepted' AND x.started_on <= %(end)s
              AND (x.ended_on IS NULL OR x.ended_on >= %(start)s)
          ) OR EXISTS (
            SELECT 1 FROM mentoring_mentoringsession s JOIN mentoring_mentormatch x ON x.id = s.match_id
            WHERE x.mentor_id = m.id AND s.held_on BETWEEN %(start)s AND %(end)s
          )
        )
    ) AS mentors,
    jobs.gross AS jobs_created,
    jobs.net AS jobs_net
FROM jobs"""

# The targets of the shortest plan period covering the whole period; counts that pile up get the target
# pro-rated to the period's length, rounded half up: floor((2 * target * days + plan_days) / (2 * plan_days)).
_TARGETS = """
SELECT t.indicator,
       CASE WHEN t.indicator IN ('events', 'people_reached', 'participants', 'jobs_created')
            THEN (2 * t.value * ({days}) + ({plan_days})) / (2 * ({plan_days}))
            ELSE t.value END AS target
FROM programmes_target t
JOIN (
    SELECT pp.id, pp.starts_on, pp.ends_on
    FROM programmes_planperiod pp
    WHERE pp.programme_id = %(programme)s AND pp.starts_on <= %(start)s AND pp.ends_on >= %(end)s
    ORDER BY pp.starts_on DESC, pp.ends_on, pp.id
    LIMIT 1
) plan ON plan.id = t.plan_period_id"""

STATEMENTS: dict[str, dict[str, str]] = {
    "postgresql": {
        "inflow_outflow": POSTGRESQL_INFLOW_OUTFLOW,
        "jobs_created": f"WITH {POSTGRESQL_JOBS_CTES}{POSTGRESQL_JOBS_TOTALS}",
        "indicators": f"WITH {POSTGRESQL_JOBS_CTES},\njobs AS ({POSTGRESQL_JOBS_TOTALS}\n),{_INDICATORS_SELECT}",
        "targets": _TARGETS.format(days="%(end)s - %(start)s + 1", plan_days="plan.ends_on - plan.starts_on + 1"),
    },
    "sqlite": {
        "inflow_outflow": SQLITE_INFLOW_OUTFLOW,
        "jobs_created": f"WITH {SQLITE_JOBS_CTES}{SQLITE_JOBS_TOTALS}",
        "indicators": f"WITH {SQLITE_JOBS_CTES},\njobs AS ({SQLITE_JOBS_TOTALS}\n),{_INDICATORS_SELECT}",
        "targets": _TARGETS.format(
            days="CAST(julianday(%(end)s) - julianday(%(start)s) AS INTEGER) + 1",
            plan_days="CAST(julianday(plan.ends_on) - julianday(plan.starts_on) AS INTEGER) + 1",
        ),
    },
}


def supported() -> bool:
    """Whether this database has hand-written SQL here."""
    return connection.vendor in STATEMENTS


def _run(name: str, **params: Any) -> list[tuple[Any, ...]]:
    """Run statement `name` for this database; dates and datetimes go in as the database stores them."""
    adapted = {}
    for key, value in params.items():
        if isinstance(value, datetime):
            value = connection.ops.adapt_datetimefield_value(value)
        elif isinstance(value, date):
            value = connection.ops.adapt_datefield_value(value)
        adapted[key] = value
    with connection.cursor() as cursor:
        cursor.execute(STATEMENTS[connection.vendor][name], adapted)
        return cursor.fetchall()


def inflow_outflow(*, programme: Programme, on: date) -> dict[str, Any]:
    """The in/outflow table on `on`, in the pinned JSON shape."""
    [row] = _run("inflow_outflow", programme=programme.pk, on=on)
    numbers = iter(row)
    table = {name: {column: int(next(numbers)) for column in COLUMNS} for name in ROWS}
    return {
        "programme": programme.slug,
        "on": on.isoformat(),
        "inflow": table["inflow"],
        "current": table["current"],
        "outflow": table["outflow"],
        "outflow_by_status": {status: table[status] for status in STATUSES},
        "missing_figures": int(next(numbers)),
    }


def jobs_created(*, programme: Programme, start: date, end: date) -> dict[str, Any]:
    """Jobs created in [start, end], in the pinned JSON shape."""
    [(gross, net, counted, missing)] = _run("jobs_created", programme=programme.pk, start=start, end=end)
    return {
        "programme": programme.slug,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "gross": int(gross),
        "net": int(net),
        "companies_counted": int(counted),
        "companies_missing_baseline": int(missing),
    }


def indicators(*, programme: Programme, start: date, end: date) -> list[dict[str, Any]]:
    """The eight indicators for [start, end]: key, value, target and (jobs created only) net, in the
    funder's order."""
    # Events count on their starting day in the programme's time zone, and only once they have begun.
    zone = timezone.get_default_timezone()
    [row] = _run(
        "indicators",
        programme=programme.pk,
        start=start,
        end=end,
        first_moment=datetime.combine(start, time.min, tzinfo=zone),
        after_moment=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
        now=timezone.now(),
    )
    *counts, jobs_net = row
    targets = dict(_run("targets", programme=programme.pk, start=start, end=end))
    return [
        {
            "key": key,
            "value": int(value),
            "target": None if targets.get(key) is None else int(targets[key]),
            "net": int(jobs_net) if key == "jobs_created" else None,
        }
        for key, value in zip(INDICATORS, counts, strict=True)
    ]
