"""The per-session facts the calendar and the weekly count read, from the session logs.

The only place training reads them, so that an index can take over: `from_work` takes what
history read (from its index, or the files), `recent` reads the few logs of the last
days straight from their folders (what a plan needs: this week's count, without the whole
collection). Both keep only sessions with results, as history counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.log.folder import log_names
from hamtimer.core.training.calendar import SessionFact, days_between

if TYPE_CHECKING:
    from hamtimer.core.history.reader import WorkDone
    from hamtimer.core.log.logfile import SessionRecord


@dataclass
class Worklog:
    facts: list[SessionFact] = field(default_factory=list)
    last_done: dict[str, date] = field(default_factory=dict)
    """The local day each exercise was last logged on."""

    def days_since_last(self, exercise: str, today: date) -> int | None:
        found = self.last_done.get(exercise)
        return None if found is None else days_between(found, today)


def from_work(done: WorkDone) -> Worklog:
    """The calendar's facts from what history read (`history.reader.work_done`)."""
    log = Worklog()
    older = [SessionFact(datetime.fromisoformat(monday), 0, n) for monday, n in done.weeks]
    log.facts = older + [SessionFact(datetime.fromisoformat(d), sides, n) for d, n, sides in done.days]
    log.last_done = {name: datetime.fromtimestamp(started).date() for name, started in done.last.items()}
    return log


MARGIN_DAYS = 2
"""A log's folder is named for its local start date where it was written; another time zone
moves that by less than a day either way."""


def recent(data_dir: Path, since: date) -> list[SessionFact]:
    """The facts of the sessions with results started on or after `since` (local), read from the
    logs in the folders of those days (and a margin); an unreadable log is left out, as history
    skips it."""
    from hamtimer.core.log import logfile  # only a plan counting its week reads logs here
    from hamtimer.core.log.logfile import UnusableLog

    earliest = (since - timedelta(days=MARGIN_DAYS)).isoformat()
    facts: list[SessionFact] = []
    for path in log_names(data_dir, since=earliest):
        try:
            record = logfile.read(Path(path))
        except UnusableLog:
            continue
        fact = fact_of(record)
        if fact is not None and fact.day >= since:
            facts.append(fact)
    return facts


def fact_of(record: SessionRecord) -> SessionFact | None:
    """A log's fact, or None when it holds no results."""
    if not record.results:
        return None
    started = record.started
    if not isinstance(started, datetime):
        started = datetime(started.year, started.month, started.day)
    return SessionFact(started, sum(len(entry.sides) for entry in record.results))
