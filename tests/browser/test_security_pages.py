"""The account security pages in a real browser, at desktop and phone width (screenshots, axe, CSP)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]


def both_widths(visitor, label: str) -> None:  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        visitor.page.set_viewport_size({"width": width, "height": 900})
        visitor.check(f"{label}_{width}")
        scroll = visitor.page.evaluate("document.documentElement.scrollWidth")
        wide = visitor.page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
            "document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)"
        )
        assert scroll <= width, f"{label} scrolls sideways at {width} px: {wide}"
    visitor.page.set_viewport_size({"width": 1280, "height": 900})


def test_password_pages_and_the_lockout(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    page.goto(visitor.base_url + "/accounts/login/")
    both_widths(visitor, "login")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    both_widths(visitor, "password_reset")
    page.get_by_label("E-mailadres").fill("nobody@example.org")
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.locator("h1")).to_have_text("Kijk in je e-mail")
    both_widths(visitor, "password_reset_done")
    page.goto(visitor.base_url + "/accounts/reset/MQ/wrong-token/")
    both_widths(visitor, "password_reset_invalid")

    visitor.log_in("staff")
    page.goto(visitor.base_url + "/accounts/password_change/")
    both_widths(visitor, "password_change")
    page.get_by_label("Oud wachtwoord").fill("password")
    page.locator("input[name=new_password1]").fill("wachtwoord")
    page.locator("input[name=new_password2]").fill("wachtwoord")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.locator(".errorlist")).not_to_have_count(0)
    both_widths(visitor, "password_change_refused")

    page.context.clear_cookies()
    for _ in range(10):
        page.goto(visitor.base_url + "/accounts/login/")
        page.locator("input[name=username]").fill("mentor")
        page.locator("input[name=password]").fill("wrong")
        page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Te veel pogingen")
    both_widths(visitor, "locked_out")


def test_the_security_page_makes_shows_once_and_revokes_a_token(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.log_in("funder")
    page.get_by_role("link", name="Beveiliging").click()
    expect(page.locator("h1")).to_have_text("Beveiliging")
    both_widths(visitor, "security_empty")
    page.get_by_label("Waarvoor is het?").fill("dashboard van de provincie")
    page.get_by_role("button", name="Maak het token").click()
    expect(page.locator(".token-key")).to_be_visible()
    both_widths(visitor, "security_new_token")
    page.get_by_role("button", name="Intrekken dashboard van de provincie").click()
    expect(page.locator(".message")).to_contain_text("ingetrokken")
    both_widths(visitor, "security_revoked")


def test_staff_read_the_audit_log(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.log_in("staff")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Auditlog").click()
    expect(page.locator("h1")).to_have_text("Auditlog")
    expect(page.get_by_text("accounts.user.logged_in")).to_be_visible()
    both_widths(visitor, "audit_log")
    page.get_by_label("Gedaan door").fill("staff")
    page.get_by_role("button", name="Filteren").click()
    both_widths(visitor, "audit_log_filtered")


def test_staff_set_up_the_second_factor_and_pass_it_at_the_next_login(visitor, world, settings) -> None:  # type: ignore[no-untyped-def]
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def code(device: TOTPDevice) -> str:
        return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)

    settings.TWO_FACTOR_REQUIRED = True
    page = visitor.page
    visitor.log_in("staff")
    expect(page.locator("h1")).to_have_text("Stel een tweede factor in")
    expect(page.locator(".qr-code svg")).to_be_visible()
    both_widths(visitor, "two_factor_setup")
    device = TOTPDevice.objects.get(confirmed=False)
    page.get_by_label("Code").fill(code(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("h1")).to_have_text("Herstelcodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    both_widths(visitor, "two_factor_codes")
    page.get_by_role("button", name="Ik heb ze bewaard").click()
    page.goto(visitor.base_url + "/accounts/security/")
    expect(page.get_by_text("Je hebt nog 10 ongebruikte herstelcodes.")).to_be_visible()
    both_widths(visitor, "security_with_second_factor")

    page.context.clear_cookies()
    visitor.log_in("staff")
    expect(page.locator("h1")).to_have_text("Tweede factor")
    both_widths(visitor, "two_factor_verify")
    device.refresh_from_db()
    page.get_by_label("Code").fill("000000" if code(device) != "000000" else "111111")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.locator(".errorlist")).to_contain_text("Die code klopt niet")
    both_widths(visitor, "two_factor_verify_refused")
