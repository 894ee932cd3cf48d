import pytest

from fabriek.imports.tests.helpers import build_programme
from fabriek.programmes.models import Programme


@pytest.fixture
def programme(db) -> Programme:  # type: ignore[no-untyped-def]
    """A programme shaped like the OFD: locations Assen, Emmen and Hoogeveen, and the three packages."""
    return build_programme()


@pytest.fixture(autouse=True)
def english_messages(client):  # type: ignore[no-untyped-def]
    """These tests pin the English wording of the messages (pages too: the language cookie says English);
    test_dutch_messages.py checks the Dutch ones."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
