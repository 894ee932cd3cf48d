"""The public contract sample (../shared/contract/sample, copied into tests/data) gives expected.json exactly."""

import json

import pytest

from fabriek.reporting import rules
from fabriek.reporting.tests.histories import CONTRACT_SAMPLE, d, load_contract_sample, make_programme

EXPECTED = json.loads((CONTRACT_SAMPLE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def sample(db):
    world = make_programme()
    load_contract_sample(world)
    return world


def test_the_sample_gives_the_expected_inflow_outflow_table(sample):
    result = rules.inflow_outflow(programme=sample.programme, on=d(EXPECTED["on"])).as_dict()

    assert result == {"programme": "ofd", "on": EXPECTED["on"], **EXPECTED["inflow_outflow"]}


@pytest.mark.parametrize("period", sorted(EXPECTED["jobs_created"]))
def test_the_sample_gives_the_expected_jobs_created(sample, period):
    start, end = period.split("..")

    result = rules.jobs_created(programme=sample.programme, start=d(start), end=d(end)).as_dict()

    assert result == {"programme": "ofd", "from": start, "to": end, **EXPECTED["jobs_created"][period]}


def test_the_sample_names_the_company_missing_a_baseline_for_2017_to_2019(sample):
    result = rules.jobs_created(programme=sample.programme, start=d("2017-01-01"), end=d("2019-12-31"))

    missing = result.companies("companies_missing_baseline")

    assert [c.kvk_number for c in sample.programme.companies.filter(pk__in=missing)] == ["61103753"]
