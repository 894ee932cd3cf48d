"""Which writes change figures: every save or delete of a record that `rules`, `indicators` or the lists behind
a number read raises its programme's figures version (`programmes.figures`), in the writer's transaction, so the
stored summary (`reporting.summary`) is never served after it.

Signals see saves, deletes (also those a cascade makes) and many-to-many changes. Writes that bypass them
(`QuerySet.update`, `bulk_create`, raw SQL) call `figures_changed` themselves: the importers once at the end,
the demo and benchmark loaders once, and the conditional updates that change a column the figures read
(`events.registrations.registration_cancel`, `mentoring.services.mentor_match_respond`).
`reporting/tests/test_watch.py` checks that every table the reports read is watched here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from fabriek.companies.models import Company
from fabriek.events.models import Attendance, Event
from fabriek.mentoring.models import Mentor, MentoringSession, MentorMatch
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.partners.models import Agreement
from fabriek.programmes.figures import figures_changed
from fabriek.programmes.models import Location, Programme

#: None means "every programme": used where the programme is no longer known (a deleted company's links
#: are gone by the time its delete signal arrives).
ProgrammeIds = Callable[[Any], list[int] | None]


def _own(instance: Any) -> list[int]:
    return [instance.programme_id]


def _company(instance: Company) -> list[int] | None:
    if instance.pk is None:
        return None
    return list(
        Company.programmes.through.objects.filter(company_id=instance.pk).values_list("programme_id", flat=True)
    )


def _event(instance: Attendance) -> list[int]:
    return list(Event.objects.filter(pk=instance.event_id).values_list("programme_id", flat=True))


def _mentor(instance: MentorMatch) -> list[int]:
    return list(Mentor.objects.filter(pk=instance.mentor_id).values_list("programme_id", flat=True))


def _match(instance: MentoringSession) -> list[int]:
    return list(MentorMatch.objects.filter(pk=instance.match_id).values_list("mentor__programme_id", flat=True))


#: The records the figures read, and how to find the programmes a change of one touches.
WATCHED: dict[type[Model], ProgrammeIds] = {
    # a company's link to a programme; undoing a deletion saves these rows one by one (no m2m signal)
    Company.programmes.through: _own,
    Observation: _own,
    Participation: _own,
    Company: _company,
    Event: _own,
    Attendance: _event,
    Agreement: _own,
    Location: _own,
    Mentor: _own,
    MentorMatch: _mentor,
    MentoringSession: _match,
}


def _saved(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    figures_changed(programme_ids=WATCHED[sender](instance))


def _deleted(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    # A deleted company's programme links went first (a cascade), so every programme is told. A company's
    # hundred figures send a hundred signals; `figures_changed` writes once per programme and transaction.
    figures_changed(programme_ids=None if sender is Company else WATCHED[sender](instance))


def _company_programmes(sender: Any, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Programme):
        figures_changed(programme_ids=[instance.pk])
    elif pk_set:
        figures_changed(programme_ids=pk_set)
    else:  # a clear(): the links are gone already
        figures_changed(programme_ids=None)


def _migrated(sender: Any, **kwargs: Any) -> None:
    # A migration may rewrite records without signals.
    if sender.label == "reporting":
        figures_changed(programme_ids=None)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_saved, sender=model, dispatch_uid=f"figures-saved-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"figures-deleted-{model._meta.label}")
    m2m_changed.connect(
        _company_programmes, sender=Company.programmes.through, dispatch_uid="figures-company-programmes"
    )
    post_migrate.connect(_migrated, dispatch_uid="figures-migrated")
