"""The form and the importer call the same parsers and validators, so anything one accepts the other accepts,
with the same value: a table of inputs run through both."""

from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from fabriek.companies.forms import CompanyForm
from fabriek.core import bounds
from fabriek.imports.columns import OUTFLOW_WORDS, PACKAGE_WORDS, SOURCE_WORDS
from fabriek.imports.parsing import (
    Invalid,
    parse_cents,
    parse_count,
    parse_fte,
    parse_municipality,
    parse_postcode,
    parse_sbi,
    parse_word,
)
from fabriek.metrics.forms import ObservationForm
from fabriek.metrics.models import Source
from fabriek.participation.models import OutflowStatus
from fabriek.programmes.models import ServicePackage

NUMBERS = [
    "125000",
    "125.000",
    "125,000",
    "1.250,50",
    "1,250.50",
    "EUR 1.250",
    "€ 1.250",
    "€ 1,250",
    "1,250",
    "1.250",
    "2,5",
    "2.5",
    "-1.250",
    "1 250 000",
    "0,005",
    "twaalf",
    "1.2.3",
    "100.001",
    "10.000.000.000,01",
]


def through_form(field: str, text: str, language: str) -> Any:
    with translation.override(language):
        form = ObservationForm(
            data={"observed_on": "2018-01-01", "employees": "1", "interns": "0", "source": "staff", field: text}
        )
        return form.cleaned_data[field] if form.is_valid() else None


def through_import(parse: Any, text: str) -> Any:
    try:
        return parse(text)
    except Invalid:
        return None


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("text", NUMBERS)
def test_revenue_fte_and_headcount_are_read_alike(text: str, language: str) -> None:
    revenue = through_import(lambda t: parse_cents(t, language=language), text)
    assert through_form("revenue", text, language) == (None if revenue is None else Decimal(revenue) / 100)

    fte = through_import(lambda t: parse_fte(t, language=language), text)
    assert through_form("fte", text, language) == fte

    employees = through_import(lambda t: parse_count(t, bounds.EMPLOYEES, language=language), text)
    assert through_form("employees", text, language) == employees


# -- postcode, municipality and SBI code: the company form and the importer ------------------------------

COMPANY_CELLS = [
    ("postcode", "7921ab", "7921 AB"),
    ("postcode", " 7921 AB ", "7921 AB"),
    ("postcode", "7921  ab", "7921 AB"),
    ("postcode", "0921 AB", None),
    ("postcode", "79211 AB", None),
    ("postcode", "7921", None),
    ("municipality_code", "De Wolden", "GM1690"),
    ("municipality_code", "de wolden", "GM1690"),
    ("municipality_code", "Midden-Drenthe", "GM1731"),
    ("municipality_code", "midden drenthe", "GM1731"),
    ("municipality_code", "GM0106", "GM0106"),
    ("municipality_code", "gm 0106", "GM0106"),
    ("municipality_code", "0106", "GM0106"),
    ("municipality_code", "GM0363", "GM0363"),  # Amsterdam by code: outside the table, still a CBS code
    ("municipality_code", "Zwolle", None),  # by name only Drenthe's, which the shipped table holds
    ("municipality_code", "GM106", None),
    ("sbi_code", "43.21", "4321"),
    ("sbi_code", "4321", "4321"),
    ("sbi_code", "62.01.1", "62011"),
    ("sbi_code", "6", None),
    ("sbi_code", "43-21", None),
]


def company_form(field: str, text: str) -> Any:
    data = {"kvk_number": "12345678", "name": "Acme BV", "postcode": "", "municipality_code": "", "sbi_code": ""}
    form = CompanyForm(data=data | {field: text})
    return form.cleaned_data[field] if form.is_valid() else None


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "text", "stored"), COMPANY_CELLS)
def test_the_company_form_and_the_importer_accept_the_same_details(field: str, text: str, stored: str | None) -> None:
    parse = {"postcode": parse_postcode, "municipality_code": parse_municipality, "sbi_code": parse_sbi}[field]

    assert company_form(field, text) == stored
    assert through_import(parse, text) == stored


# -- choices: every label the interface shows, in either language ----------------------------------------


@pytest.mark.parametrize(
    ("words", "choices"),
    [(SOURCE_WORDS, Source), (OUTFLOW_WORDS, OutflowStatus), (PACKAGE_WORDS, ServicePackage.Kind)],
)
def test_an_import_accepts_every_code_and_every_label_of_a_choice_in_both_languages(words, choices) -> None:  # type: ignore[no-untyped-def]
    for code, label in choices.choices:
        for language in ("nl", "en"):
            with translation.override(language):
                shown = str(label)
            for written in (code, shown, shown.upper(), shown.lower()):
                assert parse_word(written, words=words, what="", expected="") == code, (written, language)
