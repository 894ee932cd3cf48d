"""A timing check of the import, not a test: how long 100,000 observation rows take on this database, and
how much memory importing 2,000,000 rows takes at its peak (`--memory`, run by `make bench`).

`python manage.py bench_import [--rows N] [--companies N] [--xlsx]` makes a throwaway programme, imports
the companies, then times the observations file three ways: the check alone (the upload page's preview),
the import itself, and the same file again (nothing changes). It removes what it made afterwards. Run it
against a scratch database (DATABASE_URL), not one that matters.
"""

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction

from fabriek.companies.models import Company
from fabriek.imports.services import import_file
from fabriek.metrics.models import Observation
from fabriek.programmes.models import Programme

SLUG = "bench-imports"


def _companies_csv(companies: int) -> bytes:
    lines = ["kvk_number,name,founded_on"]
    lines += [f"{90000000 + n:08d},Bench BV {n},2015-01-01" for n in range(companies)]
    return ("\n".join(lines) + "\n").encode()


def _observation_rows(rows: int, companies: int) -> list[list[Any]]:
    per_company = -(-rows // companies)
    start = date(2015, 1, 1)
    out: list[list[Any]] = []
    for n in range(rows):
        company, index = divmod(n, per_company)
        out.append(
            [
                f"{90000000 + company:08d}",
                start + timedelta(days=7 * index),
                n % 17,
                n % 3,
                f"{n % 900 / 100:.2f}",
                n * 3,
            ]
        )
    return out


def _observations_csv(rows: list[list[Any]]) -> bytes:
    lines = ["kvk_nummer;datum;medewerkers;stagiairs;fte;omzet_eur"]
    for kvk, day, employees, interns, fte, revenue in rows:
        lines.append(f"{kvk};{day:%d-%m-%Y};{employees};{interns};{fte.replace('.', ',')};{revenue}")
    return ("\n".join(lines) + "\n").encode("cp1252")


def _observations_xlsx(rows: list[list[Any]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("observations")
    sheet.append(["kvk_number", "observed_on", "employees", "interns", "fte", "revenue_eur"])
    for kvk, day, employees, interns, fte, revenue in rows:
        sheet.append([kvk, day, employees, interns, float(fte), revenue])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _timed(label: str, timings: dict[str, float], **kwargs: Any) -> Any:
    began = time.perf_counter()
    result = import_file(**kwargs)
    timings[label] = round(time.perf_counter() - began, 2)
    if result.errors:
        raise RuntimeError(f"{label}: {result.errors[:3]}")
    return result


def run_benchmark(*, rows: int = 100_000, companies: int = 2_000, xlsx: bool = False) -> dict[str, Any]:
    """Time the import of `rows` observations for `companies` companies; returns seconds per step."""
    if Programme.objects.filter(slug=SLUG).exists():
        raise RuntimeError(f"programme {SLUG!r} exists: a previous run did not clean up")
    programme = Programme.objects.create(slug=SLUG, name="Import benchmark")
    data = _observation_rows(rows, companies)
    content = _observations_xlsx(data) if xlsx else _observations_csv(data)
    filename = "observations.xlsx" if xlsx else "observations.csv"
    timings: dict[str, float] = {}
    try:
        common = {"programme": programme, "actor": None}
        _timed(
            "companies_import",
            timings,
            kind="companies",
            filename="c.csv",
            content=_companies_csv(companies),
            dry_run=False,
            **common,
        )
        kwargs = {"kind": "observations", "filename": filename, "content": content, **common}
        checked = _timed("observations_check", timings, dry_run=True, **kwargs)
        imported = _timed("observations_import", timings, dry_run=False, **kwargs)
        again = _timed("observations_reimport", timings, dry_run=False, **kwargs)
        assert (checked.created, imported.created, again.unchanged) == (rows, rows, rows)
    finally:
        with transaction.atomic():
            company_ids = Company.objects.filter(programmes=programme).values_list("id", flat=True)
            Observation.objects.filter(company__in=company_ids).delete()
            Company.objects.filter(id__in=list(company_ids)).delete()
            programme.delete()
    return {"rows": rows, "companies": companies, "form": "xlsx" if xlsx else "csv", "bytes": len(content), **timings}


def _write_observations_csv(path: Path, rows: int, companies: int) -> None:
    """The same rows as `_observation_rows`, written line by line (2,000,000 rows as lists would take more
    memory than the import being measured)."""
    per_company = -(-rows // companies)
    start = date(2015, 1, 1)
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("kvk_nummer;datum;medewerkers;stagiairs;fte;omzet_eur\n")
        for n in range(rows):
            company, index = divmod(n, per_company)
            day = start + timedelta(days=7 * index)
            fte = f"{n % 900 / 100:.2f}".replace(".", ",")
            out.write(f"{90000000 + company:08d};{day:%d-%m-%Y};{n % 17};{n % 3};{fte};{n * 3}\n")


def measure_import_memory(*, rows: int = 2_000_000, companies: int = 20_000) -> dict[str, Any]:
    """The peak memory (resident set) of `manage.py import_records` importing `rows` observations: the
    command runs in a process of its own, so the figure is the import's and nothing else's (Python and
    Django themselves included). Removes what it made afterwards."""
    if Programme.objects.filter(slug=SLUG).exists():
        raise RuntimeError(f"programme {SLUG!r} exists: a previous run did not clean up")
    programme = Programme.objects.create(slug=SLUG, name="Import benchmark")
    try:
        result = import_file(
            programme=programme,
            kind="companies",
            filename="c.csv",
            content=_companies_csv(companies),
            actor=None,
            dry_run=False,
        )
        if result.errors:
            raise RuntimeError(f"companies: {result.errors[:3]}")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "observations.csv"
            _write_observations_csv(path, rows, companies)
            size = path.stat().st_size
            manage = Path(__file__).resolve().parents[2] / "manage.py"
            began = time.perf_counter()
            subprocess.run(
                [sys.executable, str(manage), "import_records", "--programme", SLUG, "observations", str(path)],
                check=True,
                env=os.environ.copy(),
                stdout=subprocess.DEVNULL,
            )
            seconds = round(time.perf_counter() - began, 1)
        # ru_maxrss of the children is the largest peak of any child: here the only one (kilobytes on Linux).
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        imported = Observation.objects.filter(programme=programme).count()
        if imported != rows:
            raise RuntimeError(f"imported {imported} observations, expected {rows}")
    finally:
        with transaction.atomic():
            # In chunks: deleting an observation clears the survey answers that point at it, and one
            # statement over 2,000,000 ids exceeds SQLite's limit on parameters.
            ids = list(Observation.objects.filter(programme=programme).values_list("id", flat=True))
            for start in range(0, len(ids), 10_000):
                Observation.objects.filter(id__in=ids[start : start + 10_000]).delete()
            company_ids = list(Company.objects.filter(programmes=programme).values_list("id", flat=True))
            Company.objects.filter(id__in=company_ids).delete()
            programme.delete()
    return {
        "rows": rows,
        "companies": companies,
        "bytes": size,
        "seconds": seconds,
        "rows_per_second": round(rows / seconds) if seconds else None,
        "peak_rss_mb": peak_kb // 1024,
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
