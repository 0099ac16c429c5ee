"""The journal's `started_at`: when each side began, in local time, kept through back and resume."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hamtimer.core.kinds import Side
from hamtimer.core.log import journal, logfile
from hamtimer.core.session.runner import SessionRunner
from tests.core.test_journal import T0, Driver, full_session, make_plan
from tests.support.programs import data_file

SECOND = timedelta(seconds=1)
BASE = datetime(2026, 12, 4, 18, 0, 0).astimezone()


def starts(d: Driver) -> list[tuple[str, int, str, datetime]]:
    assert d.journal.path is not None
    doc = tomllib.loads(d.journal.path.read_text())
    return [
        (table["exercise"], table["set"], side, table[side]["started_at"])
        for table in doc["result"]
        for side in ("left", "right", "both")
        if side in table
    ]


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> Callable[[Driver], None]:
    """Local time that moves with a driver's fake clock (from BASE at T0), as a real clock would."""

    def follow(d: Driver) -> None:
        monkeypatch.setattr(journal, "now", lambda: BASE + timedelta(seconds=d.clock.now - T0))

    return follow


def at(seconds: float) -> datetime:
    return BASE + timedelta(seconds=seconds)


def test_each_side_is_logged_with_the_time_it_began(tmp_path: Path, wall: Callable[[Driver], None]) -> None:
    d = Driver(tmp_path)
    wall(d)
    full_session(d)
    assert starts(d) == [  # the schedule: left 5, right 45, left 80, right 120, the curl 180
        ("Single-leg bridge", 1, "left", at(5)),
        ("Single-leg bridge", 1, "right", at(45)),
        ("Single-leg bridge", 2, "left", at(80)),
        ("Single-leg bridge", 2, "right", at(120)),
        ("Hamstring curl", 1, "both", at(180)),
    ]


def test_the_time_is_local_with_its_offset(tmp_path: Path) -> None:
    before = datetime.now().astimezone().replace(microsecond=0)
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d.at(35)  # the left side began at 5 on the fake clock: 30 s before this batch
    ((_, _, _, left),) = starts(d)
    assert left.utcoffset() == before.utcoffset()
    assert abs(left - (before - timedelta(seconds=30))) <= 2 * SECOND


def test_back_logs_the_restart(tmp_path: Path, wall: Callable[[Driver], None]) -> None:
    d = Driver(tmp_path)
    wall(d)
    d(d.engine.start, 0)
    d(d.engine.end_step, 50)  # left 5-35, rest, right 45-50 (ended by enter)
    assert [moment for *_, moment in starts(d)] == [at(5), at(45)]
    d(d.engine.back, 52)  # in the rest: back to the right side, again from 52
    d.at(82)
    assert [moment for *_, moment in starts(d)] == [at(5), at(52)]


def test_a_resumed_session_keeps_the_times_it_had(tmp_path: Path, wall: Callable[[Driver], None]) -> None:
    d = Driver(tmp_path, started=BASE)
    wall(d)
    d(d.engine.start, 0)
    d.at(35)  # left done (5-35); then the process dies
    runner = SessionRunner(make_plan(), tmp_path, clock=d.clock)
    d.clock.now = T0 + 100  # it starts again 65 s later
    assert runner.find_unfinished() is not None
    runner.resume()  # the rest (100-110), then the right side (110-140)
    d.clock.now = T0 + 140
    runner.tick()
    path = runner.log_path
    assert path == d.journal.path and path is not None
    entry = logfile.read(path).results[0]
    assert (entry.sides[Side.LEFT].started_at, entry.sides[Side.RIGHT].started_at) == (at(5), at(110))


def test_an_older_log_without_it_reads_as_before() -> None:
    record = logfile.read(data_file("fit/old-bridge.toml"))
    assert all(side.started_at is None for entry in record.results for side in entry.sides.values())
    assert [s.seconds for e in record.results for s in e.sides.values()] == [20.0, 30.0, 22.4, None]
