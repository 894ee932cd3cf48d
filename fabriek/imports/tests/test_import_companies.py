import datetime

from fabriek.accounts.tests.factories import UserFactory
from fabriek.companies.models import Company
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.imports.tests.helpers import build_programme, errors, row_counts, run, warnings
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import Programme

COMPANIES = (
    "kvk_number,name,founded_on,postcode,municipality,sbi_code\n"
    "61103753,Drentse Textiel BV,2016-03-07,7831aa,Emmen,62.01\n"
    "58658147,IJsselmeer Advies BV,11-08-2015,9466 AA,GM1680,\n"
)


def test_companies_are_created_with_their_values_normalised_and_added_to_the_programme(programme: Programme) -> None:
    result = run(programme, "companies", COMPANIES)

    assert errors(result) == []
    assert (result.rows, result.created, result.updated, result.unchanged, result.applied) == (2, 2, 0, 0, True)
    rows = list(
        Company.objects.order_by("kvk_number").values_list(
            "kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code"
        )
    )
    assert rows == [
        ("58658147", "IJsselmeer Advies BV", datetime.date(2015, 8, 11), "9466 AA", "GM1680", ""),
        ("61103753", "Drentse Textiel BV", datetime.date(2016, 3, 7), "7831 AA", "GM0114", "6201"),
    ]
    assert set(programme.companies.values_list("kvk_number", flat=True)) == {"58658147", "61103753"}


def test_importing_the_same_file_again_changes_nothing(programme: Programme) -> None:
    run(programme, "companies", COMPANIES)
    before = row_counts()

    again = run(programme, "companies", COMPANIES)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    after = row_counts()
    assert (after.companies, after.links) == (before.companies, before.links)
    assert after.audit == before.audit + 1  # every run is in the audit log, even one that changed nothing


def test_a_changed_value_updates_the_company_and_absent_columns_are_left_alone(programme: Programme) -> None:
    run(programme, "companies", COMPANIES)

    result = run(
        programme, "companies", "kvk_nummer;naam\n61103753;Drentse Textiel Groep BV\n58658147;IJsselmeer Advies BV\n"
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    company = Company.objects.get(kvk_number="61103753")
    assert (company.name, company.founded_on, company.postcode) == (
        "Drentse Textiel Groep BV",
        datetime.date(2016, 3, 7),
        "7831 AA",
    )


def test_an_empty_cell_in_a_column_the_file_has_clears_the_value(programme: Programme) -> None:
    run(programme, "companies", COMPANIES)

    result = run(programme, "companies", "kvk_number,name,postcode\n61103753,Drentse Textiel BV,\n")

    assert (result.updated, result.unchanged) == (1, 0)
    assert Company.objects.get(kvk_number="61103753").postcode == ""


def test_a_company_only_another_programme_holds_is_an_error_on_its_kvk_number_and_nothing_is_written(
    programme: Programme,
) -> None:
    other = build_programme("other")
    CompanyFactory(
        kvk_number="61103753", name="Drentse Textiel BV", programmes=[other], postcode="7811 AB", municipality_code=""
    )
    before = row_counts()

    result = run(programme, "companies", "kvk_number,name,postcode\n58658147,New BV,\n61103753,Renamed BV,\n")

    assert errors(result) == [
        "companies.csv:3:kvk_number: 61103753 is already registered in another programme; ask an administrator to "
        "share the company with this programme"
    ]
    assert (result.applied, result.created, result.updated, result.unchanged) == (False, 1, 0, 0)
    assert row_counts() == before
    company = Company.objects.get(kvk_number="61103753")
    assert (company.name, company.postcode) == ("Drentse Textiel BV", "7811 AB")
    assert list(company.programmes.values_list("slug", flat=True)) == ["other"]
    assert not Company.objects.filter(kvk_number="58658147").exists()


def test_a_company_only_another_programme_holds_is_also_an_error_in_a_dry_run_even_when_nothing_differs(
    programme: Programme,
) -> None:
    CompanyFactory(kvk_number="61103753", name="Drentse Textiel BV", programmes=[build_programme("other")])

    result = run(programme, "companies", "kvk_nummer;naam\n6110 3753;Drentse Textiel BV\n", dry_run=True)

    assert errors(result) == [
        "companies.csv:2:kvk_nummer: 6110 3753 is already registered in another programme; ask an administrator "
        "to share the company with this programme"
    ]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)


