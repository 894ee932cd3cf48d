"""iCalendar (RFC 5545) files: the one place Fabriek writes them, for feeds and for .ics mail attachments.

Apps describe what goes in as `CalendarEntry` values; this module knows the format (through the `icalendar`
package), so every feed and attachment has stable UIDs, UTC stamps and the same product id.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from icalendar import Calendar, Event

PRODUCT_ID = "-//Fabriek//Fabriek//NL"
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEntry:
    """One event in a calendar. `uid` must stay the same for the same thing across feeds and updates.

    `start`/`end` are aware datetimes, or dates for an all-day entry (`end` then is the day after).
    `cancelled` marks an entry that was called off, so calendars that imported it can remove it.
    """

    uid: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


def calendar_bytes(entries: Iterable[CalendarEntry], *, name: str = "", method: str = "") -> bytes:
    """An iCalendar file holding `entries`. `method` is "REQUEST" or "CANCEL" for mail, empty for a feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    domain = getattr(settings, "CALENDAR_UID_DOMAIN", "fabriek.local")
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
        event.add("summary", entry.summary)
        event.add("sequence", entry.sequence)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
