"""Browser security headers, the htmx configuration the CSP relies on, and the API docs behind a login."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from fabriek.accounts.models import Role

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "fabriek"]


def test_static_files_keep_their_cache_lifetime_and_pages_do_not(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("accounts:login"))
    assert page["Cache-Control"] == "no-store"
    static = client.get("/static/fabriek/fabriek.css")
    assert static.status_code == 200
    assert static.get("Cache-Control") != "no-store"


def test_no_template_carries_inline_script_event_handlers_or_style_attributes() -> None:
    offenders = []
    for template in Path(settings.BASE_DIR, "fabriek").rglob("*.html"):
        text = template.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\sstyle\s*=", r"<style", r"hx-on"):
            if re.search(pattern, text, flags=re.IGNORECASE):
                offenders.append((str(template.relative_to(settings.BASE_DIR)), pattern))
    assert offenders == []


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    html = staff_client.get(reverse("reporting:dashboard", kwargs={"programme": "ofd"})).content.decode()
    meta = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html)
    assert meta is not None
    assert '"includeIndicatorStyles": false' in meta.group(1)
    assert '"allowEval": false' in meta.group(1)


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_api_docs_need_a_login_in_production(client, world, settings, path) -> None:  # type: ignore[no-untyped-def]
    settings.API_DOCS_PUBLIC = False
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(world.users[Role.FUNDER])
    assert client.get(path).status_code == 200


def test_api_schema_with_a_token_in_production(client, world, settings) -> None:  # type: ignore[no-untyped-def]
    from fabriek.accounts.api_auth import api_token_create

    settings.API_DOCS_PUBLIC = False
    _token, raw = api_token_create(actor=None, user=world.users[Role.STAFF], name="schema")
    assert client.get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    assert client.get("/api/v1/openapi.json", headers={"Authorization": "Bearer wrong"}).status_code == 302


def test_api_docs_page_may_use_inline_styles_but_still_no_inline_script(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self';" in response["Content-Security-Policy"]
