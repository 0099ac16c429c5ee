"""The session runner on a fake clock: commands, what it publishes, the log, resume and faults."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.engine import Status
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.runner import RESUME_WITHIN, Command, Notice, NoticeKind, SessionRunner
from tests.support.programs import BRIDGE, plan_of

PREPARE, HOLD, SIDE_REST, EXERCISE_REST = 5, 30, 20, 30
LEFT, RIGHT = 1, 3


class Sink:
    def __init__(self) -> None:
        self.played: list[Event] = []

    def play(self, event: Event) -> None:
        self.played.append(event)


class Seen:
    def __init__(self, runner: SessionRunner) -> None:
        self.events: list[Event] = []
        self.notices: list[Notice] = []
        runner.subscribe(self.events.extend, self.notices.append)

    def kinds(self, kind: NoticeKind) -> list[str]:
        return [n.text for n in self.notices if n.kind is kind]


def runner_for(data: Path, clock: FakeClock | None = None, **kwargs: Any) -> SessionRunner:
    return SessionRunner(plan_of(BRIDGE), data, clock=clock or FakeClock(), **kwargs)


def logs(data: Path) -> list[Path]:
    return sorted((data / "sessions").glob("*/*.toml"))


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def left_side_done(runner: SessionRunner, clock: FakeClock) -> None:
    runner.main()
    clock.advance(PREPARE + HOLD)
    runner.tick()


def test_nothing_is_written_before_the_start(tmp_path: Path) -> None:
    runner = runner_for(tmp_path)
    assert runner.status is Status.READY and runner.journal is None
    assert not (tmp_path / "sessions").exists()


def test_a_whole_session_publishes_events_plays_cues_and_writes_the_log(tmp_path: Path) -> None:
    clock, sink = FakeClock(), Sink()
    runner = runner_for(tmp_path, clock, sound=sink)
    seen = Seen(runner)
    runner.main()
    assert runner.journal is not None and runner.journal.path is not None
    assert load(runner.journal.path)["status"] == "running"
    left_side_done_at = clock.advance(PREPARE + HOLD)
    assert runner.next_wake(display=False) is not None
    runner.tick()
    runner.rate(7)
    runner.toggle_check("hip drop")
    clock.advance(SIDE_REST + HOLD + EXERCISE_REST)
    runner.tick()
    for _ in range(5):
        runner.main()
    assert runner.status is Status.FINISHED and left_side_done_at
    assert seen.kinds(NoticeKind.DONE) == ["finished"]
    assert seen.events[0].kind is EventKind.STARTED
    assert Cue.FINISHED in [e.cue for e in sink.played]
    assert all(e.kind is EventKind.CUE for e in sink.played)
    doc = load(logs(tmp_path)[0])
    assert doc["status"] == "completed" and "ended" in doc
    left = doc["result"][0]["left"]
    assert left["difficulty"] == 7 and left["flags"] == ["hip drop"]
    assert doc["result"][1]["both"]["reps"] == 5


def test_muted_plays_nothing_and_unmuting_plays_again(tmp_path: Path) -> None:
    clock, sink = FakeClock(), Sink()
    runner = runner_for(tmp_path, clock, sound=sink, muted=True)
    runner.main()
    assert sink.played == []
    assert runner.toggle_mute() is False
    clock.advance(PREPARE)
    runner.tick()
    assert sink.played


def test_stop_writes_stopped_and_ended_and_keeps_what_was_done(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = runner_for(tmp_path, clock)
    seen = Seen(runner)
    left_side_done(runner, clock)
    runner.stop()
    assert runner.status is Status.STOPPED and seen.kinds(NoticeKind.DONE) == ["stopped"]
    doc = load(logs(tmp_path)[0])
    assert doc["status"] == "stopped" and "ended" in doc
    assert set(doc["result"][0]) >= {"left"} and "right" not in doc["result"][0]
    runner.stop()
    assert seen.kinds(NoticeKind.DONE) == ["stopped"]  # said once


def test_plus_and_minus_on_a_hold_give_a_hint_and_change_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = runner_for(tmp_path, clock)
    seen = Seen(runner)
    runner.main()
    clock.advance(PREPARE + 1)
    runner.tick()
    before = runner.engine.remaining()
    runner.more_rest()
    runner.less()
    assert runner.engine.remaining() == before
    assert len(seen.kinds(NoticeKind.HINT)) == 2


def test_plus_lengthens_a_rest_and_minus_takes_back_a_rep(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = runner_for(tmp_path, clock)
    left_side_done(runner, clock)
    rest = runner.engine.remaining()
    assert rest is not None
    runner.more_rest()
    assert runner.engine.remaining() == rest + 15
    clock.advance(SIDE_REST + 15 + HOLD + EXERCISE_REST)
    runner.tick()
    runner.main()
    runner.main()
    runner.less()
    assert runner.engine.reps == 1


def test_resume_goes_on_in_the_same_file(tmp_path: Path) -> None:
    clock = FakeClock()
    first = runner_for(tmp_path, clock)
    left_side_done(first, clock)
    first.rate(7)
    first.stop()
    (path,) = logs(tmp_path)
    second = runner_for(tmp_path, clock)
    found = second.find_unfinished()
    assert found is not None and found.sides_done == 1 and found.resume_at == LEFT + 1
    second.resume()
    assert second.status is Status.RUNNING and second.engine.index == LEFT + 1
    assert second.journal is not None and second.journal.path == path
    assert load(path)["status"] == "running"
    clock.advance(SIDE_REST + HOLD + EXERCISE_REST)
    second.tick()
    for _ in range(5):
        second.main()
    assert logs(tmp_path) == [path]
    doc = load(path)
    assert doc["status"] == "completed"
    assert doc["result"][0]["left"]["difficulty"] == 7 and "right" in doc["result"][0]


def test_no_resume_for_an_old_log_or_once_started(tmp_path: Path) -> None:
    clock = FakeClock()
    first = runner_for(tmp_path, clock)
    left_side_done(first, clock)
    first.stop()
    (path,) = logs(tmp_path)
    runner = runner_for(tmp_path, clock)
    runner.main()
    assert runner.find_unfinished() is None and runner.resume() == []
    old = path.stat().st_mtime - RESUME_WITHIN - 60
    os.utime(path, (old, old))
    assert runner_for(tmp_path, clock).find_unfinished() is None


@pytest.fixture
def blocked(tmp_path: Path) -> Path:
    """A data folder under a regular file: every save fails (also as root)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    return blocker / "data"


