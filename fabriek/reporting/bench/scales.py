"""The pages of the benchmark for one programme on one server, and the load test's mix of pages.

The company lists behind a report cell are found the way a person finds them: as the first cell link on
the report page (on the jobs page of the default period; when that period has no jobs, on the last plan
period of the generated data). Company pages come from the links of the companies list.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from fabriek.reporting.bench import pages, processes
from fabriek.reporting.bench.pages import LoadResult, PageResult

#: The pages compared at both scales, in the order they are measured (the control first).
PAGE_NAMES = (
    "companies, page 1",
    "dashboard",
    "in/outflow (default date)",
    "in/outflow cell's companies",
    "jobs created",
    "jobs cell's companies",
)
#: The load test's mix: page -> weight (how often it is asked for, relatively).
MIX_WEIGHTS = {
    "dashboard": 20,
    "in/outflow (default date)": 15,
    "jobs created": 10,
    "in/outflow cell's companies": 8,
    "jobs cell's companies": 7,
    "companies, page 1": 15,
    "a company's page": 15,
    "events": 10,
}
#: The period asked for when the default period of the jobs page has no jobs (the generated data ends in 2024).
JOBS_FALLBACK = "?from=2021-01-01&to=2023-12-31"


@dataclass(frozen=True)
class ScaleResult:
    label: str
    pages: list[PageResult]
    load: LoadResult | None
    #: os.getloadavg() when the pages were measured and when the load test began (None without one).
    load_average: tuple[float, float, float]
    load_test_average: tuple[float, float, float] | None = None


def find_pages(client: pages.Client, slug: str) -> tuple[dict[str, pages.Page], dict[str, float]]:
    """Every page of the benchmark and the load test for programme `slug`, as `client` finds them, and the
    milliseconds of the first request of each page this fetched (the first request the server had for it)."""
    base = f"/p/{slug}"
    first: dict[str, float] = {}

    def fetch(path: str) -> bytes:
        began = time.perf_counter()
        status, content = client.get(path)
        first.setdefault(path, (time.perf_counter() - began) * 1000)
        if status != 200:
            raise pages.RequestFailed(f"GET {path}: HTTP {status}")
        return content

    # In the order a person would open them: the list, the dashboard, then the reports.
    listing = fetch(f"{base}/companies/").decode()
    fetch(f"{base}/")

    inflow = f"{base}/reports/inflow-outflow/"
    jobs = f"{base}/reports/jobs-created/"
    try:
        jobs_cell = pages.first_link(fetch(jobs), "/reports/jobs-created/companies/")
    except pages.RequestFailed:
        jobs_cell = pages.first_link(fetch(jobs + JOBS_FALLBACK), "/reports/jobs-created/companies/")
    companies = sorted(set(re.findall(rf'href="({re.escape(base)}/companies/\d+/)"', listing)))[:20]
    if not companies:
        raise pages.RequestFailed(f"no company links on {base}/companies/")
    found = {
        "companies, page 1": (f"{base}/companies/",),
        "dashboard": (f"{base}/",),
        "in/outflow (default date)": (inflow,),
        "in/outflow cell's companies": (pages.first_link(fetch(inflow), "/reports/inflow-outflow/companies/"),),
        "jobs created": (jobs,),
        "jobs cell's companies": (jobs_cell,),
        "a company's page": tuple(companies),
        "events": (f"{base}/events/",),
    }
    return (
        {name: pages.Page(name, paths) for name, paths in found.items()},
        {name: first[paths[0]] for name, paths in found.items() if paths[0] in first},
    )


def run_scale(
    label: str,
    *,
    database_url: str,
    slug: str,
    username: str,
    password: str,
    clients: int,
    requests: int,
    warmup: int,
    load_clients: int = 0,
    load_seconds: float = 0,
    log: Callable[[str], object] = print,
) -> ScaleResult:
    """Serve `database_url` with gunicorn, measure every page of PAGE_NAMES for programme `slug` at
    `clients` concurrent clients, then (with `load_seconds`) run the load test at `load_clients`."""
    with processes.gunicorn(database_url) as url:
        log(f"  {label}: gunicorn ({processes.WORKERS} workers) on {url}")
        logged_in = []
        for _ in range(max(clients, load_clients)):
            client = pages.Client(url)
            client.login(username, password)
            logged_in.append(client)
        found, first = find_pages(logged_in[0], slug)
        load_average = os.getloadavg()
        results = []
        for name in PAGE_NAMES:
            result = pages.measure(
                logged_in[:clients], found[name], requests=requests, warmup=warmup, first_ms=first.get(name)
            )
            results.append(result)
            log(
                f"    {name:<30} first {figures_ms(result.first_ms)} ms, p50 {figures_ms(result.p50)} ms, "
                f"p95 {figures_ms(result.p95)} ms, {result.per_second:.1f}/s, {len(result.errors)} errors "
                f"({found[name].paths[0]})"
            )
        load, load_test_average = None, None
        if load_seconds > 0:
            load_test_average = os.getloadavg()
            mix = [(found[name], weight) for name, weight in MIX_WEIGHTS.items()]
            log(f"  {label}: load test, {load_clients} clients for {load_seconds:g} s ...")
            load = pages.load_test(logged_in[:load_clients], mix, seconds=load_seconds)
    return ScaleResult(label, results, load, load_average, load_test_average)


def figures_ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"
