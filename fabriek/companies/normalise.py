"""A company's postcode, municipality and SBI code however people type them, in the one stored form.

The company form, the API (through the services) and the importer call these, so whatever one accepts the
others accept, stored alike: "7921ab" -> "7921 AB", "De Wolden" or "gm1690" -> "GM1690", "43.21" -> "4321".
Each raises ValidationError with a message that quotes the value.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fabriek.companies.geography import municipality_names

_POSTCODE = re.compile(r"([1-9]\d{3})([A-Z]{2})")
_CBS_CODE = re.compile(r"(?:GM)?(\d{4})", re.IGNORECASE)
_SBI = re.compile(r"\d{2,5}")
#: what does not count when names and words are compared; apostrophes in their typewriter, typographic
#: (U+2019), grave and acute forms
_IGNORED = re.compile("[\\s\\-_.'\u2019`\u00b4()]+")


def comparable(text: str) -> str:
    """Text as names and words are compared: without case, accents, spaces, hyphens, underscores, dots and
    apostrophes ("ZZP'er" = "zzp-er" = "zzper", "Enquête" = "enquete")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _IGNORED.sub("", plain).casefold()


def normalise_postcode(text: str) -> str:
    """A Dutch postcode as "1234 AB", whatever its spaces and case; "" stays "" (no postcode)."""
    value = text.strip()
    if not value:
        return ""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", value).upper())
    if not match:
        raise ValidationError(_("%(value)s is not a Dutch postcode (like 9401 AB)") % {"value": value})
    return f"{match.group(1)} {match.group(2)}"


def _by_name() -> dict[str, str]:
    return {comparable(name): code for code, name in municipality_names().items()}


def normalise_municipality(text: str) -> str:
    """A CBS municipality code (GM0106, also "gm 0106" or "0106"), or the name of a municipality in the
    shipped table (Drenthe's twelve, `companies/geography.py`), as its code; "" stays ""."""
    value = text.strip()
    if not value:
        return ""
    match = _CBS_CODE.fullmatch(value.replace(" ", ""))
    if match:
        return f"GM{match.group(1)}"
    code = _by_name().get(comparable(value))
    if code is None:
        raise ValidationError(
            _("%(value)s is not a CBS municipality code (like GM0106) or the name of a municipality in Drenthe")
            % {"value": value}
        )
    return code


def municipality_label(code: str) -> str:
    """How a stored municipality is shown: its name when the table knows it ("Assen"), else its code."""
    return municipality_names().get(code, code)


def normalise_sbi(text: str) -> str:
    """An SBI code of 2 to 5 digits; the dots registers write ("43.21", "62.01.1") are dropped."""
    value = text.strip()
    if not value:
        return ""
    digits = value.replace(".", "").replace(" ", "")
    if not _SBI.fullmatch(digits):
        raise ValidationError(_("%(value)s is not an SBI code (2 to 5 digits)") % {"value": value})
    return digits
