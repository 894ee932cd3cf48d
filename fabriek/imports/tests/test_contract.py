"""The contract sample (../shared/contract/sample, copied here) in its four forms gives the same records.

English CSV; Dutch-Excel CSV (semicolons, BOM, dd-mm-yyyy, Dutch headers and words); the same in
Windows-1252; and XLSX with date cells. Each is imported into an empty database, and what ends up in the
database must be identical, down to the cents.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from fabriek.companies.models import Company
from fabriek.imports.tests.helpers import errors, run
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.programmes.models import Programme

CONTRACT = Path(__file__).parent / "contract"
FORMS = {"en": "csv", "nl": "csv", "cp1252": "csv", "xlsx": "xlsx"}


def import_form(programme: Programme, form: str) -> None:
    for kind in ("companies", "participations", "observations"):
        path = CONTRACT / form / f"{kind}.{FORMS[form]}"
        result = run(programme, kind, path.read_bytes(), filename=path.name)
        assert errors(result) == [], form
        assert result.applied


def contents(programme: Programme) -> dict[str, list[tuple[object, ...]]]:
    return {
        "companies": list(
            Company.objects.filter(programmes=programme)
            .order_by("kvk_number")
            .values_list("kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code")
        ),
        "participations": list(
            Participation.objects.filter(programme=programme)
            .order_by("company__kvk_number", "started_on")
            .values_list(
                "company__kvk_number", "location__name", "package__kind", "started_on", "ended_on", "outflow_status"
            )
        ),
        "observations": list(
            Observation.objects.order_by("company__kvk_number", "observed_on", "source").values_list(
                "company__kvk_number", "observed_on", "source", "employees", "interns", "fte", "revenue_cents"
            )
        ),
    }


def clear() -> None:
    Observation.objects.all().delete()
    Participation.objects.all().delete()
    Company.objects.all().delete()


def test_the_four_forms_of_the_contract_sample_give_identical_records(programme: Programme) -> None:
    seen = {}
    for form in FORMS:
        import_form(programme, form)
        seen[form] = contents(programme)
        clear()

    assert seen["nl"] == seen["en"]
    assert seen["cp1252"] == seen["en"]
    assert seen["xlsx"] == seen["en"]
    english = seen["en"]
    assert [len(english[k]) for k in ("companies", "participations", "observations")] == [12, 13, 71]
    assert english["companies"][3] == (
        "37178808",
        "Veen Advies BV 4",
        datetime.date(2016, 2, 29),
        "7865 KL",
        "",
        "",
    )
    assert ("76992568", "Café Eelde Bouw BV 2", datetime.date(2011, 12, 19), "7915 KL", "", "") in english["companies"]
    assert english["participations"][:2] == [
        ("16120408", "Hoogeveen", "parttime", datetime.date(2018, 4, 21), datetime.date(2018, 7, 1), "entrepreneur"),
        ("27083288", "Emmen", "parttime", datetime.date(2017, 12, 28), datetime.date(2019, 11, 13), "entrepreneur"),
    ]
    assert english["observations"][0] == (
        "16120408",
        datetime.date(2018, 4, 8),
        "staff",
        3,
        0,
        Decimal("2.00"),
        127188000,
    )


@pytest.mark.parametrize("form", FORMS)
def test_importing_a_form_of_the_sample_over_another_changes_nothing(programme: Programme, form: str) -> None:
    import_form(programme, "en")
    before = contents(programme)

    for kind in ("companies", "participations", "observations"):
        path = CONTRACT / form / f"{kind}.{FORMS[form]}"
        result = run(programme, kind, path.read_bytes(), filename=path.name)
        assert (result.created, result.updated) == (0, 0)

    assert contents(programme) == before
