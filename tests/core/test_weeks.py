"""Training over weeks (DESIGN.md, "Over weeks"): local days, ISO weeks, the weekly count and the
streak of weeks, the break rule's steps and a gate's gaps, from plain per-session facts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest

from hamtimer.core.training.calendar import (
    SessionFact,
    break_steps,
    build_calendar,
    days_between,
    gate_streak,
    local_day,
    local_today,
    week_count,
    week_label,
)

PARIS = timezone(timedelta(hours=1))


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set TZ for the test (`tz.setenv("TZ", ...)` then `time.tzset()`); restored after."""
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()


def fact(moment: str, sides: int = 2) -> SessionFact:
    return SessionFact(datetime.fromisoformat(moment), sides)


def test_iso_weeks_across_the_new_year() -> None:
    assert week_label(date(2026, 12, 28)) == "2026-W53"
    assert week_label(date(2027, 1, 3)) == "2026-W53"
    assert week_label(date(2027, 1, 4)) == "2027-W01"
    assert week_label(date(2026, 11, 23)) == "2026-W48"


def test_a_session_just_after_midnight_counts_on_its_local_day(tz: pytest.MonkeyPatch) -> None:
    late = datetime(2027, 1, 4, 0, 10, tzinfo=PARIS)
    tz.setenv("TZ", "Europe/Paris")
    time.tzset()
    assert local_day(late) == date(2027, 1, 4)
    assert local_day(late.timestamp()) == date(2027, 1, 4)  # as the history cache holds it
    assert week_label(local_day(late)) == "2027-W01"
    tz.setenv("TZ", "UTC")
    time.tzset()
    assert local_day(late) == date(2027, 1, 3)  # 23:10 in London: Sunday, still 2026-W53
    assert local_day(late.timestamp()) == date(2027, 1, 3)
    assert local_day(datetime(2027, 1, 4, 0, 10)) == date(2027, 1, 4)  # naive: already local


def test_days_are_calendar_days_not_24_hours(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "Europe/Paris")
    time.tzset()
    assert days_between(date(2026, 11, 1), date(2026, 11, 15)) == 14
    assert days_between(date(2026, 11, 15), date(2026, 11, 1)) == 0  # never negative
    late, early = fact("2026-11-01T23:50:00+01:00"), fact("2026-11-02T00:05:00+01:00")
    assert days_between(late.day, early.day) == 1  # a quarter of an hour, but the next day


@pytest.mark.parametrize(
    ("days", "steps"), [(0, 0), (13, 0), (14, 0), (15, 1), (27, 1), (28, 2), (40, 2), (42, 3)]
)
def test_a_break_steps_back_once_per_fourteen_days_after_fourteen(days: int, steps: int) -> None:
    assert break_steps(days) == steps


def test_week_count_is_todays_iso_week_from_monday() -> None:
    facts = [fact(f"2026-11-{d:02d}T12:00:00") for d in (22, 23, 25, 29, 30)]
    assert week_count(facts, date(2026, 11, 29)) == 3  # Monday 23 to Sunday 29
    assert week_count(facts, date(2026, 11, 30)) == 1
    assert week_count(facts, date(2026, 11, 22)) == 1


def test_the_calendar_covers_26_weeks_newest_last_empty_ones_included() -> None:
    facts = [fact("2026-06-01T12:00:00"), fact("2026-12-07T12:00:00", 6), fact("2026-12-08T08:00:00", 3)]
    calendar = build_calendar(facts, date(2026, 12, 8), target=2)
    labels = [week.label for week in calendar.weeks]
    assert len(labels) == 26
    assert labels[-1] == "2026-W50" and labels[0] == "2026-W25"
    assert [w.sessions for w in calendar.weeks].count(0) == 25
    assert calendar.weeks[-1].as_json() == {"week": "2026-W50", "sessions": 2, "target": 2}
    assert calendar.weeks[-1].sides == (6, 3, 0, 0, 0, 0, 0)  # Monday first
    assert [calendar.shade(n) for n in (0, 1, 3, 6)] == [0, 1, 2, 4]  # against the busiest day shown


def test_streak_weeks_back_from_the_last_complete_week() -> None:
    sessions = {  # 2026-W45 2, W46 2, W47 none, W48 2, W49 2, W50 (today's) 1
        "2026-11-02", "2026-11-05", "2026-11-10", "2026-11-15",
        "2026-11-23", "2026-11-29", "2026-11-30", "2026-12-03", "2026-12-07",
    }  # fmt: skip
    facts = [fact(f"{d}T18:00:00") for d in sessions]
    today = date(2026, 12, 8)
    assert build_calendar(facts, today, 2).streak_weeks == 2  # W49, W48; W47 was missed
    assert build_calendar(facts, today, 3).streak_weeks == 0
    assert build_calendar(facts, today, 1).streak_weeks == 2
    # the current week never counts, even met; with no target a week with any session does
    assert build_calendar(facts, date(2026, 12, 13), None).streak_weeks == 2
    assert build_calendar(facts, date(2026, 12, 14), 1).streak_weeks == 3  # W50 is complete now
    assert build_calendar(facts, date(2026, 12, 14), 2).streak_weeks == 0


@pytest.mark.parametrize(("gap", "streak"), [(20, 2), (21, 1), (22, 1)])
def test_a_gate_streak_needs_sessions_less_than_21_days_apart(gap: int, streak: int) -> None:
    first = date(2026, 11, 1)
    second = first + timedelta(days=gap)
    assert gate_streak([(first, True), (second, True)], second) == streak


@pytest.mark.parametrize(("since", "streak"), [(0, 2), (20, 2), (21, 0), (22, 0)])
def test_a_gate_streak_needs_its_newest_session_less_than_21_days_before_today(
    since: int, streak: int
) -> None:
    days = [(date(2026, 11, 1), True), (date(2026, 11, 2), True)]
    assert gate_streak(days, date(2026, 11, 2) + timedelta(days=since)) == streak


def test_a_gate_streak_stops_at_a_session_short_of_the_goal() -> None:
    days = [(date(2026, 11, n), ok) for n, ok in ((1, True), (2, False), (3, True), (4, True))]
    assert gate_streak(days, date(2026, 11, 4)) == 2


def test_today_is_the_local_date_unless_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMTIMER_TODAY", "2027-01-04")
    assert local_today() == date(2027, 1, 4)
    monkeypatch.setenv("HAMTIMER_TODAY", "not a date")
    assert local_today() == date.today()
    monkeypatch.delenv("HAMTIMER_TODAY")
    assert local_today() == datetime.now().date()
