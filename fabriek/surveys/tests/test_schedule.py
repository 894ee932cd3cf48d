"""The schedule's pure rules, with hand-computed dates."""

from datetime import date

from fabriek.surveys.schedule import Due, Stay, add_months, closes_on, due_surveys, reminders_due, sendable


def test_adding_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month() -> None:
    assert add_months(date(2024, 1, 15), 6) == date(2024, 7, 15)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2025, 3, 31), -24) == date(2023, 3, 31)


def test_a_survey_can_be_sent_from_its_due_date_until_it_would_have_closed() -> None:
    due = date(2024, 7, 15)
    assert not sendable(due, date(2024, 7, 14))
    assert sendable(due, due)
    assert sendable(due, date(2024, 8, 13))  # day 29
    assert not sendable(due, date(2024, 8, 14))  # day 30: it would have closed
    assert closes_on(due) == date(2024, 8, 14)


def test_reminders_are_due_after_seven_and_fourteen_days() -> None:
    sent = date(2024, 7, 15)
    assert [reminders_due(sent, date(2024, 7, d)) for d in (21, 22, 28, 29, 31)] == [0, 1, 1, 2, 2]


def test_participants_every_six_months_exit_at_the_end_and_alumni_at_6_12_24_months() -> None:
    ongoing = Stay(1, 10, date(2024, 1, 15), None)
    left = Stay(2, 20, date(2024, 3, 31), date(2025, 2, 10))
    days = {
        date(2024, 7, 15): [Due(1, 10, "participant", date(2024, 7, 15))],
        date(2024, 9, 30): [Due(2, 20, "participant", date(2024, 9, 30))],
        # 31 March + 12 months falls after the end: the exit survey asks instead
        date(2025, 3, 31): [],
        date(2025, 2, 10): [Due(2, 20, "exit", date(2025, 2, 10))],
        date(2025, 8, 10): [Due(2, 20, "alumni", date(2025, 8, 10))],
        date(2026, 2, 10): [Due(2, 20, "alumni", date(2026, 2, 10))],
        date(2027, 2, 10): [Due(2, 20, "alumni", date(2027, 2, 10))],
        date(2027, 8, 10): [],  # no alumni survey after two years
    }
    for today, expected in days.items():
        assert [d for d in due_surveys([ongoing, left], today) if d.reference_date == today] == expected, today


def test_an_earlier_stay_gets_no_alumni_surveys_when_the_company_came_back() -> None:
    first = Stay(1, 10, date(2022, 1, 1), date(2022, 12, 31))
    second = Stay(2, 10, date(2023, 5, 1), None)
    assert due_surveys([first, second], date(2023, 6, 30)) == []
    assert due_surveys([first, second], date(2023, 11, 1)) == [Due(2, 10, "participant", date(2023, 11, 1))]