def test_a_failing_disk_is_told_once_and_the_session_goes_on(blocked: Path) -> None:
    clock = FakeClock()
    runner = runner_for(blocked, clock)
    seen = Seen(runner)
    left_side_done(runner, clock)
    runner.rate(7)
    clock.advance(SIDE_REST + HOLD)
    runner.tick()
    assert runner.status is Status.RUNNING and runner.engine.index == RIGHT + 1
    problems = seen.kinds(NoticeKind.LOG_NOT_SAVED)
    assert len(problems) == 1 and "Not a directory" in problems[0]
    assert runner.log_problem is not None
    assert runner.journal is not None and [r.difficulty for r in runner.journal.log.results] == [7, None]
    assert not blocked.exists()


def test_save_elsewhere_writes_the_whole_log_there_and_on(blocked: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    runner = runner_for(blocked, clock)
    left_side_done(runner, clock)
    assert runner.save_elsewhere(blocked / "still-blocked") is False
    elsewhere = tmp_path / "elsewhere"
    assert runner.save_elsewhere(elsewhere) is True
    assert runner.log_problem is None
    (path,) = logs(elsewhere)
    assert runner.journal is not None and runner.journal.path == path
    runner.stop()
    doc = load(path)
    assert doc["status"] == "stopped" and "left" in doc["result"][0]


def test_save_elsewhere_before_the_start_does_nothing(tmp_path: Path) -> None:
    assert runner_for(tmp_path).save_elsewhere(tmp_path / "x") is False


def test_the_trace_has_a_line_per_event(tmp_path: Path) -> None:
    clock = FakeClock()
    trace = tmp_path / "trace.jsonl"
    runner = runner_for(tmp_path, clock, trace=trace)
    seen = Seen(runner)
    left_side_done(runner, clock)
    runner.close()
    assert len(trace.read_text().splitlines()) == len(seen.events)


def test_commands_by_name(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = runner_for(tmp_path, clock)
    runner.do(Command.MAIN)
    clock.advance(PREPARE + HOLD)
    runner.do(Command.RATE, 0)
    runner.do(Command.CHECK, "cramp")
    runner.do(Command.PAUSE)
    assert runner.engine.paused
    runner.do(Command.STOP)
    done = runner.engine.results[LEFT]
    assert done.difficulty == 10 and done.flags == ["cramp"] and runner.status is Status.STOPPED


def test_an_unsubscribed_listener_hears_nothing_more(tmp_path: Path) -> None:
    runner = runner_for(tmp_path)
    heard: list[Event] = []
    runner.subscribe(heard.extend)
    runner.unsubscribe(heard.extend)
    runner.main()
    assert heard == []
