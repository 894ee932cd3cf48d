"""The pinned import formats: which columns each kind of file has, and the words its cells may use.

Headers and words are matched after `normalise`: case, spaces, hyphens and underscores do not count, so
"KvK-nummer", "kvk_nummer" and "KVK NUMMER" are the same header.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from fabriek.metrics.models import Source
from fabriek.participation.models import OutflowStatus
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

    def names(self) -> set[str]:
        return {normalise(self.english), normalise(self.dutch)}

    def label(self) -> str:
        """Both accepted names, for messages: "kvk_number / kvk_nummer"."""
        return self.english if self.english == self.dutch else f"{self.english} / {self.dutch}"


COLUMNS: dict[str, tuple[Column, ...]] = {
    Kind.COMPANIES: (
        Column("kvk_number", "kvk_number", "kvk_nummer", required=True),
        Column("name", "name", "naam", required=True),
        Column("founded_on", "founded_on", "opgericht_op"),
        Column("postcode", "postcode", "postcode"),
        Column("municipality_code", "municipality", "gemeente"),
        Column("sbi_code", "sbi_code", "sbi_code"),
    ),
    Kind.PARTICIPATIONS: (
        Column("kvk_number", "kvk_number", "kvk_nummer", required=True),
        Column("location", "location", "locatie", required=True),
        Column("package", "package", "pakket", required=True),
        Column("started_on", "started_on", "startdatum", required=True),
        Column("ended_on", "ended_on", "einddatum"),
        Column("outflow_status", "outflow_status", "uitstroom"),
    ),
    Kind.OBSERVATIONS: (
        Column("kvk_number", "kvk_number", "kvk_nummer", required=True),
        Column("observed_on", "observed_on", "datum", required=True),
        Column("employees", "employees", "medewerkers", required=True),
        Column("interns", "interns", "stagiairs"),
        Column("fte", "fte", "fte"),
        Column("revenue_cents", "revenue_eur", "omzet_eur"),
        Column("source", "source", "bron"),
    ),
}

_IGNORED = re.compile(r"[\s\-_]+")


def normalise(text: str) -> str:
    """A header or word as compared: without case, spaces, hyphens and underscores."""
    return _IGNORED.sub("", text).casefold()


# Words a cell may hold, normalised, and what they mean. The first word of each value is the English one
# that messages suggest; the others are its Dutch (and a few common spelling) variants.
PACKAGE_WORDS: dict[str, str] = {
    "fulltime": ServicePackage.Kind.FULLTIME,
    "voltijd": ServicePackage.Kind.FULLTIME,
    "parttime": ServicePackage.Kind.PARTTIME,
    "deeltijd": ServicePackage.Kind.PARTTIME,
    "network": ServicePackage.Kind.NETWORK,
    "netwerk": ServicePackage.Kind.NETWORK,
}
OUTFLOW_WORDS: dict[str, str] = {
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
}
SOURCE_WORDS: dict[str, str] = {
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
}

#: The twelve municipalities of Drenthe by name, so a file may name them instead of giving the CBS code.
DRENTHE_MUNICIPALITIES: dict[str, str] = {
    normalise(name): code
    for name, code in [
        ("Aa en Hunze", "GM1680"),
        ("Assen", "GM0106"),
        ("Borger-Odoorn", "GM1681"),
        ("Coevorden", "GM0109"),
        ("De Wolden", "GM1690"),
        ("Emmen", "GM0114"),
        ("Hoogeveen", "GM0118"),
        ("Meppel", "GM0119"),
        ("Midden-Drenthe", "GM1731"),
        ("Noordenveld", "GM1699"),
        ("Tynaarlo", "GM1730"),
        ("Westerveld", "GM1701"),
    ]
}
