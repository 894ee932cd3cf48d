"""A real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against pytest-django's live server.

Every page a browser test visits goes through `visit`, which saves a screenshot to
test-artifacts/screenshots/ and runs axe-core on it; serious and critical violations fail the test.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Anything the Content-Security-Policy blocks is reported on the console; Visitor.check fails on it.
    page.csp_violations = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),  # type: ignore[attr-defined]
    )
    yield page
    context.close()


class Visitor:
    """Visits pages, screenshots them and checks them with axe-core."""

    def __init__(self, page: Page, base_url: str, request: Any) -> None:
        self.page = page
        self.base_url = base_url
        self.prefix = re.sub(r"\W+", "_", request.node.name)
        self.count = 0
        self.axe = Axe()

    def check(self, label: str) -> None:
        """Screenshot the current page and fail on serious or critical accessibility violations."""
        self.page.wait_for_load_state("networkidle")
        self.count += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.prefix}_{self.count:02d}_{label}.png"), full_page=True)
        results = self.axe.run(self.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert not serious, f"accessibility violations on {self.page.url}: {serious}"
        assert not self.page.csp_violations, f"blocked by the CSP on {self.page.url}: {self.page.csp_violations}"  # type: ignore[attr-defined]

    def visit(self, path: str, label: str) -> None:
        self.page.goto(self.base_url + path)
        self.check(label)

    def log_in(self, username: str, password: str = "password") -> None:
        self.page.goto(self.base_url + "/accounts/login/")
        self.check("login")
        self.page.locator("input[name=username]").fill(username)
        self.page.locator("input[name=password]").fill(password)
        self.page.locator("main form button[type=submit]").click()
        self.page.wait_for_load_state("networkidle")


@pytest.fixture
def visitor(page: Page, live_server: Any, request: Any) -> Visitor:
    return Visitor(page, live_server.url, request)
