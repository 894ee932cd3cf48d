"""The number parser, case by case (each reading worked out by hand)."""

from decimal import Decimal

import pytest
from django.utils import translation

from fabriek.core.numbers import NumberError, parse_decimal, write


@pytest.fixture(autouse=True)
def english_messages() -> object:
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("125000", "125000"),
        ("125.000", "125000"),  # a dot groups thousands
        ("1.286.007", "1286007"),
        ("1.250,50", "1250.50"),
        ("3,6", "3.6"),  # a comma marks decimals
        ("0,125", "0.125"),  # after a leading zero a comma cannot group thousands
        ("2.5", "2.5"),  # a dot before one digit cannot group thousands: there is only one reading
        ("1.2345", "1.2345"),
        ("EUR 1.250", "1250"),
        ("€ 1.250", "1250"),
        ("€1.250,00", "1250.00"),
        ("1.250 EUR", "1250"),
        ("1.250 euro", "1250"),
        ("eur 1.250", "1250"),
        ("€ 1.250,-", "1250"),  # whole euros, the Dutch way
        ("-1.250,50", "-1250.50"),
        ("€ -1.250", "-1250"),
        ("- € 1.250", "-1250"),
        ("\u22125", "-5"),  # the typographic minus
        ("+7", "7"),
        ("1 250 000", "1250000"),  # spaces group thousands
        ("1\u00a0250,75", "1250.75"),  # a non-breaking space too
        ("  42  ", "42"),
    ],
)
def test_dutch_numbers(text: str, expected: str) -> None:
    assert parse_decimal(text, language="nl", currency=True) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("125,000", "125000"),  # a comma groups thousands
        ("1,250.50", "1250.50"),
        ("3.6", "3.6"),
        ("0.125", "0.125"),
        ("2,5", "2.5"),  # a comma before one digit cannot group thousands
        ("EUR 1,250", "1250"),
        ("€ 1,250.50", "1250.50"),
        ("-1,250", "-1250"),
        ("1 250 000.5", "1250000.5"),
    ],
)
def test_english_numbers(text: str, expected: str) -> None:
    assert parse_decimal(text, language="en", currency=True) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "language", "message"),
    [
        # two readings: refused with both ways to write it
        (
            "1,250",
            "nl",
            "1,250 can be read two ways: in Dutch the comma marks decimals, but it may be meant to group thousands; "
            "write 1,25 or 1.250",
        ),
        (
            "125,000",
            "nl",
            "125,000 can be read two ways: in Dutch the comma marks decimals, but it may be meant to group "
            "thousands; write 125 or 125.000",
        ),
        (
            "1.250",
            "en",
            "1.250 can be read two ways: in English the point marks decimals, but it may be meant to group "
            "thousands; write 1.25 or 1,250",
        ),
        # the other language's way: refused with the way to write it
        ("1,250.50", "nl", "1,250.50 is written the English way; in Dutch write 1.250,50"),
        ("1,250,000", "nl", "1,250,000 is written the English way; in Dutch write 1.250.000"),
        ("1.250,50", "en", "1.250,50 is written the Dutch way; in English write 1,250.50"),
        ("1.250.000", "en", "1.250.000 is written the Dutch way; in English write 1,250,000"),
        # not numbers at all
        ("twee", "nl", "twee is not a number"),
        ("1.2.3", "nl", "1.2.3 is not a number"),
        ("12 5", "nl", "12 5 is not a number"),
        ("1.25.000", "nl", "1.25.000 is not a number"),
        ("5,", "nl", "5, is not a number"),
        ("€ 1.250 €", "nl", "€ 1.250 € is not a number"),
        ("--5", "nl", "--5 is not a number"),
        ("", "nl", " is not a number"),
        ("1e5", "en", "1e5 is not a number"),
        ("NaN", "en", "NaN is not a number"),
        ("Infinity", "en", "Infinity is not a number"),
    ],
)
def test_ambiguous_and_unreadable_values_are_refused_naming_what_was_read(
    text: str, language: str, message: str
) -> None:
    with pytest.raises(NumberError) as caught:
        parse_decimal(text, language=language, currency=True)

    assert caught.value.message == message


def test_a_euro_sign_is_only_read_where_an_amount_is_asked() -> None:
    with pytest.raises(NumberError):
        parse_decimal("€ 5", language="nl")
    assert parse_decimal("€ 5", language="nl", currency=True) == 5


def test_the_messages_follow_the_active_language() -> None:
    with translation.override("nl"), pytest.raises(NumberError) as caught:
        parse_decimal("1,250.50", language="nl")

    assert caught.value.message == "1,250.50 is op zijn Engels geschreven; schrijf in het Nederlands 1.250,50"


@pytest.mark.parametrize(
    ("number", "dutch", "english"),
    [
        ("1250.50", "1.250,50", "1,250.50"),
        ("-1000000", "-1.000.000", "-1,000,000"),
        ("999", "999", "999"),
        ("0.5", "0,5", "0.5"),
    ],
)
def test_numbers_are_written_back_in_each_language(number: str, dutch: str, english: str) -> None:
    assert write(Decimal(number), "nl") == dutch
    assert write(Decimal(number), "en") == english
    assert parse_decimal(dutch, language="nl") == Decimal(number)
    assert parse_decimal(english, language="en") == Decimal(number)
