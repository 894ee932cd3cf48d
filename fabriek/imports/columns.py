"""The pinned import formats: which columns each kind of file has, and the words its cells may use.

Headers and words are matched after `normalise` (`companies.normalise.comparable`): case, accents, spaces,
hyphens, underscores, dots and apostrophes do not count, so "KvK-nummer", "kvk_nummer" and "KVK NUMMER" are
the same header and "ZZP'er", "zzp-er" and "Zzper" the same word. A choice accepts its code and every label
the interface shows for it, in English and in Dutch ("self_report", "Self-report", "Eigen opgave").
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company
from fabriek.companies.normalise import comparable
from fabriek.metrics.models import Observation, Source
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.programmes.models import ServicePackage


class Kind(models.TextChoices):
    """What a file holds. Companies come first: the other two refer to companies by KvK number."""

    COMPANIES = "companies", _("Companies")
    PARTICIPATIONS = "participations", _("Participations")
    OBSERVATIONS = "observations", _("Observations (figures)")


@dataclass(frozen=True)
class Column:
    field: str
    english: str
    dutch: str
    required: bool = False
    #: the labels the interface shows for this field (lazy translations): accepted as headers too
    labels: tuple[Any, ...] = ()

    def names(self) -> set[str]:
        return {normalise(self.english), normalise(self.dutch)} | set(self.labels_by_language())

    def labels_by_language(self) -> dict[str, str | None]:
        """Each label as compared -> the language it belongs to, or None when it reads the same in both."""
        found: dict[str, set[str]] = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for label in self.labels:
                    found.setdefault(normalise(str(label)), set()).add(language)
        return {name: next(iter(languages)) if len(languages) == 1 else None for name, languages in found.items()}

    def label(self) -> str:
        """Both accepted names, for messages: "kvk_number / kvk_nummer"."""
        return self.english if self.english == self.dutch else f"{self.english} / {self.dutch}"


def _label(model: type[models.Model], field: str) -> Any:
    return model._meta.get_field(field).verbose_name  # type: ignore[union-attr]  # a concrete field


COLUMNS: dict[str, tuple[Column, ...]] = {
    Kind.COMPANIES: (
        Column("kvk_number", "kvk_number", "kvk_nummer", required=True, labels=(_label(Company, "kvk_number"),)),
        Column(
            "name",
            "name",
            "naam",
            required=True,
            labels=(
                _label(Company, "name"),
                _("Company name"),
            ),
        ),
        Column("founded_on", "founded_on", "opgericht_op", labels=(_label(Company, "founded_on"),)),
        Column("postcode", "postcode", "postcode", labels=(_label(Company, "postcode"),)),
        Column(
            "municipality_code",
            "municipality",
            "gemeente",
            labels=(
                _label(Company, "municipality_code"),
                _("Municipality"),
            ),
        ),
        Column("sbi_code", "sbi_code", "sbi_code", labels=(_label(Company, "sbi_code"),)),
    ),
    Kind.PARTICIPATIONS: (
        Column("kvk_number", "kvk_number", "kvk_nummer", required=True, labels=(_label(Company, "kvk_number"),)),
        Column("location", "location", "locatie", required=True, labels=(_("Location"),)),
        Column("package", "package", "pakket", required=True, labels=(_("Service package"),)),
        Column("started_on", "started_on", "startdatum", required=True, labels=(_label(Participation, "started_on"),)),
        Column("ended_on", "ended_on", "einddatum", labels=(_label(Participation, "ended_on"),)),
        Column("outflow_status", "outflow_status", "uitstroom", labels=(_label(Participation, "outflow_status"),)),
    ),
    Kind.OBSERVATIONS: (
        Column("kvk_number", "kvk_number", "kvk_nummer", required=True, labels=(_label(Company, "kvk_number"),)),
        Column("observed_on", "observed_on", "datum", required=True, labels=(_label(Observation, "observed_on"),)),
        Column("employees", "employees", "medewerkers", required=True, labels=(_label(Observation, "employees"),)),
        Column("interns", "interns", "stagiairs", labels=(_label(Observation, "interns"),)),
        Column("fte", "fte", "fte", labels=(_label(Observation, "fte"),)),
        Column("revenue_cents", "revenue_eur", "omzet_eur", labels=(_("Revenue (EUR)"), _("Revenue"))),
        Column("source", "source", "bron", labels=(_label(Observation, "source"),)),
    ),
}


def normalise(text: str) -> str:
    """A header or word as compared: without case, accents, spaces, hyphens, underscores and apostrophes."""
    return comparable(text)


class LabelWords(Mapping[str, str]):
    """The words a cell may hold for a choice, normalised -> the choice's code: its code, its labels in
    every language of the interface, and a few common `extra` spellings. Built on first use (labels need
    the translations)."""

    def __init__(self, choices: type[models.TextChoices], extra: dict[str, str]) -> None:
        self.choices = choices
        self.extra = extra

    @cached_property
    def words(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for code, label in self.choices.choices:
            words[normalise(code)] = code
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    words[normalise(str(label))] = code
        words.update({normalise(word): code for word, code in self.extra.items()})
        return words

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


# Words a cell may hold, normalised, and what they mean. The first word of each value is the English one
# that messages suggest; the others are its Dutch (and a few common spelling) variants.
PACKAGE_WORDS = LabelWords(
    ServicePackage.Kind,
    {
        "fulltime": ServicePackage.Kind.FULLTIME,
        "voltijd": ServicePackage.Kind.FULLTIME,
        "parttime": ServicePackage.Kind.PARTTIME,
        "deeltijd": ServicePackage.Kind.PARTTIME,
        "network": ServicePackage.Kind.NETWORK,
        "netwerk": ServicePackage.Kind.NETWORK,
    },
)
OUTFLOW_WORDS = LabelWords(
    OutflowStatus,
    {
        "entrepreneur": OutflowStatus.ENTREPRENEUR,
        "ondernemer": OutflowStatus.ENTREPRENEUR,
        "freelancer": OutflowStatus.FREELANCER,
        "zzp": OutflowStatus.FREELANCER,
        "zzper": OutflowStatus.FREELANCER,
        "employed": OutflowStatus.EMPLOYED,
        "loondienst": OutflowStatus.EMPLOYED,
        "inloondienst": OutflowStatus.EMPLOYED,
        "stopped": OutflowStatus.STOPPED,
        "gestopt": OutflowStatus.STOPPED,
    },
)
SOURCE_WORDS = LabelWords(
    Source,
    {
        "staff": Source.STAFF,
        "staf": Source.STAFF,
        "team": Source.STAFF,
        "survey": Source.SURVEY,
        "enquete": Source.SURVEY,
        "enquête": Source.SURVEY,
        "selfreport": Source.SELF_REPORT,
        "zelfrapportage": Source.SELF_REPORT,
        "intake": Source.INTAKE,
        "kvk": Source.KVK,
    },
)
