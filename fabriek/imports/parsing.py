"""One raw cell to one typed value, or `Invalid` with a sentence that names the value and what is wrong.

Cells come from `reading`: text from CSV; text, numbers, dates or formulas from XLSX. Every parser is
pure (no database), so the rules are tested on their own; `display` is how a cell is quoted in messages,
as close as possible to what the person sees in their spreadsheet.

Decisions (documented here because the files come from people):
- A KvK number is exactly 8 digits. A 7-digit number is an error, not padded with a zero: Excel drops a
  leading zero from numbers, but a guess could attach figures to another company, so the message says
  how to keep the zero (format the column as text) instead.
- Numbers in text cells are read by `core.numbers` under the file's language (`Importer.language`: its
  headers', else a semicolon-separated CSV is Dutch, else the language of the person importing): in Dutch
  "125.000" is 125000 and "1.250,50" is 1250.50; a value with two readings ("1,250" in Dutch) or written
  the other language's way is an error that says how to write it, never a guess. Number cells of an XLSX
  need no reading. Each field's range is in `core.bounds`.
- Dates are yyyy-mm-dd or dd-mm-yyyy (or real date cells in XLSX); never mm-dd, so nothing is ambiguous.
"""

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from fabriek.companies.normalise import normalise_municipality, normalise_postcode, normalise_sbi
from fabriek.core import bounds
from fabriek.core.numbers import NumberError, parse_decimal
from fabriek.imports.columns import normalise
from fabriek.imports.reading import Cell, Formula

MIN_YEAR, MAX_YEAR = 1900, 2199  # what a date cell can be at all; each field's own range is in core.bounds


class Invalid(Exception):
    """A cell's value is not acceptable; `message` is a whole sentence that quotes the value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def display(cell: Cell) -> str:
    """A cell as text, for messages and for comparing duplicates."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time(0) else cell.isoformat(sep=" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell)


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def check_not_formula(cell: Cell) -> None:
    if isinstance(cell, Formula):
        raise Invalid(
            _("%(value)s is a formula; copy the column and paste it as values, then import again")
            % {"value": cell.text}
        )


_KVK = re.compile(r"\d{8}")
_SHORT_KVK = re.compile(r"\d{1,7}")


def parse_kvk(cell: Cell) -> str:
    """A KvK number: exactly 8 digits (spaces ignored)."""
    value = display(cell)
    if isinstance(cell, float) and not cell.is_integer():
        raise Invalid(_("%(value)s is not a KvK number (8 digits)") % {"value": value})
    digits = re.sub(r"\s+", "", value)
    if _KVK.fullmatch(digits):
        return digits
    if _SHORT_KVK.fullmatch(digits):
        raise Invalid(
            _(
                "%(value)s is not a KvK number: it has %(count)d digits, a KvK number has 8 (if a spreadsheet "
                "dropped a leading zero, format the column as text and type the number again)"
            )
            % {"value": value, "count": len(digits)}
        )
    raise Invalid(_("%(value)s is not a KvK number (8 digits)") % {"value": value})


def parse_text(cell: Cell, *, max_length: int) -> str:
    """Text such as a name: printable (core.bounds.validate_printable) and at most `max_length` long."""
    value = display(cell)
    try:
        bounds.validate_printable(value)
    except ValidationError as error:
        raise Invalid(
            _("%(value)s: %(problem)s") % {"value": repr(value)[1:-1][:60], "problem": error.messages[0]}
        ) from None
    if len(value) > max_length:
        raise Invalid(
            _("%(value)s is longer than %(max)d characters") % {"value": value[:40] + "...", "max": max_length}
        )
    return value


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_DMY_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})(?: 00:00(?::00)?)?")


