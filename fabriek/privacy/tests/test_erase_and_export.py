"""A person's rights: the export holds everything the programme keeps about them; after an erasure their
name, e-mail address and phone number are nowhere in the database or the stored files, and every report
gives the same numbers."""

import datetime
import io
import json
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import translation
from openpyxl import Workbook

from fabriek.accounts.models import Role
from fabriek.accounts.tests.factories import MembershipFactory, UserFactory
from fabriek.companies.models import CompanyRole, Person
from fabriek.core.models import AuditEntry
from fabriek.deletions.tests.test_delete_and_undo import figures
from fabriek.events.models import Attendance
from fabriek.events.services import attendance_add, attendance_check_in, attendance_delete
from fabriek.events.tests.factories import EventFactory
from fabriek.imports.models import ImportJob
from fabriek.imports.reading import read_table
from fabriek.imports.tests.factories import ImportJobFactory
from fabriek.intake.tests.factories import ApplicationFactory, LeadFactory
from fabriek.mentoring.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Fenna Zwartjes-Oosterhuis", "fenna.zo@example.nl", "06-98765432"


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def xlsx(*rows: list[str]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def fenna(world) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """One person the programme knows in every way: founder of its company, at two of its events (checked
    in at one; a third registration deleted and kept for an undo), a mentor, with an account, in the audit
    log and the admin's log, and in two uploaded files waiting to be imported."""
    ofd, staff = world.ofd, world.users[Role.STAFF]
    first = attendance_add(actor=staff, programme=ofd.programme, event=ofd.event, name=NAME, email=EMAIL)
    attendance_check_in(actor=staff, programme=ofd.programme, attendance=first)
    person = first.person
    Person.objects.filter(pk=person.pk).update(phone=PHONE)
    second_event = EventFactory(programme=ofd.programme, location=ofd.location, title="Pitch night")
    attendance_add(actor=staff, programme=ofd.programme, event=second_event, name="F. Zwartjes", email=EMAIL)
    third = attendance_add(
        actor=staff, programme=ofd.programme, event=EventFactory(programme=ofd.programme), name=NAME, email=EMAIL
    )
    attendance_delete(actor=staff, programme=ofd.programme, attendance=third)
    CompanyRole.objects.create(company=ofd.company, person=person, role=CompanyRole.Role.FOUNDER)
    MentorFactory(person=person, programme=ofd.programme, active_from=datetime.date(2016, 1, 1))
    account = MembershipFactory(
        user=UserFactory(username="fenna", email=EMAIL.upper(), first_name="Fenna", last_name="Zwartjes-Oosterhuis"),
        programme=ofd.programme,
        role=Role.FUNDER,
    ).user
    AuditEntry.objects.create(
        action="companies.person.updated",
        object_type="companies.person",
        object_id=str(person.pk),
        object_repr=NAME,
        programme_slug="ofd",
        changes={"email": ["", EMAIL], "phone": ["", PHONE]},
        reason=f"Called {PHONE}; she wrote from {EMAIL}.",
    )
    LogEntry.objects.create(
        user=world.users["superuser"],
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message=f"Changed email to {EMAIL}",
    )
    LeadFactory(programme=ofd.programme, name=NAME, email=EMAIL, phone=PHONE, notes=f"Met {NAME} at the fair")
    ApplicationFactory(programme=ofd.programme, founder_name=NAME, founder_email=EMAIL, founder_phone=PHONE)
    ImportJobFactory(
        programme=ofd.programme,
        kind="attendance",
        filename="aanwezig.csv",
        content=f"\ufeffnaam;email;telefoon\n{NAME};{EMAIL};{PHONE}\nAnder Iemand;ander@example.nl;\n".encode(),
    )
    ImportJobFactory(
        programme=ofd.programme,
        filename="people.xlsx",
        content=xlsx(["name", "email"], [NAME, EMAIL], ["Ander Iemand", "ander@example.nl"]),
    )
    return SimpleNamespace(person=person, account=account, world=world, staff=staff)


def occurrences() -> list[str]:
    """Where the name, e-mail address or phone number still stands: every text, JSON and binary column of
    every table (a binary one also read as a spreadsheet), as `table.column`."""
    needles = [NAME.lower(), EMAIL.lower(), PHONE]
    found = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.CharField | models.TextField | models.JSONField | models.BinaryField):
                continue
            for value in model._base_manager.values_list(f.attname, flat=True):
                if value is None:
                    continue
                if isinstance(f, models.BinaryField):
                    raw = bytes(value)
                    texts = [raw.decode("utf-8", "replace")]
                    if raw:
                        table = read_table("f", raw)
                        texts += [str(c) for row in table.rows for c in row.cells] + table.headers
                elif isinstance(f, models.JSONField):
                    texts = [json.dumps(value, ensure_ascii=False)]
                else:
                    texts = [value]
                if any(n in t.lower() for t in texts for n in needles):
                    found.append(f"{model._meta.db_table}.{f.column}")
    return sorted(set(found))


def test_before_the_erasure_the_scan_finds_the_person_everywhere(fenna) -> None:  # type: ignore[no-untyped-def]
    # the scan below is only worth something if it finds what it looks for
    assert occurrences() == [
        "accounts_user.email",
        "companies_person.email",
        "companies_person.name",
        "companies_person.phone",
        "core_auditentry.changes",
        "core_auditentry.object_repr",
        "core_auditentry.reason",
        "django_admin_log.change_message",
        "django_admin_log.object_repr",
        "imports_importjob.content",
        "intake_application.founder_email",
        "intake_application.founder_name",
        "intake_application.founder_phone",
        "intake_lead.email",
        "intake_lead.name",
        "intake_lead.notes",
        "intake_lead.phone",
    ]


