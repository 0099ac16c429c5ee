"""The calendar of the work done, as a heat map: one cell a day, Monday first, a column a week;
under it each week's count against the target, and the streak. For `history --calendar` and the
history screen alike (Rich text).

On a narrow terminal it shows fewer weeks, never a broken grid. Without colour (NO_COLOR, a pipe)
the shades are characters: · nothing, then ░ ▒ ▓ █ up to the busiest day shown.
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text

from hamtimer.core.training.calendar import Calendar, Week

GLYPHS = ("·", "░", "▒", "▓", "█")
"""Without colour: a day with nothing done, then shades 1 to 4."""
CELL = "■"
GREENS = ("#0e4429", "#006d32", "#26a641", "#39d353")
"""With colour: shades 1 to 4 of the cell."""
EMPTY_STYLE = "bright_black"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL = 5
"""Width of the row labels ("Mon  ")."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ROWS = 13
"""Lines drawn: title, months, seven days, counts, met, this week, streak."""


def weeks_that_fit(width: int, most: int) -> int:
    """Columns are two characters (a cell and a space) after the label; at least one week."""
    return max(1, min(most, (width - LABEL + 1) // 2))


def heatmap(calendar: Calendar, width: int, colour: bool) -> Text:
    """The calendar in `width` columns (the grid never wider), colours or characters."""
    weeks = calendar.weeks[-weeks_that_fit(width, len(calendar.weeks)) :]
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    target = calendar.target
    aim = f"target {target} a week" if target else "no weekly target"
    text.append(f"Last {len(weeks)} weeks · {aim}\n", style="bold" if colour else "")
    text.append(_months(weeks) + "\n")
    for row, name in enumerate(DAYS):
        text.append(f"{name:<{LABEL}}")
        for n, week in enumerate(weeks):
            day = week.start + timedelta(days=row)
            if n:
                text.append(" ")
            if day > calendar.today:
                text.append(" ")
                continue
            shade = calendar.shade(week.sides[row])
            if colour:
                text.append(CELL if shade else GLYPHS[0], style=GREENS[shade - 1] if shade else EMPTY_STYLE)
            else:
                text.append(GLYPHS[shade])
        text.append("\n")
    text.append(f"{'done':<{LABEL}}" + " ".join(_count(week) for week in weeks) + "\n")
    marks = [_mark(week, week is calendar.this_week) for week in weeks]
    text.append(f"{'met':<{LABEL}}")
    for n, mark in enumerate(marks):
        text.append((" " if n else "") + mark, style=("green" if mark == "✓" else "") if colour else "")
    text.append("\n")
    now = calendar.this_week
    plural = "" if (target or now.sessions) == 1 else "s"
    of = f"{now.sessions} of {target}" if target else f"{now.sessions}"
    text.append(f"this week: {of} session{plural}\n")
    streak = calendar.streak_weeks
    kept = "met the target" if target else "with a session"
    text.append(f"{streak} week{'' if streak == 1 else 's'} in a row {kept}")
    return text


def _months(weeks: tuple[Week, ...]) -> str:
    """Each month's name over the week holding its first day (the first week's month too), where
    it fits and does not run into another."""
    end = LABEL + 2 * len(weeks) - 1
    starts = [_first_of_month(week) for week in weeks]
    line = " " * LABEL
    for n, week in enumerate(weeks):
        month = starts[n] or (week.start.month if n == 0 and not any(starts[1:3]) else None)
        at = LABEL + 2 * n
        if month is None or len(line) >= at or at + 3 > end:
            continue
        line = line.ljust(at) + MONTHS[month - 1]
    return line.rstrip()


def _first_of_month(week: Week) -> int | None:
    """The month whose first day falls in the week, if one does."""
    for offset in range(7):
        day = week.start + timedelta(days=offset)
        if day.day == 1:
            return day.month
    return None


def _count(week: Week) -> str:
    """The week's sessions in one character: 0-9, + for ten or more."""
    return str(week.sessions) if week.sessions < 10 else "+"


def _mark(week: Week, current: bool) -> str:
    """✓ the week met the target (any session, with none set), · it did not; blank for today's
    week while it has not."""
    if week.met:
        return "✓"
    return " " if current else "·"
