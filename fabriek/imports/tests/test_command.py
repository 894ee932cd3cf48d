import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fabriek.accounts.tests.factories import UserFactory
from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry
from fabriek.imports.tests.helpers import row_counts
from fabriek.programmes.models import Programme

CONTRACT = Path(__file__).parent / "contract"


def command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_records", *args, "--language", "en", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_a_file_and_prints_the_counts(programme: Programme) -> None:
    out, err = command("--programme", "fabriek", "companies", str(CONTRACT / "nl" / "companies.csv"))

    assert out == "companies.csv: 12 rows; 12 created, 0 updated, 0 unchanged, 0 warnings\n"
    assert err == ""
    assert Company.objects.filter(programmes=programme).count() == 12


def test_the_command_prints_every_error_and_fails_without_writing(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "companies.csv"
    path.write_text("kvk_number,name\n1234567A,A BV\n11111111,\n22222222,B BV\n")
    err = io.StringIO()
    before = row_counts()

    with pytest.raises(CommandError) as caught:
        call_command("import_records", "--programme", "fabriek", "companies", str(path), "--language", "en", stderr=err)

    assert err.getvalue() == (
        "companies.csv:2:kvk_number: 1234567A is not a KvK number (8 digits)\n"
        "companies.csv:3:name: the value is missing; this column is required\n"
    )
    assert str(caught.value) == "companies.csv: 2 errors; nothing was imported"
    assert row_counts() == before


def test_warnings_go_to_stderr_and_the_import_proceeds(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "companies.csv"
    path.write_text("kvk_number,name,notes\n11111111,A BV,first\n")

    out, err = command("--programme", "fabriek", "companies", str(path))

    assert err == "warning: companies.csv:1:notes: this column is not used; its values are ignored\n"
    assert out == "companies.csv: 1 row; 1 created, 0 updated, 0 unchanged, 1 warning\n"


def test_a_dry_run_writes_nothing(programme: Programme) -> None:
    before = row_counts()

    out, _err = command("--programme", "fabriek", "--dry-run", "companies", str(CONTRACT / "en" / "companies.csv"))

    assert (
        out == "companies.csv: 12 rows; 12 created, 0 updated, 0 unchanged, 0 warnings (dry run: nothing was written)\n"
    )
    assert row_counts() == before


def test_the_user_option_is_recorded_as_the_actor(programme: Programme) -> None:
    user = UserFactory(username="office")

    command("--programme", "fabriek", "--user", "office", "companies", str(CONTRACT / "en" / "companies.csv"))

    assert AuditEntry.objects.get(action="imports.file.imported").actor == user


def test_an_unknown_programme_is_an_error(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="no programme with slug nope"):
        command("--programme", "nope", "companies", str(CONTRACT / "en" / "companies.csv"))


def test_a_missing_file_is_an_error(programme: Programme, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        command("--programme", "fabriek", "companies", str(tmp_path / "absent.csv"))
