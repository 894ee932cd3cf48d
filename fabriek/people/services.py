"""Writes a user makes about themselves: their profile and language."""

from typing import Any

from django.db import transaction

from fabriek.accounts.models import User
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.validation import save_per_field

USER_FIELDS = ("first_name", "last_name", "email", "language")


@transaction.atomic
def profile_update(*, actor: Any, user: User, first_name: str, last_name: str, email: str, language: str) -> User:
    """Change the user's own name, e-mail and language; the linked person (if any) follows, so the programme's
    records and the mail it sends use the same name, address and language."""
    before = snapshot(user, USER_FIELDS)
    user.first_name, user.last_name, user.email, user.language = first_name.strip(), last_name.strip(), email, language
    user.full_clean(exclude=["password"])
    changes = diff(before, snapshot(user, USER_FIELDS))
    if changes:
        save_per_field(user, {}, update_fields=list(changes))
        log_action(actor=actor, action="accounts.user.updated", obj=user, changes=changes)
    person = getattr(user, "person", None)
    if person is not None:
        name = user.get_full_name() or person.name
        person_before = snapshot(person, ("name", "email", "language"))
        person.name, person.email, person.language = name, email, language
        person.full_clean()
        person_changes = diff(person_before, snapshot(person, ("name", "email", "language")))
        if person_changes:
            save_per_field(person, {}, update_fields=list(person_changes))
            log_action(actor=actor, action="companies.person.updated", obj=person, changes=person_changes)
    return user


def user_language_set(*, user: User, language: str) -> None:
    """Remember the language picked with the footer switch (not audited: a preference, not a record)."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
        person = getattr(user, "person", None)
        if person is not None and person.language != language:
            person.language = language
            person.save(update_fields=["language"])