def test_a_company_held_by_no_programme_cannot_be_claimed_by_an_import(programme: Programme) -> None:
    CompanyFactory(kvk_number="61103753", name="Drentse Textiel BV", programmes=[])

    result = run(programme, "companies", "kvk_number,name\n61103753,Drentse Textiel BV\n")

    assert [(m.line, m.column, m.value) for m in result.errors] == [(2, "kvk_number", "61103753")]
    assert not Company.objects.get(kvk_number="61103753").programmes.exists()


def test_a_company_shared_with_this_programme_is_updated_and_stays_in_both(programme: Programme) -> None:
    other = build_programme("other")
    CompanyFactory(
        kvk_number="61103753",
        name="Drentse Textiel BV",
        programmes=[other, programme],
        postcode="",
        municipality_code="",
    )

    result = run(programme, "companies", "kvk_number,name\n61103753,Drentse Textiel Groep BV\n")

    assert errors(result) == []
    assert (result.applied, result.created, result.updated, result.unchanged) == (True, 0, 1, 0)
    company = Company.objects.get(kvk_number="61103753")
    assert company.name == "Drentse Textiel Groep BV"
    assert sorted(company.programmes.values_list("slug", flat=True)) == ["fabriek", "other"]


def test_a_dry_run_reports_the_counts_and_writes_nothing(programme: Programme) -> None:
    before = row_counts()

    result = run(programme, "companies", COMPANIES, dry_run=True)

    assert (result.created, result.updated, result.unchanged, result.applied) == (2, 0, 0, False)
    assert row_counts() == before


def test_one_audit_entry_records_the_run_with_its_counts_and_actor(programme: Programme) -> None:
    user = UserFactory(username="importer")

    run(programme, "companies", COMPANIES, actor=user)

    entry = AuditEntry.objects.get(action="imports.file.imported")
    assert (entry.actor, entry.programme_slug, entry.object_type, entry.object_id) == (
        user,
        "fabriek",
        "programmes.programme",
        str(programme.pk),
    )
    assert entry.changes == {
        "kind": "companies",
        "file": "companies.csv",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "warnings": 0,
    }


def test_a_company_founded_more_than_five_years_before_its_first_stay_imports_with_a_warning(
    programme: Programme,
) -> None:
    company = CompanyFactory(kvk_number="76992568", programmes=[programme])
    location = programme.locations.get(name="Assen")
    package = programme.packages.get(kind="network")
    ParticipationFactory(
        company=company, programme=programme, location=location, package=package, started_on=datetime.date(2017, 1, 4)
    )

    result = run(programme, "companies", "kvk_number,name,founded_on\n76992568,Eelde Bouw BV,2011-12-19\n")

    assert result.applied
    assert warnings(result) == [
        "companies.csv:2:founded_on: the company was founded on 2011-12-19, more than five years before its "
        "first stay started on 2017-01-04"
    ]


def test_a_company_founded_exactly_five_years_before_its_first_stay_gets_no_warning(programme: Programme) -> None:
    company = CompanyFactory(kvk_number="76992568", programmes=[programme])
    ParticipationFactory(
        company=company,
        programme=programme,
        location=programme.locations.get(name="Assen"),
        package=programme.packages.get(kind="network"),
        started_on=datetime.date(2016, 12, 19),
    )

    result = run(programme, "companies", "kvk_number,name,founded_on\n76992568,Eelde Bouw BV,2011-12-19\n")

    assert warnings(result) == []


def test_a_row_repeated_word_for_word_is_imported_once_with_a_warning(programme: Programme) -> None:
    result = run(programme, "companies", "kvk_number,name\n61103753,A BV\n61103753,A BV\n")

    assert (result.rows, result.created) == (2, 1)
    assert warnings(result) == ["companies.csv:3: this line repeats line 2; it is imported once"]


def test_a_column_the_format_does_not_know_is_ignored_with_a_warning(programme: Programme) -> None:
    result = run(programme, "companies", "kvk_number,name,website\n61103753,A BV,https://a.example\n")

    assert result.applied
    assert warnings(result) == ["companies.csv:1:website: this column is not used; its values are ignored"]
