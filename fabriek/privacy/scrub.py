"""Replacing a person's name, e-mail address and phone number by a placeholder wherever text is stored.

`Scrubber` knows what to look for (the needles) and replaces whole words only, ignoring case, so that
"Jan" does not turn "Jansen" into "[erased]sen". It works on strings, on JSON values (keys too) and on
uploaded spreadsheet files (CSV in the encoding it came in, XLSX cell by cell).
"""

import codecs
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

#: What stands where the person's data stood: fixed, the same in every language and every table.
PLACEHOLDER = "[erased]"
XLSX_MAGIC = b"PK\x03\x04"


class Scrubber:
    def __init__(self, needles: Iterable[str]) -> None:
        # the longest first, so "Jan Jansen" is replaced whole before "Jan" is looked at
        self.needles = sorted({n.strip() for n in needles if n and n.strip()}, key=len, reverse=True)
        pattern = "|".join(re.escape(n) for n in self.needles)
        self._regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE) if self.needles else None

    def found_in(self, text: str) -> bool:
        return bool(self._regex and self._regex.search(text))

    def text(self, value: str) -> str:
        return self._regex.sub(PLACEHOLDER, value) if self._regex else value

    def json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k) if isinstance(k, str) else k: self.json(v) for k, v in value.items()}
        return value

    def file(self, content: bytes) -> bytes:
        """The file with every occurrence replaced; the same bytes when there is none."""
        if content.startswith(XLSX_MAGIC):
            return self._xlsx(content)
        bom = content.startswith(codecs.BOM_UTF8)
        for encoding in ("utf-8", "cp1252"):
            try:
                text = content[3 if bom else 0 :].decode(encoding)
            except UnicodeDecodeError:
                continue
            if not self.found_in(text):
                return content
            return (codecs.BOM_UTF8 if bom else b"") + self.text(text).encode(encoding, errors="replace")
        return content

    def _xlsx(self, content: bytes) -> bytes:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content))
        except Exception:  # not a workbook we can open: the importer refuses it too; keep nothing of it
            return b""
        changed = False
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and self.found_in(cell.value):
                        cell.value = self.text(cell.value)
                        changed = True
        if not changed:
            return content
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


TEXT_FIELDS = (models.CharField, models.TextField)


def _json_needles(needles: list[str]) -> list[str]:
    # SQLite keeps JSON with non-ASCII characters escaped (\u00eb); PostgreSQL's jsonb as text does not
    return sorted({n for needle in needles for n in (needle, json.dumps(needle)[1:-1])})


def scrub_tables(scrubber: Scrubber, *, skip: Iterable[type[models.Model]] = ()) -> dict[str, int]:
    """Replace the needles in every text and JSON column of every table (but `skip`'s); returns the number
    of rows changed per table. A cheap database filter finds the candidate rows; Python replaces whole words."""
    changed: dict[str, int] = {}
    if not scrubber.needles:
        return changed
    skipped = set(skip)
    for model in apps.get_models():
        if model in skipped or model._meta.proxy or not model._meta.managed:
            continue
        text = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.primary_key]
        data = [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        if not text and not data:
            continue
        query = Q()
        for f in text:
            for needle in scrubber.needles:
                query |= Q(**{f"{f.attname}__icontains": needle})
        annotations = {f"_scrub_{j.attname}": Cast(j.attname, TextField()) for j in data}
        for j in data:
            for needle in _json_needles(scrubber.needles):
                query |= Q(**{f"_scrub_{j.attname}__icontains": needle})
        rows = (
            model._base_manager.annotate(**annotations).filter(query).only("pk", *[f.attname for f in [*text, *data]])
        )
        count = 0
        for row in rows.iterator(chunk_size=500):
            updates: dict[str, Any] = {}
            for f in text:
                value = getattr(row, f.attname)
                if isinstance(value, str) and scrubber.found_in(value):
                    new = scrubber.text(value)
                    # a unique column must stay unique: number the placeholder by the row
                    updates[f.attname] = f"{new}-{row.pk}" if f.unique else new
            for j in data:
                value = getattr(row, j.attname)
                new_value = scrubber.json(value)
                if new_value != value:
                    updates[j.attname] = new_value
            if updates:
                model._base_manager.filter(pk=row.pk).update(**updates)
                count += 1
        if count:
            changed[model._meta.label_lower] = count
    return changed
