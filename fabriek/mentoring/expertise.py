"""The one vocabulary of expertise: what mentors offer and what companies ask for.

Mentors and companies are matched on these codes, so both sides must speak the same words; free tags
("finance", "financing", "Financiën") never met. The labels are translated; forms show the labels, the API and
the database carry the codes. `read_expertise` also accepts a label in either language and the old free tags
(`SYNONYMS`), so imports, the API and the migration of the old tags share one reading.
"""

import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


class Expertise(models.TextChoices):
    STRATEGY = "strategy", _("Strategy and growth")
    FINANCE = "finance", _("Finance and funding")
    INVESTORS = "investors", _("Investors and raising capital")
    ADMINISTRATION = "administration", _("Bookkeeping and administration")
    SALES = "sales", _("Sales")
    MARKETING = "marketing", _("Marketing and branding")
    ONLINE = "online", _("Online marketing and e-commerce")
    RETAIL = "retail", _("Retail")
    EXPORT = "export", _("Export and international trade")
    PRODUCTION = "production", _("Production and manufacturing")
    LOGISTICS = "logistics", _("Logistics")
    TECHNOLOGY = "technology", _("Software and technology")
    PEOPLE = "people", _("Staff and leadership")
    LEGAL = "legal", _("Legal matters and contracts")
    HEALTHCARE = "healthcare", _("Healthcare and medical technology")
    AGRIFOOD = "agrifood", _("Agriculture and food")
    SUSTAINABILITY = "sustainability", _("Sustainability and energy")


#: Free tags used before the vocabulary existed (the demo's and what staff typed), by their folded spelling.
SYNONYMS: dict[str, str] = {
    "financing": Expertise.FINANCE,
    "financiering": Expertise.FINANCE,
    "financien": Expertise.FINANCE,
    "funding": Expertise.FINANCE,
    "investment": Expertise.INVESTORS,
    "investeerders": Expertise.INVESTORS,
    "bookkeeping": Expertise.ADMINISTRATION,
    "administratie": Expertise.ADMINISTRATION,
    "b2b": Expertise.SALES,
    "verkoop": Expertise.SALES,
    "branding": Expertise.MARKETING,
    "ecommerce": Expertise.ONLINE,
    "germany": Expertise.EXPORT,
    "duitsland": Expertise.EXPORT,
    "manufacturing": Expertise.PRODUCTION,
    "productie": Expertise.PRODUCTION,
    "logistiek": Expertise.LOGISTICS,
    "software": Expertise.TECHNOLOGY,
    "tech": Expertise.TECHNOLOGY,
    "saas": Expertise.TECHNOLOGY,
    "ict": Expertise.TECHNOLOGY,
    "hr": Expertise.PEOPLE,
    "leadership": Expertise.PEOPLE,
    "personeel": Expertise.PEOPLE,
    "contracts": Expertise.LEGAL,
    "juridisch": Expertise.LEGAL,
    "growth": Expertise.STRATEGY,
    "groei": Expertise.STRATEGY,
    "medtech": Expertise.HEALTHCARE,
    "care": Expertise.HEALTHCARE,
    "zorg": Expertise.HEALTHCARE,
    "food": Expertise.AGRIFOOD,
    "agri": Expertise.AGRIFOOD,
    "energy": Expertise.SUSTAINABILITY,
    "energie": Expertise.SUSTAINABILITY,
    "duurzaamheid": Expertise.SUSTAINABILITY,
}


def _fold(text: str) -> str:
    """Lower case, without accents, spaces, hyphens or apostrophes: "E-commerce" and "ecommerce" are one."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalnum())
    return kept.casefold()


def _readings() -> dict[str, str]:
    readings = dict(SYNONYMS)
    for choice in Expertise:
        readings[_fold(choice.value)] = choice.value
        for language in ("en", "nl"):
            with override(language):
                readings[_fold(str(choice.label))] = choice.value
    return readings


def read_expertise(value: str) -> str | None:
    """The code for a code, a label in English or Dutch, or an old free tag; None when it is none of these."""
    return _readings().get(_fold(value))


def normalise_expertise(values: Iterable[str]) -> list[str]:
    """Codes in vocabulary order, each once; empty entries are skipped, anything unknown is refused (with every
    unknown entry named), so nothing a person meant is silently dropped."""
    found: set[str] = set()
    unknown: list[str] = []
    for value in values:
        if not value or not value.strip():
            continue
        code = read_expertise(value)
        if code is None:
            unknown.append(value.strip())
        else:
            found.add(code)
    if unknown:
        raise ValidationError(
            _("Unknown expertise: %(values)s. Choose from: %(choices)s."),
            code="unknown_expertise",
            params={"values": ", ".join(unknown), "choices": ", ".join(Expertise.values)},
        )
    return [code for code in Expertise.values if code in found]


def validate_expertise(value: object) -> None:
    """A stored expertise list: codes of the vocabulary only (the model's validator)."""
    if not isinstance(value, list) or any(code not in Expertise.values for code in value):
        raise ValidationError(
            _("Choose expertise from the list: %(choices)s."),
            code="invalid_expertise",
            params={"choices": ", ".join(Expertise.values)},
        )


def labels(codes: Iterable[str]) -> list[str]:
    """The labels of stored codes in the current language (an unknown code shows as itself)."""
    names = dict(Expertise.choices)
    return [str(names.get(code, code)) for code in codes]
