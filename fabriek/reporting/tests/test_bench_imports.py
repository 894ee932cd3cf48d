"""`make bench` loads its national data through the public import command: at a tiny scale, every file the
generator writes is accepted by `manage.py import_records` and gives the records the direct load gives."""

from io import StringIO

from django.core.management import call_command

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.reporting.bench import files, generate

SCALE = generate.Scale(companies=30, observations=600, seed=7)


def _import_in_process(slug, kind, path):
    out, err = StringIO(), StringIO()
    call_command("import_records", "--programme", slug, kind, str(path), stdout=out, stderr=err)
    assert "error" not in err.getvalue().lower(), err.getvalue()


def _records():
    """What a report sees, without the ids: stays and figures by KvK number and programme."""
    stays = sorted(
        Participation.objects.values_list(
            "company__kvk_number",
            "programme__slug",
            "location__name",
            "package__kind",
            "started_on",
            "ended_on",
            "outflow_status",
        )
    )
    figures = sorted(
        Observation.objects.values_list(
            "company__kvk_number",
            "programme__slug",
            "observed_on",
            "source",
            "employees",
            "interns",
            "fte",
            "revenue_cents",
        )
    )
    members = sorted(Company.programmes.through.objects.values_list("company__kvk_number", "programme__slug"))
    return stays, figures, members


def test_the_generated_import_files_are_accepted_and_give_the_records_of_the_direct_load(db, tmp_path):
    via = files.ViaImports(tmp_path, _import_in_process)

    generate.generate(SCALE, via=via)
    imported = _records()
    generate.remove()
    generate.generate(SCALE)
    direct = _records()

    # Three kinds for each of the five programmes, companies first, each file with its rows.
    assert [kind for _slug, kind, _path, _rows in via.written] == ["companies"] * 5 + ["participations"] * 5 + [
        "observations"
    ] * 5
    assert sum(rows for _slug, kind, _path, rows in via.written if kind == "observations") == 600
    assert (tmp_path / "bench-national-observations.csv").read_text().splitlines()[0] == (
        "kvk_number,observed_on,employees,interns,fte,revenue_eur,source"
    )
    assert len(imported[1]) == 600
    assert imported == direct


def test_amounts_are_written_in_euros_as_the_import_reads_them():
    assert [files.euros(cents) for cents in (None, 0, 5, 100, 1234567, -250)] == [
        "",
        "0.00",
        "0.05",
        "1.00",
        "12345.67",
        "-2.50",
    ]
