"""A file may use the words the interface shows: the form labels as headers ("Bedrijfsnaam", "Gemeente") and
every label of a choice in either language ("Eigen opgave", "ZZP'er", "zzp-er", "freelancer")."""

import datetime

import pytest

from fabriek.companies.models import Company
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.imports.tests.helpers import errors, run
from fabriek.metrics.models import Observation, Source
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.programmes.models import Programme


def test_a_companies_file_with_the_forms_labels_as_headers(programme: Programme) -> None:
    result = run(
        programme,
        "companies",
        "KvK-nummer;Bedrijfsnaam;Opgericht op;Postcode;Gemeente;SBI-code\n"
        "12345678;Acme BV;01-02-2016;7921ab;De Wolden;43.21\n",
    )

    assert errors(result) == []
    company = Company.objects.get(kvk_number="12345678")
    assert (company.name, company.founded_on, company.postcode, company.municipality_code, company.sbi_code) == (
        "Acme BV",
        datetime.date(2016, 2, 1),
        "7921 AB",
        "GM1690",
        "4321",
    )
    assert company.municipality == "De Wolden"  # shown by name


@pytest.mark.parametrize(
    ("word", "source"),
    [
        ("Eigen opgave", Source.SELF_REPORT),
        ("eigen-opgave", Source.SELF_REPORT),
        ("Enquete", Source.SURVEY),
        ("ENQUÊTE", Source.SURVEY),
        ("Programmateam", Source.STAFF),
        ("Programme staff", Source.STAFF),
    ],
)
def test_an_observation_source_may_be_any_label_of_it(programme: Programme, word: str, source: str) -> None:
    company = CompanyFactory(kvk_number="11111111", programmes=[programme])

    result = run(programme, "observations", f"kvk_nummer;datum;medewerkers;bron\n11111111;01-01-2018;3;{word}\n")

    assert errors(result) == []
    assert Observation.objects.get(company=company).source == source


@pytest.mark.parametrize("word", ["ZZP'er", "zzp-er", "freelancer", "Actief als ZZP-er", "ZZP\u2019er"])
def test_an_outflow_status_may_be_any_label_of_it(programme: Programme, word: str) -> None:
    company = CompanyFactory(kvk_number="11111111", programmes=[programme])

    result = run(
        programme,
        "participations",
        "KvK-nummer;Locatie;Pakket;Startdatum;Einddatum;Uitstroomstatus\n"
        f"11111111;Assen;Fulltime;01-01-2017;31-12-2017;{word}\n",
    )

    assert errors(result) == []
    assert Participation.objects.get(company=company).outflow_status == OutflowStatus.FREELANCER
