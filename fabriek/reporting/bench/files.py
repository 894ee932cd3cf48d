"""The generated companies, stays and figures as the import files a programme would upload.

`generate.generate(..., via=ViaImports(folder, run))` writes them here, one file per programme and kind, in
the pinned import formats (`fabriek.imports.columns`, English headers, ISO dates, amounts in euros), and
hands each to `run(programme slug, kind, path)`: `manage.py import_records` in a process of its own in
`make bench`, the command in-process in the tests. Files are written row by row, never held in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

#: The header of each kind of file (the English column names of `fabriek.imports.columns.COLUMNS`).
HEADERS: dict[str, tuple[str, ...]] = {
    "companies": ("kvk_number", "name", "founded_on", "postcode", "municipality", "sbi_code"),
    "participations": ("kvk_number", "location", "package", "started_on", "ended_on", "outflow_status"),
    "observations": ("kvk_number", "observed_on", "employees", "interns", "fte", "revenue_eur", "source"),
}
#: The order in which the kinds are imported: the other two refer to companies by KvK number.
KINDS = ("companies", "participations", "observations")


def euros(cents: int | None) -> str:
    """An amount in cents as the import reads euros: 1234567 -> "12345.67", None -> ""."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


@dataclass
class ViaImports:
    """Where the import files go and what imports one: `run(programme slug, kind, path)`."""

    folder: Path
    run: Callable[[str, str, Path], Any]
    #: The files written, in the order they were imported: (programme slug, kind, path, data rows).
    written: list[tuple[str, str, Path, int]] = field(default_factory=list)

    def path(self, slug: str, kind: str) -> Path:
        return self.folder / f"{slug}-{kind}.csv"

    def write(self, kind: str, rows: Iterable[tuple[str, tuple[Any, ...]]], slugs: Iterable[str]) -> dict[str, int]:
        """Write `rows` ((programme slug, cells) in any order) into one file of `kind` per programme in
        `slugs`, every file with its header even when empty; returns the data rows per programme."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handles: dict[str, IO[str]] = {}
        writers: dict[str, Any] = {}
        counts: dict[str, int] = {}
        try:
            for slug in slugs:
                handles[slug] = self.path(slug, kind).open("w", encoding="utf-8", newline="")
                writers[slug] = csv.writer(handles[slug])
                writers[slug].writerow(HEADERS[kind])
                counts[slug] = 0
            for slug, cells in rows:
                writers[slug].writerow(cells)
                counts[slug] += 1
        finally:
            for handle in handles.values():
                handle.close()
        return counts

    def import_all(self, kind: str, counts: dict[str, int]) -> int:
        """Import the files of `kind` just written, programme by programme; returns the rows imported."""
        for slug, rows in counts.items():
            path = self.path(slug, kind)
            self.run(slug, kind, path)
            self.written.append((slug, kind, path, rows))
        return sum(counts.values())
