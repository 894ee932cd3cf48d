"""Dutch first: every user-facing text has its Dutch translation, and the compiled catalogues are current."""

import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from fabriek.reporting.clauses import CLAUSES
from fabriek.reporting.indicators import INDICATORS, definition

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("fabriek/*locale/nl/LC_MESSAGES/django.po"))


def test_there_are_catalogues() -> None:
    assert [p.relative_to(ROOT).as_posix() for p in CATALOGUES] == ["fabriek/locale/nl/LC_MESSAGES/django.po"]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.parent.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(po: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.parent.parent.name)
def test_the_compiled_catalogue_is_current(po: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
    assert fresh.read_bytes() == po.with_suffix(".mo").read_bytes(), "run `make messages` and commit the .mo"


@pytest.mark.parametrize("key", list(INDICATORS))
def test_each_indicator_definition_has_its_dutch_translation(key: str) -> None:
    with translation.override("nl"):
        dutch = definition(key)
    with translation.override("en"):
        english = definition(key)
    assert dutch != english


@pytest.mark.parametrize("key", list(CLAUSES))
def test_each_counting_clause_has_its_dutch_translation(key: str) -> None:
    clause = CLAUSES[key]
    with translation.override("nl"):
        dutch = (clause.heading, str(clause.text))
    with translation.override("en"):
        english = (clause.heading, str(clause.text))
    assert dutch[0] != english[0] and dutch[1] != english[1]
