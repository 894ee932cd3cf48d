"""Authentication: bearer tokens (made by `create_api_token`) and sessions with CSRF."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from fabriek.accounts.models import ApiToken, Role, hash_token
from fabriek.core.models import AuditEntry
from tests.api.conftest import send

LOCATIONS = "/api/v1/programmes/ofd/locations"
COMPANIES = "/api/v1/programmes/ofd/companies"
UNAUTHENTICATED = {
    "detail": "Authentication required: log in, or send an API token in the header 'Authorization: Bearer <token>'."
}


def test_create_api_token_prints_a_key_once_and_stores_only_its_hash(world) -> None:  # type: ignore[no-untyped-def]
    out, err = StringIO(), StringIO()

    call_command("create_api_token", "staff", "province dashboard", stdout=out, stderr=err)

    raw = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.user == world.users[Role.STAFF]
    assert token.name == "province dashboard"
    assert token.key_hash == hash_token(raw)
    assert raw not in token.key_hash
    assert token.last_used_at is None
    assert err.getvalue() == (
        f"Token 'province dashboard' for staff (Read and write, expires {token.expires_at:%Y-%m-%d}); "
        "send it as 'Authorization: Bearer <key>'.\n"
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id, entry.changes) == (
        "accounts.api_token.created",
        str(token.pk),
        {
            "name": [None, "province dashboard"],
            "scope": [None, "read_write"],
            "expires_at": [None, token.expires_at.isoformat()],
        },
    )


def test_create_api_token_for_an_unknown_user_says_so(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match=r"^No user named 'nobody'; create the user first\.$"):
        call_command("create_api_token", "nobody", "x", stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_a_token_made_by_the_command_reads_the_api(world, client) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("create_api_token", "funder", "province", stdout=out, stderr=StringIO())

    response = client.get(LOCATIONS, headers={"Authorization": f"Bearer {out.getvalue().strip()}"})

    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_token_records_its_last_use_at_most_once_a_minute(world, client, token_for) -> None:  # type: ignore[no-untyped-def]
    raw = token_for(Role.STAFF)
    headers = {"Authorization": f"Bearer {raw}"}
    first = datetime.datetime(2017, 5, 1, 10, 0, tzinfo=datetime.UTC)

    with time_machine.travel(first, tick=False):
        client.get(LOCATIONS, headers=headers)
    assert ApiToken.objects.get().last_used_at == first

    with time_machine.travel(first + datetime.timedelta(seconds=59), tick=False):
        client.get(LOCATIONS, headers=headers)
    assert ApiToken.objects.get().last_used_at == first

    with time_machine.travel(first + datetime.timedelta(minutes=1), tick=False):
        client.get(LOCATIONS, headers=headers)
    assert ApiToken.objects.get().last_used_at == first + datetime.timedelta(minutes=1)


def test_a_write_with_a_token_is_logged_as_the_tokens_user(world, client, token_for) -> None:  # type: ignore[no-untyped-def]
    raw = token_for(Role.STAFF)

    response = send(
        client,
        "POST",
        COMPANIES,
        {"kvk_number": "87654321", "name": "Hunebed Robotics BV"},
        Authorization=f"Bearer {raw}",
    )

    assert response.status_code == 201
    assert AuditEntry.objects.get(action="companies.company.created").actor == world.users[Role.STAFF]


@pytest.mark.parametrize("header", ["Bearer not-a-key", "Bearer ", "Token abc", "Basic c3RhZmY6cGFzc3dvcmQ="])
def test_a_wrong_or_malformed_authorization_header_gets_401(world, client, header) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LOCATIONS, headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_the_token_of_a_deactivated_user_no_longer_works(world, client, token_for) -> None:  # type: ignore[no-untyped-def]
    raw = token_for(Role.STAFF)
    world.users[Role.STAFF].is_active = False
    world.users[Role.STAFF].save(update_fields=["is_active"])

    response = client.get(LOCATIONS, headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_a_token_only_reaches_the_programmes_of_its_user(world, client, token_for) -> None:  # type: ignore[no-untyped-def]
    raw = token_for("other_staff")

    response = client.get(LOCATIONS, headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 404


def test_a_token_keeps_the_role_of_its_user(world, client, token_for) -> None:  # type: ignore[no-untyped-def]
    raw = token_for(Role.FUNDER)

    response = client.get(COMPANIES, headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 403
    assert response.json() == {"detail": "Your role in this programme (Funder) may not do this."}


def test_a_session_write_with_the_csrf_token_is_accepted(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.STAFF])
    client.get("/accounts/login/")  # any page with a form sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value

    response = send(
        client, "POST", COMPANIES, {"kvk_number": "87654321", "name": "Hunebed Robotics BV"}, X_CSRFToken=csrf
    )

    assert response.status_code == 201


def test_a_session_read_needs_no_csrf_token(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.STAFF])

    assert client.get(COMPANIES).status_code == 200


def test_an_anonymous_write_gets_401_not_a_csrf_error(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)

    response = send(client, "POST", COMPANIES, {"kvk_number": "87654321", "name": "Hunebed Robotics BV"})

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
