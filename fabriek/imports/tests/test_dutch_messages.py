"""Errors come in the user's language: Dutch unless English was chosen."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from fabriek.companies.models import Company
from fabriek.imports.services import import_file


def test_an_import_error_reads_in_dutch_with_the_files_own_column_name(programme) -> None:  # type: ignore[no-untyped-def]
    Company.objects.create(kvk_number="12345678", name="Hunebed BV").programmes.add(programme)
    content = (
        b"kvk_nummer;locatie;pakket;startdatum;einddatum;uitstroom\n12345678;Assen;netwerk;12-03-2015;01-01-2014;zzp\n"
    )
    with translation.override("nl"):
        result = import_file(
            programme=programme,
            kind="participations",
            filename="deelnames.csv",
            content=content,
            actor=None,
            dry_run=False,
        )
        messages = [str(error) for error in result.errors]
    assert messages == ["deelnames.csv:2:einddatum: 01-01-2014 ligt voor de startdatum 12-03-2015"]
    assert not programme.participations.exists()


def test_the_command_prints_dutch_errors_by_default(programme, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bedrijven.csv"
    path.write_bytes(b"kvk_nummer,naam\n1234567,Te kort BV\n")
    with translation.override("nl"), pytest.raises(CommandError, match="er is niets geïmporteerd"):
        call_command("import_records", "--programme", programme.slug, "companies", str(path))
    err = capsys.readouterr().err
    assert "bedrijven.csv:2:kvk_nummer: 1234567" in err
    assert "is geen KvK-nummer: het heeft 7 cijfers, een KvK-nummer heeft er 8" in err
    assert not Company.objects.exists()
