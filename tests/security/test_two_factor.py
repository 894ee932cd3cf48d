"""The second factor: required for staff, location managers, the funder and superusers in production, optional
for the other roles; an authenticator app (TOTP) with single-use recovery codes; every step audited."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry

LOGIN = "/accounts/login/"
SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/"
DASHBOARD = "/p/ofd/"


@pytest.fixture(autouse=True)
def required(settings):  # type: ignore[no-untyped-def]
    settings.TWO_FACTOR_REQUIRED = True


def code_of(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def log_in(client, username: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(LOGIN, {"username": username, "password": "password"})
    assert response.status_code == 302


def enrol(client) -> tuple[TOTPDevice, list[str]]:  # type: ignore[no-untyped-def]
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"code": code_of(device), "next": DASHBOARD})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", response.content.decode())
    device.refresh_from_db()
    return device, codes


def actions(user) -> list[str]:  # type: ignore[no-untyped-def]
    entries = AuditEntry.objects.filter(object_id=str(user.pk), object_type="accounts.user")
    return list(entries.values_list("action", flat=True))


def test_staff_without_a_second_factor_must_set_one_up_before_anything_else(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "staff")

    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP + "?next=")

    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'class="segno"' in page
    device = TOTPDevice.objects.get(user=world.users[Role.STAFF], confirmed=False)
    wrong = client.post(SETUP, {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert wrong.status_code == 422
    assert "That code is not right" in wrong.content.decode()
    assert client.get(DASHBOARD).status_code == 302

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        # the setup page kept the same pending device across the failed attempt
        device, codes = enrol(client)
        assert device.confirmed
        assert len(codes) == 10 and len(set(codes)) == 10
        assert client.get(DASHBOARD).status_code == 200
    assert {"accounts.user.second_factor_added", "accounts.user.recovery_codes_renewed"} <= set(
        actions(world.users[Role.STAFF])
    )
    # the secret and the codes are nowhere in the audit log
    dumped = str(list(AuditEntry.objects.values()))
    assert codes[0] not in dumped and codes[0].replace("-", "") not in dumped


def test_the_next_login_asks_for_the_app_code_and_a_wrong_code_is_refused_and_logged(client, world) -> None:  # type: ignore[no-untyped-def]
    staff = world.users[Role.STAFF]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        log_in(client, "staff")
        device, _codes = enrol(client)
        client.post("/accounts/logout/")

        clock.shift(datetime.timedelta(seconds=60))
        log_in(client, "staff")
        response = client.get(DASHBOARD)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY + "?next=")

        right = code_of(device)
        refused = client.post(VERIFY, {"code": "12345" if right != "12345" else "54321", "next": DASHBOARD})
        assert refused.status_code == 422
        assert "accounts.user.second_factor_failed" in actions(staff)
        assert client.get(DASHBOARD).status_code == 302

        clock.shift(datetime.timedelta(seconds=3))  # django-otp slows down guessing after a failure
        passed = client.post(VERIFY, {"code": code_of(device), "next": DASHBOARD})
        assert passed.status_code == 302 and passed["Location"] == DASHBOARD
        assert client.get(DASHBOARD).status_code == 200
        assert "accounts.user.second_factor_passed" in actions(staff)


def test_a_recovery_code_works_once(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "location_manager")
    _device, codes = enrol(client)
    client.post("/accounts/logout/")

    log_in(client, "location_manager")
    assert client.post(VERIFY, {"code": codes[3].upper(), "next": "/"}).status_code == 302
    assert "accounts.user.recovery_code_used" in actions(world.users[Role.LOCATION_MANAGER])
    client.post("/accounts/logout/")

    log_in(client, "location_manager")
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        assert client.post(VERIFY, {"code": codes[3], "next": "/"}).status_code == 422


def test_a_participant_is_not_forced_but_once_they_set_one_up_it_is_asked(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "participant")
    assert client.get("/accounts/security/").status_code == 200
    with time_machine.travel(timezone.now(), tick=False) as clock:
        enrol(client)
        client.post("/accounts/logout/")
        clock.shift(datetime.timedelta(seconds=60))
        log_in(client, "participant")
        assert client.get("/accounts/security/")["Location"].startswith(VERIFY)


def test_a_user_whose_role_does_not_require_it_may_remove_it_with_their_password(client, world) -> None:  # type: ignore[no-untyped-def]
    participant = world.users[Role.PARTICIPANT]
    log_in(client, "participant")
    enrol(client)

    assert client.post("/accounts/two-factor/remove/", {"password": "wrong"}).status_code == 422
    assert TOTPDevice.objects.filter(user=participant).exists()
    assert client.post("/accounts/two-factor/remove/", {"password": "password"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=participant).exists()
    assert "accounts.user.second_factor_removed" in actions(participant)


def test_staff_cannot_remove_a_required_second_factor(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "staff")
    enrol(client)

    response = client.post("/accounts/two-factor/remove/", {"password": "password"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=world.users[Role.STAFF], confirmed=True).exists()


def test_without_the_production_requirement_nobody_is_forced(client, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TWO_FACTOR_REQUIRED = False
    log_in(client, "staff")
    assert client.get(DASHBOARD).status_code == 200


def test_the_api_answers_a_session_that_owes_its_second_factor_with_json_401(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "funder")
    response = client.get("/api/v1/programmes/ofd/companies")
    assert response.status_code == 401
    assert "second factor" in response.json()["detail"]


def test_a_superuser_needs_it_for_the_admin_too(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "admin")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_a_next_address_elsewhere_is_not_followed(client, world) -> None:  # type: ignore[no-untyped-def]
    log_in(client, "staff")
    _device, _codes = enrol(client)
    client.post("/accounts/logout/")
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        log_in(client, "staff")
        device = TOTPDevice.objects.get(user=world.users[Role.STAFF])
        response = client.post(VERIFY, {"code": code_of(device), "next": "https://evil.example/"})
        assert response["Location"] == "/"
