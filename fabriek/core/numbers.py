"""Numbers as people write them, in Dutch or in English: the one parser for amounts and counts.

Forms read what a person types under the language of the page; imports read a file's cells under the
language of the file. The rules (every example is a test in core/tests/test_numbers.py):

- Dutch groups thousands with a dot and marks decimals with a comma: "125.000" = 125000,
  "1.250,50" = 1250.50, "3,6" = 3.6. English the other way round: "125,000", "1,250.50", "3.6".
- Amounts may carry "EUR", "€" or "euro" before or after the number, and Dutch "1.250,-" is whole euros.
  Spaces (also non-breaking ones) may group thousands ("1 250 000"), nowhere else inside a number.
- A separator that cannot group thousands (not followed by exactly three digits, or after a leading zero)
  is read as the decimal mark whichever language it belongs to: "2.5" in Dutch is 2.5. There is only one
  reading, so this is not a guess.
- A value with two readings is refused, never guessed: a lone decimal mark followed by exactly three digits
  ("1,250" in Dutch, "1.250" in English) may be a thousands separator of the other language.
- A value written in the other language's way ("1,250.50" in Dutch) is refused with the way to write it.

`NumberError.message` quotes what was read and says what to write instead.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUS = "\u2212"  # the typographic minus sign some spreadsheets and word processors write
_CURRENCY = re.compile(r"^(?:€|euro|eur)\s*|\s*(?:€|euro|eur)$", re.IGNORECASE)
_BODY = re.compile(r"\d[\d.,]*")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+")


class NumberError(ValueError):
    """A value that is not a number in the given language; `message` is a sentence quoting it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_dutch(language: str | None) -> bool:
    return (language or "").lower().startswith("nl")


def marks(language: str | None) -> tuple[str, str]:
    """(thousands separator, decimal mark) of the language."""
    return (".", ",") if is_dutch(language) else (",", ".")


def parse_decimal(text: str, *, language: str | None, currency: bool = False) -> Decimal:
    """The number `text` means in `language` ("nl" or "en"); with `currency`, a euro sign or "EUR" may
    come with it. Raises NumberError for anything unreadable or ambiguous."""
    value = text.strip()
    compact = _SPACES.sub(" ", value).replace(_MINUS, "-")
    sign = ""
    if compact[:1] in "+-" and compact:
        sign, compact = compact[0], compact[1:].lstrip()
    if currency:
        compact, found = _CURRENCY.subn("", compact, count=1)
        if found and not sign and compact[:1] in "+-" and compact:  # "€ -1.250"
            sign, compact = compact[0], compact[1:].lstrip()
    if sign == "+":
        sign = ""
    thousands, decimal_mark = marks(language)
    if currency and is_dutch(language) and re.fullmatch(r".*,-{1,2}", compact):
        compact = compact.rstrip("-")[:-1]  # "1.250,-": whole euros
    if " " in compact:
        whole, mark, fraction = compact.partition(decimal_mark)
        if not _SPACE_GROUPED.fullmatch(whole) or thousands in whole:
            raise NumberError(_not_a_number(value))
        compact = whole.replace(" ", "") + mark + fraction
    if not _BODY.fullmatch(compact):
        raise NumberError(_not_a_number(value))
    return _read(compact, sign, value, thousands, decimal_mark, language)


def _read(body: str, sign: str, value: str, thousands: str, decimal_mark: str, language: str | None) -> Decimal:
    has_thousands, has_decimal = thousands in body, decimal_mark in body
    if has_thousands and has_decimal:
        whole, _mark, fraction = body.rpartition(decimal_mark)
        if thousands in fraction or not _grouped(whole, thousands) or not fraction.isdigit():
            if _other_way(body, thousands, decimal_mark):
                raise NumberError(_other_language(value, body, decimal_mark, thousands, language))
            raise NumberError(_not_a_number(value))
        return _decimal(sign + whole.replace(thousands, "") + "." + fraction)
    if has_thousands:
        if _grouped(body, thousands):
            return _decimal(sign + body.replace(thousands, ""))
        whole, _mark, fraction = body.partition(thousands)
        if whole and fraction.isdigit():  # it cannot group thousands, so it is a decimal mark ("2.5" in Dutch)
            return _decimal(sign + whole + "." + fraction)
        raise NumberError(_not_a_number(value))
    if has_decimal:
        if body.count(decimal_mark) > 1:
            if _grouped(body, decimal_mark):  # "1,250,000" in Dutch
                raise NumberError(_other_language(value, body, decimal_mark, thousands, language))
            raise NumberError(_not_a_number(value))
        if _grouped(body, decimal_mark):  # "1,250" in Dutch: 1.25, or 1250 written the English way?
            raise NumberError(_ambiguous(value, body, decimal_mark, thousands, language))
        whole, _mark, fraction = body.partition(decimal_mark)
        if not whole or not fraction:
            raise NumberError(_not_a_number(value))
        return _decimal(sign + whole + "." + fraction)
    return _decimal(sign + body)


def _grouped(text: str, separator: str) -> bool:
    """Whether `separator` groups thousands in `text`: 1 to 3 digits (not a leading zero), then groups of 3."""
    return re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(separator) + r"\d{3})+", text) is not None


def _other_way(body: str, thousands: str, decimal_mark: str) -> bool:
    """Whether `body` is a well-formed number with the two marks swapped."""
    whole, _mark, fraction = body.rpartition(thousands)
    return decimal_mark not in fraction and fraction.isdigit() and _grouped(whole, decimal_mark)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
        raise NumberError(_("%(value)s is not a number") % {"value": text}) from None


def write(number: Decimal, language: str | None) -> str:
    """`number` as written in `language`, with its decimals as they are: 1250.50 -> "1.250,50" in Dutch."""
    thousands, decimal_mark = marks(language)
    sign = "-" if number < 0 else ""
    whole, _point, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = thousands.join([whole, *groups])
    return sign + text + (decimal_mark + fraction if fraction else "")


def _not_a_number(value: str) -> str:
    return _("%(value)s is not a number") % {"value": value}


def _ambiguous(value: str, body: str, decimal_mark: str, thousands: str, language: str | None) -> str:
    as_decimal = Decimal(body.replace(decimal_mark, "."))
    as_thousands = Decimal(body.replace(decimal_mark, ""))
    if is_dutch(language):
        text = _(
            "%(value)s can be read two ways: in Dutch the comma marks decimals, but it may be meant to group "
            "thousands; write %(decimal)s or %(thousands)s"
        )
    else:
        text = _(
            "%(value)s can be read two ways: in English the point marks decimals, but it may be meant to group "
            "thousands; write %(decimal)s or %(thousands)s"
        )
    return text % {
        "value": value,
        "decimal": write(as_decimal.normalize(), language),
        "thousands": write(as_thousands, language),
    }


def _other_language(value: str, body: str, decimal_mark: str, thousands: str, language: str | None) -> str:
    # Read the English way round: `decimal_mark` grouped thousands and `thousands` marked the decimals.
    whole, _mark, fraction = body.rpartition(thousands) if thousands in body else (body, "", "")
    number = Decimal(whole.replace(decimal_mark, "") + ("." + fraction if fraction else ""))
    if is_dutch(language):
        text = _("%(value)s is written the English way; in Dutch write %(written)s")
    else:
        text = _("%(value)s is written the Dutch way; in English write %(written)s")
    return text % {"value": value, "written": write(number, language)}
