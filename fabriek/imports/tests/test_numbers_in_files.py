"""Numbers in a file are read in the file's language: "125.000" in a Dutch file is EUR 125,000, not EUR 125."""

import pytest

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.tests.helpers import errors, run
from fabriek.metrics.models import Observation
from fabriek.programmes.models import Programme


@pytest.fixture
def company(programme: Programme):  # type: ignore[no-untyped-def]
    return CompanyFactory(kvk_number="11111111", programmes=[programme])


@pytest.mark.parametrize(
    ("content", "cents", "fte"),
    [
        # Dutch headers: Dutch numbers, whatever the separator
        ("kvk_nummer;datum;medewerkers;fte;omzet_eur\n11111111;01-01-2018;3;2,5;125.000\n", 12_500_000, "2.50"),
        ('kvk_nummer,datum,medewerkers,fte,omzet_eur\n11111111,01-01-2018,3,"2,5","€ 1.250,50"\n', 125_050, "2.50"),
        # English headers: English numbers
        ('kvk_number,observed_on,employees,fte,revenue_eur\n11111111,2018-01-01,3,2.5,"125,000"\n', 12_500_000, "2.50"),
        ("kvk_number,observed_on,employees,fte,revenue_eur\n11111111,2018-01-01,3,2.5,EUR 1250.50\n", 125_050, "2.50"),
        # English headers in a Dutch Excel's semicolon file: "2,5" has one reading only, 2.5
        ("kvk_number;observed_on;employees;fte\n11111111;2018-01-01;3;2,5\n", None, "2.50"),
    ],
)
def test_a_files_numbers_are_read_in_its_language(programme, company, content: str, cents, fte: str) -> None:  # type: ignore[no-untyped-def]
    result = run(programme, "observations", content)

    assert errors(result) == []
    observation = Observation.objects.get(company=company)
    assert (observation.revenue_cents, str(observation.fte)) == (cents, fte)
