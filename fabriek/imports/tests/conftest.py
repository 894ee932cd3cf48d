import pytest

from fabriek.imports.tests.helpers import build_programme
from fabriek.programmes.models import Programme


@pytest.fixture
def programme(db) -> Programme:  # type: ignore[no-untyped-def]
    """A programme shaped like the OFD: locations Assen, Emmen and Hoogeveen, and the three packages."""
    return build_programme()
