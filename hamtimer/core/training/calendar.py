"""Training over weeks (DESIGN.md, "Over weeks"): local days, ISO weeks, the weekly count against
a target, the streak of weeks that met it, and the heat map's shades.

Everything here works on a plain sequence of per-session facts (`SessionFact`), so the facts can
come from the history collection or from an index (`training/worklog.py` reads them). Dates are
local: a session counts on the day its start falls on in the local time zone, and `today` is a
parameter everywhere (`local_today` gives the real one).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from hamtimer.core.record import Record, record

BREAK_DAYS = 14
"""More than this many days since an exercise was last logged steps its target back, one step
per this many days."""
GATE_GAP_DAYS = 21
"""A gate's streak counts only sessions less than this many days apart (and from today)."""
CALENDAR_WEEKS = 26
SHADES = 4
"""Levels of a day with work in it, 1 (least) to SHADES (the busiest day shown)."""
TODAY_VARIABLE = "HAMTIMER_TODAY"


def local_today() -> date:
    """Today's local date; HAMTIMER_TODAY=YYYY-MM-DD pins it (tests, or trying out a break)."""
    pinned = os.environ.get(TODAY_VARIABLE, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


@record
class SessionFact(Record):
    """What the calendar needs of one session with results."""

    started: datetime
    """When it started: aware (any offset) or naive local time."""
    sides: int
    """Sides done, each set of each side (a two-leg set counts once)."""
    sessions: int = 1
    """The sessions it stands for: one, or a whole day's (history's index sums them by day)."""

    @property
    def day(self) -> date:
        return local_day(self.started)


def local_day(moment: datetime | date | float) -> date:
    """The local calendar day of a moment: an aware datetime in the local zone, a naive one as it
    is, POSIX seconds through the local zone."""
    if isinstance(moment, float | int):
        return datetime.fromtimestamp(moment).date()
    if isinstance(moment, datetime):
        return (moment.astimezone() if moment.tzinfo is not None else moment).date()
    return moment


def days_between(earlier: date, later: date) -> int:
    """Calendar days from one date to a later one (0 when `later` is not later)."""
    return max(0, (later - earlier).days)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_label(day: date) -> str:
    """The ISO week of a day: "2026-W48" (2027-01-03 is in 2026-W53, 2027-01-04 starts 2027-W01)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def break_steps(days: int) -> int:
    """Steps back after `days` off: none up to 14 days, then one per whole 14 days (15 → 1, 28 → 2)."""
    return days // BREAK_DAYS if days > BREAK_DAYS else 0


def week_count(facts: Iterable[SessionFact], today: date) -> int:
    """Sessions with results in today's ISO week."""
    start = monday(today)
    end = start + timedelta(days=7)
    return sum(fact.sessions for fact in facts if start <= fact.day < end)


@record
class Week(Record):
    """One ISO week of the calendar."""

    start: date
    """Its Monday."""
    sessions: int
    target: int | None
    sides: tuple[int, ...]
    """Sides done on each day, Monday first."""

    @property
    def label(self) -> str:
        return week_label(self.start)

    @property
    def met(self) -> bool:
        """The target was met; with no target, any session meets it (a week that was trained)."""
        return self.sessions >= (self.target or 1)

    def as_json(self) -> dict[str, Any]:
        return {"week": self.label, "sessions": self.sessions, "target": self.target}


@record
class Calendar(Record):
    """The last weeks up to today's, oldest first."""

    weeks: tuple[Week, ...]
    today: date
    target: int | None
    streak_weeks: int
    """Weeks in a row that met the target, back from the last complete week (not today's)."""

    @property
    def busiest(self) -> int:
        return max((n for week in self.weeks for n in week.sides), default=0)

    def shade(self, sides: int) -> int:
        """0 for a day with nothing done, else 1 to SHADES, relative to the busiest day shown."""
        busiest = self.busiest
        if sides <= 0 or busiest <= 0:
            return 0
        return max(1, min(SHADES, math.ceil(SHADES * sides / busiest)))

    @property
    def this_week(self) -> Week:
        return self.weeks[-1]

    def as_json(self) -> dict[str, Any]:
        return {"weeks": [week.as_json() for week in self.weeks], "streak_weeks": self.streak_weeks}


def build_calendar(
    facts: Iterable[SessionFact], today: date, target: int | None, weeks: int = CALENDAR_WEEKS
) -> Calendar:
    """The `weeks` ISO weeks ending with today's, empty ones included, and the streak of weeks
    that met the target back from last week (the streak may reach further back than `weeks`)."""
    this_monday = monday(today)
    sessions: dict[date, int] = {}
    sides: dict[date, int] = {}
    for fact in facts:
        day = fact.day
        start = monday(day)
        sessions[start] = sessions.get(start, 0) + fact.sessions
        sides[day] = sides.get(day, 0) + fact.sides
    shown: list[Week] = []
    for back in range(weeks - 1, -1, -1):
        start = this_monday - timedelta(weeks=back)
        days = tuple(sides.get(start + timedelta(days=n), 0) for n in range(7))
        shown.append(Week(start, sessions.get(start, 0), target, days))
    return Calendar(tuple(shown), today, target, streak_of(sessions, this_monday, target))


def streak_of(sessions: dict[date, int], this_monday: date, target: int | None) -> int:
    """Weeks in a row meeting the target (any session, with none set), back from the week before
    `this_monday`."""
    needed = target or 1
    streak = 0
    start = this_monday - timedelta(weeks=1)
    while sessions.get(start, 0) >= needed:
        streak += 1
        start -= timedelta(weeks=1)
    return streak


def gate_streak(met: Sequence[tuple[date, bool]], today: date) -> int:
    """A gate's streak: sessions in a row meeting the goal, back from the newest (oldest first in
    `met`), counting only sessions less than 21 days apart, between them and from the newest to
    today; a longer gap starts it again."""
    streak = 0
    after = today
    for day, ok in reversed(met):
        if not ok or days_between(day, after) >= GATE_GAP_DAYS:
            break
        streak += 1
        after = day
    return streak
