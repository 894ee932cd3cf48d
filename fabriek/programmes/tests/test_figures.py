"""The figures version (`programmes.figures`): raised by every write the figures read, once per transaction
until someone reads it, and never lost to a rolled-back savepoint."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fabriek.programmes.figures import figures_changed, figures_version
from fabriek.programmes.models import FiguresVersion, Programme
from fabriek.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _version(programme: Programme) -> int:
    return FiguresVersion.objects.filter(programme=programme).values_list("version", flat=True).first() or 0


def _raises(context: CaptureQueriesContext) -> int:
    return sum("figuresversion" in query["sql"] and "INSERT" in query["sql"] for query in context.captured_queries)


def test_many_writes_in_one_transaction_raise_the_version_with_one_statement() -> None:
    ofd, other = ProgrammeFactory(), ProgrammeFactory()
    before = _version(ofd)
    with CaptureQueriesContext(connection) as context, transaction.atomic():
        for _ in range(50):
            figures_changed(programme_ids=[ofd.pk])
        figures_changed(programme_ids=[ofd.pk, other.pk])  # only the other one is new

    assert _raises(context) == 2
    assert _version(ofd) == before + 1


def test_once_every_programme_was_raised_nothing_more_is_written_in_that_transaction() -> None:
    ofd = ProgrammeFactory()
    with CaptureQueriesContext(connection) as context, transaction.atomic():
        for _ in range(20):
            figures_changed(programme_ids=None)  # a deleted company: every programme
        figures_changed(programme_ids=[ofd.pk])

    assert _raises(context) == 1


def test_a_read_in_the_same_transaction_makes_the_next_write_raise_again() -> None:
    ofd = ProgrammeFactory()
    with transaction.atomic():
        figures_changed(programme_ids=[ofd.pk])
        seen = figures_version(ofd)
        figures_changed(programme_ids=[ofd.pk])

        assert figures_version(ofd) == seen + 1  # what was computed at `seen` is not served after the write


def test_a_raise_in_a_rolled_back_savepoint_does_not_count_as_done() -> None:
    ofd = ProgrammeFactory()
    before = _version(ofd)
    with transaction.atomic():
        try:
            with transaction.atomic():
                figures_changed(programme_ids=[ofd.pk])
                raise RuntimeError("the inner write failed")
        except RuntimeError:
            pass
        figures_changed(programme_ids=[ofd.pk])

    assert _version(ofd) == before + 1


def test_each_transaction_raises_again() -> None:
    ofd = ProgrammeFactory()
    before = _version(ofd)
    for _ in range(3):
        with transaction.atomic():
            figures_changed(programme_ids=[ofd.pk])
    figures_changed(programme_ids=[ofd.pk])  # autocommit: every call its own statement
    figures_changed(programme_ids=[ofd.pk])

    assert _version(ofd) == before + 5
