"""When a survey is due (pure functions; the command and the worker call them through the services).

- participants: every six months from the start of their stay (start + 6, 12, 18 months, ...), while the
  stay goes on (a date on or after the stay's end is left to the exit survey);
- exit survey: on the day the stay ended;
- alumni: 6, 12 and 24 months after their last stay in the programme ended, if no later stay started.

A survey is sent on its due date (the reference date its figures are about) or, if no run happened that
day, on a later day while it would still be open (a run missed for a few days catches up; a survey more
than `OPEN_DAYS` old is not sent late). Reminders go out `REMINDER_DAYS` after sending to whoever has not
answered; a survey closes `OPEN_DAYS` after it was sent.
"""

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

PARTICIPANT_EVERY_MONTHS = 6
ALUMNI_AFTER_MONTHS = (6, 12, 24)
REMINDER_DAYS = (7, 14)
OPEN_DAYS = 30


def add_months(day: date, months: int) -> date:
    """31 August + 6 months = 28 (29) February: the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Stay:
    id: int
    company_id: int
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class Due:
    """A survey of `kind` about `reference_date` for the company of stay `stay_id`."""

    stay_id: int
    company_id: int
    kind: str
    reference_date: date


def sendable(reference_date: date, today: date) -> bool:
    """Due today, or due earlier and still within the days it would have been open."""
    return reference_date <= today < reference_date + timedelta(days=OPEN_DAYS)


def closes_on(sent_on: date) -> date:
    return sent_on + timedelta(days=OPEN_DAYS)


def reminders_due(sent_on: date, today: date) -> int:
    """How many reminders should have gone out by `today` for a survey sent on `sent_on` (0, 1 or 2)."""
    return sum(1 for days in REMINDER_DAYS if sent_on + timedelta(days=days) <= today)


def _participant(stay: Stay, today: date) -> Iterator[Due]:
    step = 1
    while True:
        due = add_months(stay.started_on, PARTICIPANT_EVERY_MONTHS * step)
        if due > today or (stay.ended_on is not None and due >= stay.ended_on):
            return
        if sendable(due, today):
            yield Due(stay.id, stay.company_id, "participant", due)
        step += 1


def due_surveys(stays: Iterable[Stay], today: date) -> list[Due]:
    """Every survey that may be sent on `today` for these stays (of one programme), in a stable order."""
    by_company: dict[int, list[Stay]] = {}
    for stay in stays:
        if stay.started_on <= today:
            by_company.setdefault(stay.company_id, []).append(stay)
    due: list[Due] = []
    for company_stays in by_company.values():
        company_stays.sort(key=lambda s: s.started_on)
        for stay in company_stays:
            due.extend(_participant(stay, today))
            if stay.ended_on is not None and sendable(stay.ended_on, today):
                due.append(Due(stay.id, stay.company_id, "exit", stay.ended_on))
        last = company_stays[-1]
        if last.ended_on is not None:
            for months in ALUMNI_AFTER_MONTHS:
                reference = add_months(last.ended_on, months)
                if sendable(reference, today):
                    due.append(Due(last.id, last.company_id, "alumni", reference))
    return sorted(due, key=lambda d: (d.reference_date, d.company_id, d.kind))


#: Stays that can have a survey due today ended at most this long ago (the last alumni survey's window).
def oldest_relevant_end(today: date) -> date:
    return add_months(today, -max(ALUMNI_AFTER_MONTHS)) - timedelta(days=OPEN_DAYS + 1)
