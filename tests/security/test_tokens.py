"""API tokens expire, have a scope, and their users list, make and revoke them on their security page."""

import datetime
import re

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fabriek.accounts.models import ApiToken, Role, hash_token
from fabriek.accounts.tokens import api_token_create
from fabriek.core.models import AuditEntry

LOCATIONS = "/api/v1/programmes/ofd/locations"


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_a_token_works_for_ninety_days_by_default_then_says_it_expired(client, world) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token, raw = api_token_create(actor=None, user=world.users[Role.STAFF], name="script")
        assert token.expires_at == timezone.now() + datetime.timedelta(days=90)
        clock.shift(datetime.timedelta(days=89, hours=23))
        assert client.get(LOCATIONS, headers=bearer(raw)).status_code == 200
        clock.shift(datetime.timedelta(hours=2))
        response = client.get(LOCATIONS, headers=bearer(raw))
        assert response.status_code == 401
        assert "expired" in response.json()["detail"]


def test_a_read_only_token_reads_but_may_not_write(client, world) -> None:  # type: ignore[no-untyped-def]
    _token, raw = api_token_create(
        actor=None, user=world.users[Role.STAFF], name="dashboard", scope=ApiToken.Scope.READ
    )
    assert client.get(LOCATIONS, headers=bearer(raw)).status_code == 200
    response = client.post(
        LOCATIONS, {"name": "Meppel", "kind": "representation"}, content_type="application/json", headers=bearer(raw)
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "This API token is read-only; use a read-and-write token to change records."}
    assert not AuditEntry.objects.filter(action="programmes.location.created").exists()


def test_a_read_write_token_may_write(client, world) -> None:  # type: ignore[no-untyped-def]
    _token, raw = api_token_create(
        actor=None, user=world.users[Role.STAFF], name="sync", scope=ApiToken.Scope.READ_WRITE
    )
    response = client.post(
        LOCATIONS, {"name": "Meppel", "kind": "representation"}, content_type="application/json", headers=bearer(raw)
    )
    assert response.status_code == 201


def test_the_command_makes_read_only_tokens_with_a_chosen_lifetime(world, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("create_api_token", "staff", "export", "--read-only", "--days", "30")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(key_hash=hash_token(raw))
    assert token.scope == ApiToken.Scope.READ
    lifetime = token.expires_at - token.created_at
    assert datetime.timedelta(days=30, seconds=-60) < lifetime <= datetime.timedelta(days=30)


def test_users_make_list_and_revoke_their_own_tokens_on_the_security_page(client, world) -> None:  # type: ignore[no-untyped-def]
    mentor = world.users[Role.MENTOR]
    client.force_login(mentor)
    page = reverse("accounts:security")

    response = client.post(page, {"name": "my calendar", "scope": "read", "days": "30"})

    assert response.status_code == 200
    raw = re.search(r'<code class="token-key">([^<]+)</code>', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=mentor)
    assert token.key_hash == hash_token(raw)
    assert (token.name, token.scope) == ("my calendar", "read")
    created = AuditEntry.objects.get(action="accounts.api_token.created")
    assert (created.actor, created.object_id) == (mentor, str(token.pk))
    assert raw not in str(created.changes)

    listing = client.get(page).content.decode()
    assert "my calendar" in listing
    assert raw not in listing  # shown once only

    response = client.post(reverse("accounts:token-revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    client.logout()
    assert client.get(LOCATIONS, headers=bearer(raw)).status_code == 401
    revoked = AuditEntry.objects.get(action="accounts.api_token.revoked")
    assert (revoked.actor, revoked.object_id, revoked.object_repr) == (mentor, str(token.pk), str(token))


def test_nobody_sees_or_revokes_another_users_token(client, world) -> None:  # type: ignore[no-untyped-def]
    token, _raw = api_token_create(actor=None, user=world.users[Role.STAFF], name="staff script")
    client.force_login(world.users[Role.MENTOR])
    assert "staff script" not in client.get(reverse("accounts:security")).content.decode()
    response = client.post(reverse("accounts:token-revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_token_form_with_bad_values_explains_itself(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.MENTOR])
    response = client.post(reverse("accounts:security"), {"name": "", "scope": "admin", "days": "9999"})
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"name", "scope", "days"}
    assert not ApiToken.objects.exists()
