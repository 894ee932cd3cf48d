"""The funder reads aggregates and organisations, never personal data or company-level records."""

import pytest

from config.api import api_operations
from fabriek.accounts.models import Role, User
from fabriek.companies.models import Company, Person
from tests.api.test_permissions import request_for

FUNDER_READS = sorted(
    (op.method, op.path) for op in api_operations() if op.method == "GET" and Role.FUNDER in (op.roles or ())
)


def test_the_funder_reads_locations_partners_and_events_only() -> None:
    assert [path.removeprefix("/api/v1/programmes/{programme}") for _method, path in FUNDER_READS] == [
        "/events",
        "/events/{id}",
        "/locations",
        "/locations/{id}",
        "/partners",
        "/partners/{id}",
        "/reports/indicators",
        "/reports/inflow-outflow",
        "/reports/jobs-created",
    ]


@pytest.mark.parametrize("key", FUNDER_READS, ids=[path for _m, path in FUNDER_READS])
def test_no_name_e_mail_or_company_record_reaches_the_funder(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, query = request_for(world, key, world.ofd)
    client.force_login(world.users[Role.FUNDER])

    response = client.get(path, query or {})

    assert response.status_code == 200
    text = response.content.decode()
    personal = [p.name for p in Person.objects.all()] + [p.email for p in Person.objects.exclude(email="")]
    personal += [u.email for u in User.objects.exclude(email="")]
    companies = [c.name for c in Company.objects.all()] + [c.kvk_number for c in Company.objects.all()]
    assert [value for value in personal + companies if value in text] == []
    assert '"email"' not in text
    assert '"attendees": [' not in text
