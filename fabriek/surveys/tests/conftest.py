import pytest


@pytest.fixture(autouse=True)
def outbox(settings):  # type: ignore[no-untyped-def]
    """Mail goes into the outbox as in production (pytest-django would keep it in memory instead)."""
    settings.EMAIL_BACKEND = "fabriek.mail.backends.OutboxBackend"
