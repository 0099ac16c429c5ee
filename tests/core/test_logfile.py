"""The session log's one reader and writer: tolerant reading, exact writing, rtoml or tomllib."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.log import logfile
from hamtimer.core.log.logfile import ResultEntry, SessionRecord, SideEntry, UnusableLog
from hamtimer.core.session.marks import Mark
from tests.support.logs import bridge, day, log_text, result, side

STARTED = datetime(2026, 11, 22, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_hand_written_log_reads_as_documented() -> None:
    text = log_text(day(1), bridge(30, 24.5, difficulty=(6, 8), flags=(("hip drop",), ())))
    record = logfile.parse(text.encode())
    assert (record.program, record.status, record.started) == (
        "Bridge progression",
        "completed",
        STARTED.replace(day=1, month=11),
    )
    (entry,) = record.results
    assert (entry.exercise, entry.work, entry.block, entry.set, entry.target) == (
        "Single-leg bridge", WorkKind.HOLD, "Bridges", 1, 30,
    )  # fmt: skip
    assert list(entry.sides) == [Side.LEFT, Side.RIGHT]
    left, right = entry.sides[Side.LEFT], entry.sides[Side.RIGHT]
    assert (left.seconds, left.difficulty, left.flags, left.completed) == (30.0, 6, ["hip drop"], True)
    assert (right.seconds, right.difficulty, right.flags) == (24.5, 8, [])


def test_unknown_keys_are_ignored_and_wrong_values_count_as_absent() -> None:
    text = log_text(
        day(1),
        result("Curl", "reps", both=side(8, 9)),
        result("Mystery", "juggling", both=side(1)),
    ).replace("difficulty = 9", 'difficulty = 11\nmood = "fine"\nreps_extra = [1]')
    text = text.replace("reps = 8", 'reps = "eight"')
    (entry,) = logfile.parse(text.encode()).results
    both = entry.sides[Side.BOTH]
    assert (entry.exercise, both.reps, both.difficulty) == ("Curl", None, None)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"schema = 1\n[[result]\n", "not valid TOML"),
        (b"\xff\xfe", "not UTF-8 text"),
        (b"schema = 2\nstarted = 2026-11-01T07:30:00+01:00\n", "unknown schema 2"),
        (b"schema = 1\n", "no start time"),
        (b"schema = 1\nstarted = 2026-11-01\nresult = 3\n", "result is not a list"),
    ],
)
def test_what_is_not_a_log_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(UnusableLog, match=reason):
        logfile.parse(data)


def test_a_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableLog, match="cannot be read"):
        logfile.read(tmp_path / "gone.toml")


def test_a_date_without_a_time_is_a_start() -> None:
    record = logfile.parse(b"schema = 1\nstarted = 2026-11-01\n")
    assert record.started == date(2026, 11, 1) and record.results == []


def full_record() -> SessionRecord:
    left = SideEntry(step=1, seconds=30.0, difficulty=6, flags=["hip drop"], completed=True)
    left.marks.append(Mark("hip drop", 18.2))
    right = SideEntry(step=3, seconds=22.4, flags=[], completed=False, note="cramp late")
    entry = ResultEntry(
        "Single-leg bridge", WorkKind.HOLD, block="Bridges", set=1, round=1, target=30, minimum=20,
        load="bodyweight", goal={"hold": 30, "sessions": 2},
    )  # fmt: skip
    entry.sides = {Side.RIGHT: right, Side.LEFT: left}
    return SessionRecord(
        "Bridge progression", STARTED, program_file="programs/bridge.toml", ended=STARTED,
        status="stopped", side_order="right-first", results=[entry],
        soreness={Side.LEFT: 2, Side.RIGHT: 5}, all=True,
    )  # fmt: skip


def test_written_and_read_back_it_is_the_same_record() -> None:
    record = full_record()
    again = logfile.parse(logfile.to_toml(record))
    again.results[0].sides = {side: again.results[0].sides[side] for side in (Side.RIGHT, Side.LEFT)}
    assert again == record


def test_the_written_keys_follow_the_documented_order() -> None:
    doc = tomllib.loads(logfile.to_toml(full_record()).decode())
    assert list(doc)[:7] == ["schema", "program", "program_file", "started", "ended", "status", "side_order"]
    table = doc["result"][0]
    assert list(table)[:9] == [
        "exercise", "block", "set", "round", "work", "target", "minimum", "load", "goal",
    ]  # fmt: skip
    assert list(table["right"]) == ["step", "seconds", "flags", "completed", "note"]
    assert table["left"]["marks"] == [{"check": "hip drop", "at": 18.2}]


def test_without_rtoml_tomllib_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    data = log_text(day(1), bridge(30, 24.5, difficulty=(6, 8))).encode()
    fast = logfile.parse(data)
    monkeypatch.setattr(logfile, "loads_toml", tomllib.loads)
    assert logfile.parse(data) == fast


def test_what_rtoml_refuses_is_left_to_tomllib() -> None:
    # tomllib reads 1e400 as infinity (rtoml refuses it); an infinite value is then ignored
    text = log_text(day(1), bridge(30, 24)).replace("seconds = 30.0", "seconds = 1e400")
    (entry,) = logfile.parse(text.encode()).results
    assert entry.sides[Side.LEFT].seconds is None and entry.sides[Side.RIGHT].seconds == 24.0
