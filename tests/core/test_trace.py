"""`--trace`: one JSON object per engine event, with its scheduled and actual monotonic time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.core.kinds import Side
from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.trace import TraceWriter
from tests.support.programs import data_plan


def run_session() -> list[Event]:
    clock = FakeClock(500.0)
    engine = Engine(data_plan("trace-bridge.toml"), clock)
    events = engine.start()
    while engine.status is Status.RUNNING:
        clock.advance(0.7)
        events += engine.tick()
    return events


def test_trace_line_of_a_plain_event() -> None:
    line = Event(EventKind.STARTED, 0, 12.5, 12.5).trace()
    assert line == {"event": "session-started", "step": 0, "scheduled": 12.5, "actual": 12.5}


def test_trace_line_of_a_cue_has_cue_side_and_value() -> None:
    event = Event(EventKind.CUE, 3, 100.0, 100.25, Cue.GO, Side.RIGHT)
    assert event.trace() == {
        "event": "cue",
        "step": 3,
        "scheduled": 100.0,
        "actual": 100.25,
        "cue": "go",
        "side": "right",
    }
    assert event.lateness == 0.25
    pip = Event(EventKind.CUE, 1, 7.0, 7.0, Cue.COUNTDOWN, value=3).trace()
    assert (pip["cue"], pip["value"]) == ("countdown", 3)


def test_trace_times_are_rounded_to_the_microsecond() -> None:
    line = Event(EventKind.STEP_ENDED, 2, 1234.56789012, 1234.5678919, value="done").trace()
    assert (line["scheduled"], line["actual"], line["value"]) == (1234.56789, 1234.567892, "done")


def test_trace_leaves_out_values_that_are_not_plain() -> None:
    line = Event(EventKind.SIDE_DONE, 1, 1.0, 1.0, side=Side.LEFT, value=object()).trace()
    assert "value" not in line
    assert line["side"] == "left"


def test_trace_of_a_whole_session_is_valid_json() -> None:
    events = run_session()
    lines = [event.trace() for event in events]
    assert all({"event", "step", "scheduled", "actual"} <= line.keys() for line in lines)
    for line, event in zip(lines, events, strict=True):
        assert ("cue" in line) == (event.kind is EventKind.CUE)
    assert [json.loads(json.dumps(line)) for line in lines] == lines


def test_writer_writes_one_json_line_per_event(tmp_path: Path) -> None:
    events = run_session()
    path = tmp_path / "trace.jsonl"
    writer = TraceWriter(path)
    writer.write(events[:4])
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4  # flushed as it goes
    writer.write([])
    writer.write(events[4:])
    writer.close()
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    rows = [json.loads(row) for row in text.splitlines()]
    assert rows == [event.trace() for event in events]
    assert rows[0]["event"] == "session-started" and rows[-1]["event"] == "session-finished"
    first_cues = [row["cue"] for row in rows if row["event"] == "cue"][:4]
    assert first_cues == ["get-ready", "countdown", "countdown", "go"]


def test_writer_after_close_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    writer = TraceWriter(path)
    started = Event(EventKind.STARTED, 0, 1.0, 1.0)
    writer.write([started])
    writer.close()
    writer.close()
    writer.write([Event(EventKind.STOPPED, 0, 2.0, 2.0)])
    assert path.read_text(encoding="utf-8").splitlines() == [json.dumps(started.trace())]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_writer_gives_up_quietly_when_the_disk_is_full() -> None:
    writer = TraceWriter(Path("/dev/full"))
    writer.write([Event(EventKind.STARTED, 0, 1.0, 1.0)])
    writer.write([Event(EventKind.STOPPED, 0, 2.0, 2.0)])
    writer.close()
