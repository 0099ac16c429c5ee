"""`hamtimer history` over weeks (issue 20): the calendar for `--calendar` and the history screen,
and what `--json` gains (`weeks`, `streak_weeks`, each exercise's `days_since_last`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from hamtimer.core.training.calendar import Calendar, build_calendar, local_today
from hamtimer.core.training.worklog import Worklog, from_work

if TYPE_CHECKING:
    from hamtimer.core.history.reader import WorkDone
    from hamtimer.core.history.report import Report


@dataclass(frozen=True)
class Weeks:
    calendar: Calendar
    worklog: Worklog

    @property
    def today(self) -> date:
        return self.calendar.today


def weeks_since(today: date | None = None) -> date:
    """The Monday of the first week the calendar shows: what history is asked for day by day."""
    from datetime import timedelta

    from hamtimer.core.training.calendar import CALENDAR_WEEKS, monday

    return monday(today or local_today()) - timedelta(weeks=CALENDAR_WEEKS - 1)


def weeks_of(done: WorkDone, target: int | None, today: date | None = None) -> Weeks:
    """The last 26 weeks of the sessions history read against `target` (config.toml's)."""
    worklog = from_work(done)
    return Weeks(build_calendar(worklog.facts, today or local_today(), target), worklog)


def history_json(report: Report, weeks: Weeks) -> dict[str, Any]:
    """The report's JSON with the weeks added."""
    data = report.as_json()
    for entry in data["exercises"]:
        entry["days_since_last"] = weeks.worklog.days_since_last(entry["exercise"], weeks.today)
    return data | weeks.calendar.as_json()


def calendar_text(weeks: Weeks, width: int, colour: bool) -> str:
    """The heat map as the terminal shows it (ANSI colours only with `colour`)."""
    from rich.console import Console

    from hamtimer.heatmap import heatmap

    console = Console(width=max(width, 1), force_terminal=colour, no_color=not colour, highlight=False)
    with console.capture() as captured:
        console.print(heatmap(weeks.calendar, width, colour), no_wrap=True, overflow="ellipsis", crop=True)
    return captured.get().rstrip("\n")


def print_weeks(done: WorkDone, report: Report | None) -> None:
    """`history --json` (the report with the weeks), or without a report `history --calendar`, on
    standard output; config.toml's weekly target, and its problems on standard error."""
    import os
    import shutil
    import sys

    from hamtimer.core.settings import load_settings, no_color

    settings = load_settings()
    for problem in settings.problems:
        print(problem, file=sys.stderr)
    weeks = weeks_of(done, settings.per_week)
    if report is not None:
        import json

        print(json.dumps(history_json(report, weeks), indent=2, ensure_ascii=False))
        return
    colour = sys.stdout.isatty() and not no_color(os.environ)
    print(calendar_text(weeks, shutil.get_terminal_size().columns, colour))
