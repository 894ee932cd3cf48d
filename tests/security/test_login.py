"""Password guessing is throttled per account and per address; logins, failures and lockouts are audited;
sessions end after 30 idle minutes and 12 hours."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry

LOGIN = "/accounts/login/"


def attempt(client, username: str, password: str, ip: str = "203.0.113.7"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_twenty_wrong_passwords_then_the_right_one_is_refused_until_the_lockout_ends(client, world) -> None:  # type: ignore[no-untyped-def]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(20):
            response = attempt(client, "staff", "wrong-guess")
            assert response.status_code in (200, 429)
        response = attempt(client, "staff", "password")
        assert response.status_code == 429
        page = response.content.decode()
        assert "Too many attempts" in page
        assert "even with the right password" in page
        retry = timezone.localtime(start + datetime.timedelta(minutes=15)).strftime("%H:%M")
        assert f"Try again in 15 minutes, after {retry}" in page
        assert response["Retry-After"] == "900"
        assert "_auth_user_id" not in client.session

        clock.shift(datetime.timedelta(minutes=14))
        assert attempt(client, "staff", "password").status_code == 429

        clock.shift(datetime.timedelta(minutes=2))
        response = attempt(client, "staff", "password")
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(world.users[Role.STAFF].pk)


def test_nine_failures_do_not_lock_and_a_success_clears_the_count(client, world) -> None:  # type: ignore[no-untyped-def]
    for _ in range(9):
        assert attempt(client, "staff", "wrong").status_code == 200
    assert attempt(client, "staff", "password").status_code == 302
    client.logout()
    for _ in range(9):
        assert attempt(client, "staff", "wrong").status_code == 200
    assert attempt(client, "staff", "password").status_code == 302


def test_the_lock_is_per_account_and_per_address(client, world) -> None:  # type: ignore[no-untyped-def]
    for _ in range(10):
        attempt(client, "staff", "wrong", ip="203.0.113.7")
    # the account is locked from any address
    assert attempt(client, "staff", "password", ip="198.51.100.1").status_code == 429
    # the address is locked for any account
    assert attempt(client, "mentor", "password", ip="203.0.113.7").status_code == 429
    # another account from another address is not affected
    assert attempt(client, "mentor", "password", ip="198.51.100.1").status_code == 302


def test_spraying_many_accounts_from_one_address_locks_the_address(client, world) -> None:  # type: ignore[no-untyped-def]
    for index in range(10):
        attempt(client, f"nobody{index}", "wrong", ip="192.0.2.50")
    assert attempt(client, "staff", "password", ip="192.0.2.50").status_code == 429


def test_logins_failures_lockouts_and_logouts_are_audited_with_the_address(client, world) -> None:  # type: ignore[no-untyped-def]
    staff = world.users[Role.STAFF]
    attempt(client, "staff", "wrong")
    attempt(client, "staff", "password")
    client.post(reverse("accounts:logout"), REMOTE_ADDR="203.0.113.7")
    for _ in range(10):
        attempt(client, "mentor", "wrong", ip="198.51.100.9")

    failed = AuditEntry.objects.filter(action="accounts.user.login_failed")
    assert failed.filter(object_repr="staff", actor=None).count() == 1
    assert failed.first().changes["ip"] in {"203.0.113.7", "198.51.100.9"}
    login = AuditEntry.objects.get(action="accounts.user.logged_in")
    assert (login.actor, login.object_id, login.changes["ip"]) == (staff, str(staff.pk), "203.0.113.7")
    assert AuditEntry.objects.get(action="accounts.user.logged_out").actor == staff
    lockout = AuditEntry.objects.get(action="accounts.user.locked_out")
    assert (lockout.object_repr, lockout.changes["ip"]) == ("mentor", "198.51.100.9")
    # the password typed is never stored
    assert not AuditEntry.objects.filter(changes__icontains="wrong").exists()


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(client, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BEHIND_PROXY = True
    for _ in range(10):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.99",
        )
    entry = AuditEntry.objects.filter(action="accounts.user.login_failed").first()
    assert entry.changes["ip"] == "203.0.113.99"


# --- sessions ----------------------------------------------------------------------------------------------


def dashboard(client):  # type: ignore[no-untyped-def]
    return client.get(reverse("reporting:dashboard", kwargs={"programme": "ofd"}))


def test_a_session_ends_after_thirty_idle_minutes(client, world) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert attempt(client, "staff", "password").status_code == 302
        clock.shift(datetime.timedelta(minutes=29))
        assert dashboard(client).status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert dashboard(client).status_code == 200  # activity keeps it alive
        clock.shift(datetime.timedelta(minutes=31))
        response = dashboard(client)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "_auth_user_id" not in client.session


def test_a_session_ends_twelve_hours_after_login_however_busy(client, world) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        attempt(client, "staff", "password")
        for _ in range(35):  # every 20 minutes for 11 h 40
            clock.shift(datetime.timedelta(minutes=20))
            assert dashboard(client).status_code == 200
        clock.shift(datetime.timedelta(minutes=21))
        assert dashboard(client).status_code == 302


@pytest.mark.parametrize("idle_minutes", [5, 60])
def test_the_idle_timeout_is_a_setting(client, world, settings, idle_minutes) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    with time_machine.travel(timezone.now(), tick=False) as clock:
        attempt(client, "staff", "password")
        clock.shift(datetime.timedelta(minutes=idle_minutes))
        assert dashboard(client).status_code == (200 if idle_minutes < 10 else 302)
