"""The API, wired once: one NinjaAPI under /api/v1/ with a router per app."""

from ninja import NinjaAPI

api = NinjaAPI(title="Fabriek API", version="1", urls_namespace="api")
