"""`manage.py report`: the pinned JSON on standard output, CSV and XLSX files, and clear errors."""

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from fabriek.reporting.tests.histories import CONTRACT_SAMPLE, load_contract_sample, make_programme

EXPECTED = json.loads((CONTRACT_SAMPLE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def sample(db):
    world = make_programme()
    load_contract_sample(world)
    return world


def report(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_inflow_outflow_prints_the_pinned_json(sample):
    out, _ = report("--programme", "ofd", "inflow-outflow", "--on", "2018-06-30", "--format", "json")

    assert json.loads(out) == {"programme": "ofd", "on": "2018-06-30", **EXPECTED["inflow_outflow"]}


def test_json_is_the_default_format(sample):
    out, _ = report("--programme", "ofd", "inflow-outflow", "--on", "2018-06-30")

    assert json.loads(out)["inflow"] == {"participants": 10, "employees": 34, "interns": 8}


@pytest.mark.parametrize("period", sorted(EXPECTED["jobs_created"]))
def test_jobs_created_prints_the_pinned_json(sample, period):
    start, end = period.split("..")

    out, _ = report("--programme", "ofd", "jobs-created", "--from", start, "--to", end, "--format", "json")

    assert json.loads(out) == {"programme": "ofd", "from": start, "to": end, **EXPECTED["jobs_created"][period]}


def test_indicators_prints_the_eight_indicators_with_value_target_and_definition(sample):
    out, _ = report(
        "--programme", "ofd", "indicators", "--from", "2017-01-01", "--to", "2019-12-31", "--format", "json"
    )

    data = json.loads(out)
    assert (data["programme"], data["from"], data["to"]) == ("ofd", "2017-01-01", "2019-12-31")
    assert [i["key"] for i in data["indicators"]] == [
        "events",
        "people_reached",
        "participants",
        "partners",
        "physical_locations",
        "other_locations",
        "mentors",
        "jobs_created",
    ]
    jobs = data["indicators"][7]
    assert (jobs["value"], jobs["net"], jobs["target"]) == (19, 11, None)
    assert data["indicators"][2]["value"] == 12  # every company of the sample had a stay in 2017-2019
    assert all(i["definition"] for i in data["indicators"])


def test_csv_goes_to_standard_output_with_the_definitions(sample):
    out, _ = report(
        "--programme", "ofd", "jobs-created", "--from", "2018-01-01", "--to", "2018-12-31", "--format", "csv"
    )

    assert out.splitlines()[:4] == ["Jobs created,Value", "From,2018-01-01", "To,2018-12-31", "Gross (new jobs),15"]
    assert "How this is computed" in out.splitlines()


def test_xlsx_is_written_to_the_output_file(sample, tmp_path):
    path = tmp_path / "table.xlsx"

    out, err = report(
        "--programme",
        "ofd",
        "inflow-outflow",
        "--on",
        "2018-06-30",
        "--format",
        "xlsx",
        "--output",
        str(path),
        "--companies",
        "--coverage",
    )

    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["In- and outflow", "Data coverage", "Companies", "How this is computed"]
    assert [c.value for c in workbook["In- and outflow"][2]] == ["Total inflow", 10, 34, 8]
    assert (out, err.strip()) == ("", f"Wrote {path}")


def test_json_can_be_written_to_a_file_too(sample, tmp_path):
    path = tmp_path / "jobs.json"

    report("--programme", "ofd", "jobs-created", "--from", "2018-01-01", "--to", "2018-12-31", "--output", str(path))

    assert json.loads(path.read_text())["gross"] == 15


def test_xlsx_without_an_output_file_is_refused(sample):
    with pytest.raises(CommandError, match="--output"):
        report("--programme", "ofd", "inflow-outflow", "--on", "2018-06-30", "--format", "xlsx")


def test_an_unknown_programme_is_refused_and_the_known_ones_are_named(sample):
    with pytest.raises(CommandError, match=r"Unknown programme nope\. Known programmes: ofd\."):
        report("--programme", "nope", "inflow-outflow", "--on", "2018-06-30")


@pytest.mark.parametrize("bad", ["2018-02-30", "30-06-2018", "20180630", "yesterday"])
def test_a_bad_date_is_refused(sample, bad):
    with pytest.raises(CommandError, match=f"{bad} is not a date; write it as YYYY-MM-DD"):
        report("--programme", "ofd", "inflow-outflow", "--on", bad)


def test_a_period_that_ends_before_it_starts_is_refused(sample):
    with pytest.raises(CommandError, match=r"The period ends \(2017-12-31\) before it starts \(2018-01-01\)"):
        report("--programme", "ofd", "jobs-created", "--from", "2018-01-01", "--to", "2017-12-31")


def test_an_unknown_report_is_refused(sample):
    with pytest.raises(CommandError, match="invalid choice"):
        report("--programme", "ofd", "budget")


def test_from_the_command_line_a_bad_date_exits_non_zero_with_the_reason():
    root = Path(__file__).resolve().parents[3]

    done = subprocess.run(
        [sys.executable, "manage.py", "report", "--programme", "ofd", "inflow-outflow", "--on", "2018-02-30"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )

    # The message is in the site's language (Dutch by default): check the parts that do not change.
    assert done.returncode == 2
    assert "argument --on: 2018-02-30" in done.stderr
