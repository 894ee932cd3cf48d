"""Staff import a real spreadsheet file through the page: check, see the preview, confirm."""

import re

import pytest
from playwright.sync_api import expect

from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_upload_a_dutch_excel_csv_check_it_and_import_it(visitor, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    sheet = tmp_path / "bedrijven.csv"
    # Dutch Excel: semicolons, Windows-1252, dd-mm-yyyy
    sheet.write_bytes("KvK-nummer;Naam;Opgericht op\n87654321;Café Hunebed B.V.;01-02-2016\n".encode("cp1252"))
    visitor.log_in("staff")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Importeren").click()
    visitor.check("import_upload")

    page.get_by_label("Bedrijven").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(sheet))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("button", name="Deze records importeren")).to_be_visible()
    visitor.check("import_preview")
    assert not Company.objects.filter(kvk_number="87654321").exists()  # nothing written before confirming

    page.get_by_role("button", name="Deze records importeren").click()
    expect(page.get_by_role("button", name="Deze records importeren")).to_have_count(0)
    visitor.check("import_done")
    company = Company.objects.get(kvk_number="87654321")
    assert company.name == "Café Hunebed B.V."
    assert str(company.founded_on) == "2016-02-01"
    assert world.ofd.programme in company.programmes.all()
    assert AuditEntry.objects.filter(action="imports.file.imported", actor=world.users["staff"]).count() == 1


def test_a_file_with_an_error_shows_line_and_column_and_imports_nothing(visitor, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    sheet = tmp_path / "bedrijven.csv"
    sheet.write_bytes(b"kvk_nummer,naam\n12345678,Goed BV\n1234,Fout BV\n")
    visitor.log_in("staff")
    page.goto(visitor.base_url + "/p/ofd/imports/")
    page.get_by_label("Bedrijven").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(sheet))
    page.get_by_role("button", name="Bestand controleren").click()
    visitor.check("import_errors")
    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(["3", "kvk_nummer", re.compile(r"^1234 is geen KvK-nummer")])
    expect(page.get_by_role("button", name="Deze records importeren")).to_have_count(0)
    assert not Company.objects.filter(kvk_number__in=["12345678", "1234"]).exists()


def test_an_import_whose_worker_was_lost_can_be_started_again(visitor, world) -> None:  # type: ignore[no-untyped-def]
    from fabriek.imports import services

    page = visitor.page
    job = world.ofd.import_job  # checked: one company
    services.import_job_confirm(job=job, actor=world.users["staff"])
    services.import_job_fail(job_id=job.pk, worker_lost=True)
    visitor.log_in("staff")
    visitor.visit(f"/p/ofd/imports/{job.pk}/", "import_lost")
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.locator("#job-status")).to_have_text("Geïmporteerd")
    visitor.check("import_retried")
    assert Company.objects.filter(kvk_number="12345678").exists()
