"""Every bundled program, run to its end through the engine and the journal (on a fake clock whose
wall time moves with it), exported: both decoders read back each side of the log as its set."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.history.fit_export import Outcome, export_logs, prepare_folder
from hamtimer.core.kinds import WorkKind
from hamtimer.core.log import journal
from hamtimer.core.log.journal import Journal, SessionLog, follow
from hamtimer.core.program.catalog import all_programs
from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.plan import WorkStep, build_plan
from tests.support.fit_files import read_sets

T0 = 5000.0
BASE = datetime(2026, 12, 5, 6, 45, 0).astimezone()
BUNDLED = sorted(entry.name for entry in all_programs() if entry.origin == "bundled")


def run_to_the_end(name: str, data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's session as a user who does the full work, with its log; the log's path."""
    entry = next(e for e in all_programs() if e.origin == "bundled" and e.name == name)
    plan = build_plan(entry.load())
    clock = FakeClock(T0)
    monkeypatch.setattr(journal, "now", lambda: BASE + timedelta(seconds=round(clock.now - T0)))
    engine = Engine(plan, clock)
    kept = Journal(SessionLog(plan, entry.display, started=BASE), data)
    follow(kept, engine, engine.start())
    while engine.status is Status.RUNNING:
        due = engine.next_due()
        step = engine.step
        if due is not None:
            clock.now = due
            events = engine.tick()
        elif isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.REPS:
            target = step.exercise.work.bounds.target
            clock.now += 3
            events = engine.count_rep() if target is not None else engine.end_step()
        else:  # a distance, or "max": the user ends it a while in
            clock.now += 25
            events = engine.end_step()
        follow(kept, engine, events)
    assert kept.path is not None and kept.error is None
    return kept.path


def wanted(log: Path) -> list[tuple[datetime, float | None, int | None, str]]:
    """Each side of the log, read with tomllib: start, seconds (timed work), reps, FIT exercise."""
    doc: dict[str, Any] = tomllib.loads(log.read_text())
    found = []
    for table in doc["result"]:
        for side in ("left", "right", "both"):
            if side in table:
                entry = table[side]
                found.append(
                    (
                        entry["started_at"].astimezone(UTC),
                        entry.get("seconds"),
                        entry.get("reps"),
                        table["fit"],
                    )
                )
    return sorted(found, key=lambda item: item[0])


@pytest.mark.parametrize("name", BUNDLED)
def test_a_bundled_programs_session_exports_to_its_sets(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = run_to_the_end(name, tmp_path / "data", monkeypatch)
    folder = tmp_path / "fit"
    prepare_folder(folder)
    (done,) = list(export_logs([log], folder))
    assert done.outcome is Outcome.WRITTEN and done.path is not None
    active = [s for s in read_sets(done.path) if s.kind == "active"]
    expected = wanted(log)
    assert len(active) == len(expected) >= 3
    for got, (start, seconds, reps, exercise) in zip(active, expected, strict=True):
        assert (got.start, got.exercise, got.repetitions) == (start, exercise, reps)
        if seconds is not None:
            assert got.duration == seconds
        elif reps is not None:  # the log does not time reps: 3 s each, cut at the next side's start
            assert 0 < got.duration <= reps * 3
        else:  # nor a distance: 20 s
            assert got.duration == 20
    assert all("unknown" not in s.exercise for s in active if s.exercise)