def test_after_person_erase_the_person_is_nowhere_and_every_report_is_the_same(fenna) -> None:  # type: ignore[no-untyped-def]
    before = figures()
    out = io.StringIO()
    call_command("person_erase", "--programme", "ofd", "--email", EMAIL, "--reason", f"Request of {NAME}", stdout=out)
    assert "Erased 1 person record(s), 1 account(s) and 2 lead(s) or application(s)" in out.getvalue()
    assert occurrences() == []
    assert figures() == before
    # the anonymous facts stay: the person, their attendances, role and mentorship
    person = Person.objects.get(pk=fenna.person.pk)
    assert (person.name, person.email, person.phone) == ("[erased]", "", "")
    assert Attendance.objects.filter(person=person).count() == 2
    assert person.company_roles.count() == 1 and person.mentorships.count() == 1
    fenna.account.refresh_from_db()
    assert (fenna.account.username, fenna.account.is_active, fenna.account.has_usable_password()) == (
        f"erased-{fenna.account.pk}",
        False,
        False,
    )
    # the other rows of the stored files are untouched
    csv_job = ImportJob.objects.get(filename="aanwezig.csv")
    assert bytes(csv_job.content).decode("utf-8-sig").splitlines()[1:] == [
        "[erased];[erased];[erased]",
        "Ander Iemand;ander@example.nl;",
    ]
    xlsx_job = ImportJob.objects.get(filename="people.xlsx")
    assert [row.cells for row in read_table("people.xlsx", bytes(xlsx_job.content)).rows] == [
        ["[erased]", "[erased]"],
        ["Ander Iemand", "ander@example.nl"],
    ]
    # the erasure is logged, without the erased data (the reason is cleaned too)
    entry = AuditEntry.objects.get(action="privacy.person.erased")
    assert entry.reason == "Request of [erased]"
    assert entry.changes["people"] == [None, 1] and entry.changes["files"] == [None, 2]


def test_an_erased_attendance_can_still_be_restored_anonymously(fenna) -> None:  # type: ignore[no-untyped-def]
    from fabriek.core.deletion import deletion_undo

    call_command("person_erase", "--programme", "ofd", "--email", EMAIL, stdout=io.StringIO())
    deletion = AuditEntry.objects.get(action="events.attendance.deleted")
    assert NAME not in deletion.object_repr
    restored = deletion_undo(actor=fenna.staff, entry=deletion)
    assert restored is not None and restored.person.name == "[erased]"


def test_person_export_prints_everything_the_programme_holds_about_them(fenna) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command("person_export", "--programme", "ofd", "--email", EMAIL.upper(), stdout=out)
    document = json.loads(out.getvalue())
    assert document["programme"] == {"slug": "ofd", "name": fenna.world.ofd.programme.name}
    [person] = document["people"]
    assert (person["name"], person["email"], person["phone"]) == (NAME, EMAIL, PHONE)
    company = fenna.world.ofd.company
    assert person["company_roles"] == [{"company": company.name, "kvk_number": company.kvk_number, "role": "founder"}]
    assert sorted((a["event"], a["checked_in"]) for a in person["attendances"]) == [
        (fenna.world.ofd.event.title, True),
        ("Pitch night", False),
    ]
    assert [m["active_from"] for m in person["mentorships"]] == ["2016-01-01"]
    [account] = document["accounts"]
    assert (account["username"], account["roles"]) == ("fenna", ["funder"])
    assert [(lead["name"], lead["notes"]) for lead in document["leads"]] == [(NAME, f"Met {NAME} at the fair")]
    assert [a["founder_phone"] for a in document["applications"]] == [PHONE]
    actions = [e["action"] for e in document["audit_entries"]]
    assert actions.count("events.attendance.added") == 3
    assert "events.attendance.checked_in" in actions and "events.attendance.deleted" in actions
    assert "companies.person.updated" in actions
    # the export is logged, without the data
    logged = AuditEntry.objects.get(action="privacy.person.exported")
    assert (logged.object_id, logged.changes, logged.reason) == (str(fenna.person.pk), {}, "")


def test_another_programme_learns_nothing_and_erases_nothing(fenna) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="knows nobody"):
        call_command("person_export", "--programme", "other", "--email", EMAIL, stdout=io.StringIO())
    with pytest.raises(CommandError, match="knows nobody"):
        call_command("person_erase", "--programme", "other", "--email", EMAIL, stdout=io.StringIO())
    assert Person.objects.get(pk=fenna.person.pk).name == NAME


def test_an_unknown_programme_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="Unknown programme nope"):
        call_command("person_export", "--programme", "nope", "--email", EMAIL, stdout=io.StringIO())


def test_a_name_is_replaced_as_a_whole_word_only(world) -> None:  # type: ignore[no-untyped-def]
    from fabriek.privacy.scrub import Scrubber

    scrubber = Scrubber(["Jan", "jan@example.nl", ""])
    assert (
        scrubber.text("Jan Jansen mailde JAN@example.nl over januari") == "[erased] Jansen mailde [erased] over januari"
    )
