import datetime as dt

from icalendar import Calendar

from fabriek.core.calendar import CalendarEntry, calendar_bytes


def test_calendar_holds_each_entry_with_its_uid_times_and_state():
    start = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    entries = [
        CalendarEntry(
            uid="event-7",
            start=start,
            end=start + dt.timedelta(hours=2),
            summary="Starters Academy; sessie 1",
            location="Assen, Stationsstraat 1",
            description="Regel 1\nRegel 2",
        ),
        CalendarEntry(
            uid="booking-3", start=dt.date(2026, 12, 4), end=dt.date(2026, 12, 5), summary="Flexplek", cancelled=True
        ),
    ]

    parsed = Calendar.from_ical(calendar_bytes(entries, name="Mijn agenda", method="REQUEST"))

    assert parsed["method"] == "REQUEST"
    assert parsed["x-wr-calname"] == "Mijn agenda"
    events = parsed.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["event-7@fabriek.local", "booking-3@fabriek.local"]
    assert events[0].decoded("dtstart") == start
    assert str(events[0]["summary"]) == "Starters Academy; sessie 1"
    assert str(events[0]["description"]) == "Regel 1\nRegel 2"
    assert str(events[0]["status"]) == "CONFIRMED"
    assert events[1].decoded("dtstart") == dt.date(2026, 12, 4)
    assert str(events[1]["status"]) == "CANCELLED"


def test_a_feed_has_no_method_and_an_empty_feed_is_still_a_calendar():
    parsed = Calendar.from_ical(calendar_bytes([]))

    assert "method" not in parsed
    assert parsed["version"] == "2.0"
    assert parsed.walk("VEVENT") == []
