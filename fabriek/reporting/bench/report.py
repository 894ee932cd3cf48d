"""The tables of one `make bench` run, as the Markdown section it prints and writes into docs/figures.md."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fabriek.reporting.bench import processes, scales, timing
from fabriek.reporting.bench.figures import ms, table

#: The aim of issue 8 for importing 2,000,000 observation rows: a peak under this many MB.
IMPORT_PEAK_MB = 1024
#: Issue 8: a read-only command on a small programme answers within this many seconds of wall time.
COMMAND_SECONDS = 1.0
#: The aim of issue 8 for every page at national scale: p95 within this factor of the demo's p95 ...
PAGE_RATIO = 2.0
#: ... and under this many milliseconds.
PAGE_P95_MS = 150.0


def machine() -> str:
    """The CPU model, cores and memory of this machine."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * size / 2**30:.0f} GB memory"
    except (ValueError, OSError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def _loads(values: Sequence[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def meets_aim(demo_p95: float | None, national_p95: float | None) -> bool | None:
    """Whether a page at national scale meets issue 8's aim: p95 within PAGE_RATIO of the demo's and
    under PAGE_P95_MS. None when either was not measured."""
    if demo_p95 is None or national_p95 is None:
        return None
    return national_p95 <= PAGE_RATIO * demo_p95 and national_p95 < PAGE_P95_MS


def _yes(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "**no**")


def imports_table(runs: Sequence[processes.ImportRun]) -> list[str]:
    rows = []
    for run in runs:
        count = _rows(run.summary)
        rows.append(
            (
                f"{run.slug} {run.kind}",
                f"{count:,}" if count is not None else None,
                f"{run.bytes / 2**20:,.1f}",
                f"{run.seconds:,.1f}",
                f"{count / run.seconds:,.0f}" if count and run.seconds else None,
                f"{run.peak_mb:,.0f}",
            )
        )
    return table(("file (import_records)", "rows", "MB", "seconds", "rows/s", "peak memory MB"), rows)


def _rows(summary: str) -> int | None:
    """The row count from import_records' summary line ("file.csv: 1200 rows; ...")."""
    try:
        return int(summary.split(": ", 1)[1].split()[0])
    except (IndexError, ValueError):
        return None


def commands_table(runs: Sequence[processes.CommandRun]) -> list[str]:
    rows = [[f"`{' '.join(run.args)}`", f"{run.seconds:.2f}", _yes(run.seconds < COMMAND_SECONDS)] for run in runs]
    return table(["command", "seconds", "aim"], rows)


def reports_table(timings: Sequence[timing.Timing]) -> list[str]:
    rows = [
        (
            t.name,
            f"{t.orm_ms:,.1f}",
            None if t.sql_ms is None else f"{t.sql_ms:,.1f}",
            None if t.ratio is None else f"{t.ratio:.2f}",
            {None: None, True: "yes", False: "**NO**"}[t.same],
        )
        for t in timings
    ]
    return table(("report", "ORM ms", "SQL ms", "ORM/SQL", "same numbers"), rows)


def pages_table(demo: scales.ScaleResult, national: scales.ScaleResult) -> list[str]:
    rows = []
    by_name = {result.name: result for result in demo.pages}
    for page in national.pages:
        small = by_name.get(page.name)
        ratio = None
        if small and small.p95 and page.p95 is not None:
            ratio = f"{page.p95 / small.p95:.2f}"
        rows.append(
            (
                page.name,
                ms(small.p50) if small else None,
                ms(small.p95) if small else None,
                f"{small.per_second:.1f}" if small else None,
                ms(page.first_ms),
                ms(page.p50),
                ms(page.p95),
                f"{page.per_second:.1f}",
                ratio,
                _yes(meets_aim(small.p95 if small else None, page.p95)),
                len(page.errors) + (len(small.errors) if small else 0),
            )
        )
    return table(
        (
            "page",
            "demo p50",
            "demo p95",
            "demo req/s",
            "national first",
            "national p50",
            "national p95",
            "national req/s",
            "p95 national/demo",
            f"aim (≤{PAGE_RATIO:g}x, <{PAGE_P95_MS:.0f} ms)",
            "errors",
        ),
        rows,
    )


def pages_verdict(demo: scales.ScaleResult, national: scales.ScaleResult) -> str:
    """One line: whether every page measured at both scales meets the aim (none measured: no)."""
    demo_p95 = {result.name: result.p95 for result in demo.pages}
    verdicts = [meets_aim(demo_p95.get(page.name), page.p95) for page in national.pages]
    met = bool(verdicts) and all(verdicts)
    verdict = "yes" if met else "**no**"
    return f"Every page within {PAGE_RATIO:g}x of its demo p95 and under {PAGE_P95_MS:.0f} ms: {verdict}."


def load_table(result: scales.ScaleResult) -> list[str]:
    load = result.load
    assert load is not None
    rows = []
    for name, timed in load.per_page.items():
        rows.append(
            (name, f"{len(timed.ms) + len(timed.errors):,}", len(timed.errors), ms(timed.p(50)), ms(timed.p(95)))
        )
    overall = load.overall
    rows.append(("**all**", f"{load.total:,}", len(load.errors), ms(overall.p(50)), ms(overall.p(95))))
    return table(("page", "requests", "errors", "p50 ms", "p95 ms"), rows)


def section(
    *,
    when: datetime,
    machine: str,
    database: str,
    load: Sequence[float],
    programme: str,
    imports: Sequence[processes.ImportRun],
    import_memory: dict[str, Any] | None = None,
    commands: Sequence[processes.CommandRun] = (),
    timings: Sequence[timing.Timing],
    scales: Sequence[scales.ScaleResult],
    options: dict[str, Any],
) -> list[str]:
    """The whole section as Markdown lines."""
    loads = _loads(load)
    lines = [
        f"### Latest run ({when:%Y-%m-%d %H:%M} UTC)",
        "",
        f"Machine: {machine}; {database}. Load average (1, 5, 15 min) at the end of the run: {loads}.",
        f"Timed programme: {programme}.",
        "",
    ]
    if imports:
        lines += ["**Imports** (each file a `manage.py import_records` process of its own; peak = its `ru_maxrss`):"]
        lines += ["", *imports_table(imports), ""]
    if import_memory:
        peak = import_memory["peak_rss_mb"]
        lines += [
            f"**Import memory**: one file of {import_memory['rows']:,} observation rows "
            f"({import_memory['bytes'] / 2**20:,.0f} MB of CSV, {import_memory['companies']:,} companies) "
            f"imported with `import_records` in {import_memory['seconds']:,.0f} s "
            f"({import_memory['rows'] / import_memory['seconds']:,.0f} rows/s), peak memory **{peak:,} MB** "
            f"(aim of issue 8: under {IMPORT_PEAK_MB:,} MB: {'yes' if peak < IMPORT_PEAK_MB else '**no**'}).",
            "",
        ]
    if commands:
        lines += [
            "**Commands** on the OFD demo (wall time of a fresh `manage.py` process, start-up included; median of "
            f"{processes.COMMAND_RUNS}; aim of issue 8: under {COMMAND_SECONDS:.0f} s):",
            "",
            *commands_table(commands),
            "",
        ]
    if timings:
        lines += [f"**Reports**, ORM against hand-written SQL (median of {options['repeat']} after one warm-up):"]
        lines += ["", *reports_table(timings), ""]
    if len(scales) == 2:
        demo, national = scales
        lines += [
            f"**Pages** (gunicorn, {processes.WORKERS} workers, DEBUG off; {options['clients']} concurrent clients "
            f"on 127.0.0.1; {options['requests']} timed requests per page after {options['warmup']} warm-up "
            "requests; milliseconds): demo = the OFD demo (`load_demo`) in a database of its own, national = "
            "the timed programme. *national first* is the first request of that page the server had. "
            f"Load average when the pages were measured: demo {_loads(demo.load_average)}, "
            f"national {_loads(national.load_average)}.",
            "",
            *pages_table(demo, national),
            "",
        ]
        lines += [pages_verdict(demo, national), ""]
        if national.load is not None:
            load_result = national.load
            lines += [
                f"**Load test** on the national data: {load_result.clients} clients for {load_result.seconds:.0f} s "
                f"over a weighted mix of pages: {load_result.total:,} requests "
                f"({load_result.total / load_result.seconds:.1f}/s), {len(load_result.errors)} errors "
                f"(load average at its start: {_loads(national.load_test_average or ())}).",
                "",
                *load_table(national),
                "",
            ]
            lines += [f"- error: {error}" for error in load_result.errors[:10]]
    return lines
