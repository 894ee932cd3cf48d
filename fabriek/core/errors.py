"""Errors the domain raises, and the request errors every page and the API answer alike.

Views and the API turn them into messages a person can act on: `BadParameter` is a 400 (pages: the 400
page naming the parameter; API: JSON `{"detail": ...}`), `Conflict` a 409 (a write that collided with a
concurrent one twice, see `retry_on_conflict`).
"""

import functools
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections
from django.utils.translation import gettext as _

F = TypeVar("F", bound=Callable[..., Any])
logger = logging.getLogger(__name__)


class DomainError(ValidationError):
    """A business rule refused the change; its message is shown to the user as is."""


class BadParameter(Exception):
    """A request parameter or body a person can correct: answered 400 with this message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(Exception):
    """The write collided with a concurrent one (deadlock, serialization failure) and a retry collided
    too: answered 409, nothing was saved."""


# -- control characters ----------------------------------------------------------------------------------------

#: C0 controls (NUL included: PostgreSQL refuses it in text), DEL and the C1 controls. Tab, line feed and
#: carriage return are ordinary text in a text area.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(value: str) -> str | None:
    """The first control character in `value` as U+XXXX, or None."""
    found = CONTROL_CHARACTER.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def control_character_message(where: str, code: str) -> str:
    return _(
        "%(where)s contains an invisible control character (%(code)s), often pasted along with the text. "
        "Remove it (retype the value) and try again."
    ) % {"where": where, "code": code}


def strings_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a decoded JSON value (keys too), with the path to it (e.g. `expertise.0`)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            key = str(key)
            yield (f"{path}.{key}" if path else key), key
            yield from strings_in(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, f"{path}.{index}" if path else str(index))


# -- concurrent writes -----------------------------------------------------------------------------------------

#: PostgreSQL's serialization_failure and deadlock_detected
RETRYABLE_SQLSTATES = {"40001", "40P01"}


def is_retryable(exc: BaseException) -> bool:
    """True for a deadlock or serialization failure (PostgreSQL) or a busy database (SQLite): the write
    lost a race with another one and can simply be tried again."""
    if not isinstance(exc, DatabaseError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(exc)


def retry_on_conflict(func: F) -> F:
    """Run `func` again once when it loses a race with a concurrent write; a second loss is a `Conflict`.

    Meant for a whole request (the services' own transactions are rolled back by then, so the retry starts
    from scratch); when an outer transaction is broken by the error, it is not retried.
    """

    @functools.wraps(func)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        for attempt in (1, 2):
            try:
                return func(*args, **kwargs)
            except DatabaseError as exc:
                # Inside a transaction that saw the error (not rolled back to a savepoint) nothing can run.
                broken = any(conn.in_atomic_block and conn.needs_rollback for conn in connections.all())
                if not is_retryable(exc) or broken:
                    raise
                logger.warning("concurrent write collided (attempt %s): %s", attempt, exc)
                if attempt == 2:
                    raise Conflict from exc
        raise AssertionError("unreachable")

    return wrapped  # type: ignore[return-value]


def conflict_message() -> str:
    return _(
        "Someone else changed the same records at the same moment, so nothing was saved. "
        "Reload the record and make your change again."
    )


def out_of_range_message() -> str:
    return _("A number or text in the request is too large or too long to be stored. Check the values and try again.")
