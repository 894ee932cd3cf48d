"""The shared expertise vocabulary: one reading of codes, labels in both languages and the old free tags."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from fabriek.mentoring.expertise import Expertise, labels, normalise_expertise
from fabriek.mentoring.models import Mentor
from fabriek.mentoring.tests.factories import MentorFactory

migration = importlib.import_module("fabriek.mentoring.migrations.0003_vocabulary_matching_sessions")


def test_codes_labels_in_both_languages_and_old_tags_read_as_codes_in_vocabulary_order() -> None:
    read = normalise_expertise(["Marketing en branding", "FINANCE", "e-commerce", "Financiën", " ", "med-tech", "hr"])

    assert read == ["finance", "marketing", "online", "people", "healthcare"]


def test_an_unknown_entry_is_refused_by_name_not_dropped() -> None:
    with pytest.raises(ValidationError) as error:
        normalise_expertise(["finance", "astrology", "tarot"])

    assert "astrology, tarot" in error.value.messages[0]


def test_every_code_has_a_dutch_label() -> None:
    from django.utils import translation

    with translation.override("nl"):
        dutch = labels(Expertise.values)
    with translation.override("en"):
        english = labels(Expertise.values)
    untranslated = [en for nl, en in zip(dutch, english, strict=True) if nl == en]
    assert untranslated == []


def test_the_migration_turns_old_tags_into_codes_and_keeps_what_it_cannot_read(db) -> None:  # type: ignore[no-untyped-def]
    old = MentorFactory()
    Mentor.objects.filter(pk=old.pk).update(expertise=["Financing", "branding", "Beekeeping", "", "tech"])

    migration.tags_to_vocabulary(apps, None)

    old.refresh_from_db()
    assert (old.expertise, old.expertise_note) == (["finance", "marketing", "technology"], "Beekeeping")
