import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():  # type: ignore[no-untyped-def]
    """These tests read the command's English output."""
    with translation.override("en"):
        yield