def parse_date(cell: Cell) -> date:
    """yyyy-mm-dd, dd-mm-yyyy, or a date cell."""
    value = display(cell)
    if isinstance(cell, datetime):
        day = cell.date()
    elif isinstance(cell, date):
        day = cell
    elif isinstance(cell, int | float) and not isinstance(cell, bool):
        raise Invalid(_("%(value)s is a number, not a date; format the cell as a date") % {"value": value})
    else:
        iso, dmy = _ISO_DATE.fullmatch(value), _DMY_DATE.fullmatch(value)
        if iso:
            year, month, day_of_month = (int(g) for g in iso.groups())
        elif dmy:
            day_of_month, month, year = (int(g) for g in dmy.groups())
        else:
            raise Invalid(_("%(value)s is not a date (write yyyy-mm-dd or dd-mm-yyyy)") % {"value": value})
        try:
            day = date(year, month, day_of_month)
        except ValueError:
            raise Invalid(_("%(value)s is not a date that exists") % {"value": value}) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise Invalid(
            _("%(value)s is not a plausible date (years %(min)d to %(max)d)")
            % {"value": value, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return day


def parse_history_date(cell: Cell) -> date:
    """A founding or observation date: not before 1900 and not after today (core.bounds)."""
    day = parse_date(cell)
    if day < bounds.EARLIEST_HISTORY:
        raise Invalid(
            _("%(value)s is too long ago; the earliest date accepted is %(earliest)s")
            % {"value": display(cell), "earliest": bounds.EARLIEST_HISTORY.isoformat()}
        )
    if day > bounds.latest_history():
        raise Invalid(
            _("%(value)s is in the future; figures and founding dates go up to today (%(today)s)")
            % {"value": display(cell), "today": bounds.today().isoformat()}
        )
    return day


def parse_activity_date(cell: Cell) -> date:
    """A stay's date: not before 1990 and at most five years ahead (core.bounds)."""
    day = parse_date(cell)
    if day < bounds.EARLIEST_ACTIVITY:
        raise Invalid(
            _("%(value)s is too long ago; the earliest date accepted is %(earliest)s")
            % {"value": display(cell), "earliest": bounds.EARLIEST_ACTIVITY.isoformat()}
        )
    if day > bounds.latest_activity():
        raise Invalid(
            _("%(value)s is too far ahead; the latest date accepted is %(latest)s")
            % {"value": display(cell), "latest": bounds.latest_activity().isoformat()}
        )
    return day


def _grouped(number: int) -> str:
    return formats.number_format(number, force_grouping=True)


def _within(cell: Cell, number: int | Decimal, bound: bounds.NumberBound, *, scale: int = 1) -> None:
    """Refuse a number outside `bound` (`scale` 100: the number is in cents, the message in euros)."""
    if not bound.contains(number):
        raise Invalid(
            _("%(value)s is outside the plausible range %(min)s to %(max)s")
            % {"value": display(cell), "min": _grouped(bound.minimum // scale), "max": _grouped(bound.maximum // scale)}
        )


def parse_number(cell: Cell, *, language: str, currency: bool = False) -> Decimal:
    """A number exactly as written: a number cell, or text read by `core.numbers` under the file's language."""
    number: Decimal | None = None
    if isinstance(cell, bool):
        number = None
    elif isinstance(cell, int):
        number = Decimal(cell)
    elif isinstance(cell, float):
        if cell == cell and cell not in (float("inf"), float("-inf")):
            number = Decimal(repr(cell))
    elif isinstance(cell, str):
        if cell.isascii() and cell.isdigit():  # the common case, quickly
            return Decimal(cell)
        try:
            return parse_decimal(cell, language=language, currency=currency)
        except NumberError as error:
            raise Invalid(error.message) from None
    if number is None:
        raise Invalid(_("%(value)s is not a number") % {"value": display(cell)})
    return number


def _not_negative(cell: Cell, number: Decimal) -> None:
    if number < 0:
        raise Invalid(_("%(value)s is negative; it must be 0 or more") % {"value": display(cell)})


def parse_count(cell: Cell, bound: bounds.NumberBound, *, language: str) -> int:
    """A whole number of people within `bound`."""
    if isinstance(cell, str) and cell.isascii() and cell.isdigit():  # the common case, without Decimal
        _within(cell, int(cell), bound)
        return int(cell)
    number = parse_number(cell, language=language)
    _not_negative(cell, number)
    if number != number.to_integral_value():
        raise Invalid(_("%(value)s is not a whole number") % {"value": display(cell)})
    _within(cell, number, bound)
    return int(number)


def parse_fte(cell: Cell, *, language: str) -> Decimal:
    """Full-time equivalents, 0 or more, at most two decimals."""
    number = parse_number(cell, language=language)
    _not_negative(cell, number)
    rounded = number.quantize(Decimal("0.01"))
    if rounded != number:
        raise Invalid(_("%(value)s has more than two decimals") % {"value": display(cell)})
    _within(cell, rounded, bounds.FTE)
    return rounded


def parse_cents(cell: Cell, *, language: str) -> int:
    """An amount in euros ("EUR" or "€" may come with it), returned exactly in cents."""
    if isinstance(cell, str) and cell.isascii() and cell.isdigit():  # whole euros, the common case
        _within(cell, int(cell) * 100, bounds.REVENUE_CENTS, scale=100)
        return int(cell) * 100
    cents = parse_number(cell, language=language, currency=True) * 100
    if cents != cents.to_integral_value():
        raise Invalid(
            _("%(value)s has more than two decimals; an amount in euros goes down to whole cents")
            % {"value": display(cell)}
        )
    _within(cell, cents, bounds.REVENUE_CENTS, scale=100)
    return int(cents)


def parse_word(cell: Cell, *, words: Mapping[str, str], what: str, expected: str) -> str:
    """One of a fixed set of words (English or Dutch); `expected` lists them for the message."""
    value = display(cell)
    meaning = words.get(normalise(value))
    if meaning is None:
        raise Invalid(
            _("%(value)s is not a known %(what)s; use one of %(expected)s")
            % {"value": value, "what": what, "expected": expected}
        )
    return meaning


def _shared(normaliser: Callable[[str], str], cell: Cell) -> str:
    """Run one of the validators the company form runs too (`companies.normalise`), as a row error."""
    try:
        return normaliser(display(cell))
    except ValidationError as error:
        raise Invalid(error.messages[0]) from None


def parse_postcode(cell: Cell) -> str:
    """A Dutch postcode, stored as "1234 AB" whichever way it was typed."""
    return _shared(normalise_postcode, cell)


def parse_municipality(cell: Cell) -> str:
    """A CBS municipality code (GM0106), or the name of a municipality in Drenthe."""
    return _shared(normalise_municipality, cell)


def parse_sbi(cell: Cell) -> str:
    """An SBI code of 2 to 5 digits, with or without dots ("43.21")."""
    return _shared(normalise_sbi, cell)
