"""The state object on a fake clock: what the session shows now, as every frontend reads it."""

from __future__ import annotations

import json
from pathlib import Path

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.runner import Command, SessionRunner
from hamtimer.core.session.state import brief, step_facts
from tests.support.programs import BRIDGE, plan_of

KEYS = {
    "seq", "status", "phase", "side", "program", "exercise", "work", "remaining_ms", "elapsed_ms",
    "target", "value", "step", "steps", "next", "prompt", "muted",
}  # fmt: skip
"""DESIGN.md's keys: "these keys at least"."""


def runner(tmp_path: Path) -> tuple[SessionRunner, FakeClock]:
    clock = FakeClock()
    return SessionRunner(plan_of(BRIDGE), tmp_path, clock=clock), clock


def test_before_the_start_it_names_the_program_and_what_comes_first(tmp_path: Path) -> None:
    session, _ = runner(tmp_path)
    state = session.state().as_json()
    assert set(state) >= KEYS
    assert state["status"] == "ready" and state["phase"] == "ready"
    assert state["program"] == "Bridge test"
    assert state["exercise"] == "Single-leg bridge"
    assert state["next"] == "get ready 5 s, then LEFT · Single-leg bridge · hold 30 s"
    assert state["action"] == "start"
    assert state["remaining_ms"] is None and state["prompt"] is None
    json.dumps(state)  # plain JSON all through


def test_a_hold_counts_down_and_says_what_comes_next(tmp_path: Path) -> None:
    session, clock = runner(tmp_path)
    session.start()
    clock.advance(5 + 8.6)
    session.tick()
    state = session.state().as_json()
    shown = (state["status"], state["phase"], state["side"], state["work"])
    assert shown == ("running", "work", "left", "hold")
    assert state["remaining_ms"] == 21400 and state["elapsed_ms"] == 8600
    assert state["target"] == 30 and state["value"] is None
    assert (state["step"], state["steps"]) == (2, 6)
    assert state["next"] == "rest 20 s, then RIGHT · Single-leg bridge · hold 30 s"
    assert [m["name"] for m in state["marks"]] == ["hip drop", "cramp"]


def test_seq_rises_at_every_change(tmp_path: Path) -> None:
    session, _ = runner(tmp_path)
    seen = [session.state().seq]
    session.start()
    seen.append(session.state().seq)
    session.pause()
    seen.append(session.state().seq)
    session.toggle_mute()
    seen.append(session.state().seq)
    assert seen == sorted(set(seen))
    assert session.state().as_json()["status"] == "paused"
    assert session.state().as_json()["muted"] is True


def test_at_moves_the_clock_on_only_while_it_runs(tmp_path: Path) -> None:
    session, clock = runner(tmp_path)
    session.start()
    state = session.state()
    later = state.at(clock.now + 2.5)
    assert later.remaining == state.remaining - 2.5  # type: ignore[operator]
    clock.advance(2.5)
    assert later.remaining == session.state().remaining
    session.pause()
    paused = session.state()
    assert paused.at(clock.now + 10) == paused


def test_the_prompt_opens_after_a_side_and_closes_once_rated_and_work_goes_on(tmp_path: Path) -> None:
    session, clock = runner(tmp_path)
    session.start()
    clock.advance(5 + 30)
    session.tick()
    prompt = session.state().as_json()["prompt"]
    assert prompt["side"] == "left" and prompt["exercise"] == "Single-leg bridge"
    assert prompt["checks"] == [
        {"name": "hip drop", "key": "h", "on": False},
        {"name": "cramp", "key": "c", "on": False},
    ]
    session.do(Command.RATE, 7)
    session.do(Command.CHECK, "hip drop")
    prompt = session.state().as_json()["prompt"]
    assert prompt["difficulty"] == 7 and prompt["checks"][0]["on"] is True
    clock.advance(20)
    session.tick()
    assert session.state().as_json()["prompt"] is None  # rated, and the right side is under way


def test_an_unrated_side_keeps_its_prompt_into_the_next_hold(tmp_path: Path) -> None:
    session, clock = runner(tmp_path)
    session.start()
    clock.advance(5 + 30 + 20 + 1)
    session.tick()
    state = session.state().as_json()
    assert state["side"] == "right" and state["prompt"]["side"] == "left"


def test_reps_count_in_value_and_the_main_action_counts(tmp_path: Path) -> None:
    session, clock = runner(tmp_path)
    session.start()
    clock.advance(5 + 30 + 20 + 30 + 30)
    session.tick()
    state = session.state().as_json()
    assert state["work"] == "reps" and state["side"] == "both" and state["action"] == "rep"
    assert state["remaining_ms"] is None and state["value"] == 0
    session.main()
    session.main()
    assert session.state().as_json()["value"] == 2
    assert session.state().as_json()["next"] == "the end"


def test_at_the_end_it_is_done_with_no_clock(tmp_path: Path) -> None:
    session, _ = runner(tmp_path)
    session.start()
    session.stop()
    state = session.state().as_json()
    assert (state["status"], state["phase"], state["ended"]) == ("done", "done", "stopped")
    assert state["remaining_ms"] is None and state["action"] == "none"


def test_brief_words_each_kind_of_step() -> None:
    steps = plan_of(BRIDGE).steps
    assert [brief(step_facts(step)) for step in steps[:3]] == [
        "get ready 5 s",
        "LEFT · Single-leg bridge · hold 30 s",
        "rest 20 s",
    ]
