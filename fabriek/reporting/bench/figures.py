"""The result tables of `make bench` as Markdown, and their section of `docs/figures.md`.

The section lies between two marker comments; writing it replaces what is between them and nothing else,
so the hand-written text around it stays. Without the markers the section is added at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: The markers of a section; `name` tells the sections apart ("make bench", "make bench: import memory").
START = "<!-- {name}: start (generated, do not edit by hand) -->"
END = "<!-- {name}: end -->"
NAME = "make bench"


def replace_section(document: str, section: str, *, name: str = NAME) -> str:
    """`document` with the text between the markers of `name` replaced by `section` (markers kept)."""
    start, end_marker = START.format(name=name), END.format(name=name)
    body = f"{start}\n{section.strip()}\n{end_marker}"
    begin = document.find(start)
    end = document.find(end_marker, begin + len(start)) if begin >= 0 else -1
    if begin < 0 or end < 0:
        return document.rstrip("\n") + "\n\n" + body + "\n"
    return document[:begin] + body + document[end + len(end_marker) :]


def write_section(path: Path, section: str, *, name: str = NAME) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(text, section, name=name), encoding="utf-8")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table; None shows as "-"."""

    def cell(value: object) -> str:
        return "-" if value is None else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def ms(value: float | None) -> str | None:
    return None if value is None else f"{value:,.0f}"
