"""`manage.py export_openapi > docs/openapi.json`: the API's OpenAPI schema, sorted and indented."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import translation


def served_api() -> Any:
    """The NinjaAPI that serves `api:openapi-json`, found through the URLconf (accounts may not import
    config, which sits above every app)."""
    try:
        view = resolve(reverse("api:openapi-json")).func
    except NoReverseMatch as error:
        raise CommandError("No API is mounted: config/urls.py should include api.urls.") from error
    # ninja's view is partial(openapi_json, api=api), under the docs decorator (which sets __wrapped__)
    while not hasattr(view, "keywords"):
        view = view.__wrapped__  # type: ignore[attr-defined]
    return view.keywords["api"]


def openapi_document() -> str:
    """The schema as committed in docs/openapi.json: sorted keys, two-space indent, final newline."""
    with translation.override("en"):
        schema = served_api().get_openapi_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Print the API's OpenAPI schema (sorted, indented JSON); commit it as docs/openapi.json."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(openapi_document(), ending="")
