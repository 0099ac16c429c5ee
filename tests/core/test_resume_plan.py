"""Resume keeps its plan (issue 16): an unfinished session goes on with the targets and sides it
started with, worked out from the sessions before it; a fresh start counts it as a session."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hamtimer.core.kinds import Side
from hamtimer.core.program.loader import load_program
from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.plan import Plan, WorkStep
from hamtimer.core.session.runner import SessionRunner
from hamtimer.core.training.progression import plan_today, replanner
from tests.support.logs import result, side, write_log
from tests.support.programs import data_file

EXERCISE = "Single-leg bridge"
PROGRAM = load_program(data_file("resume-ladder.toml"))


def stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def earlier_session(data: Path) -> None:
    """Three days ago: 10 s reached on every side of both sets, left first: a step earned."""
    started = stamp(datetime.now().astimezone() - timedelta(days=3))
    results = [
        result(
            EXERCISE, "hold", set=n, target=10, left=side(10, step=4 * n - 3), right=side(10, step=4 * n - 1)
        )
        for n in (1, 2)
    ]
    write_log(data, started, *results, program=PROGRAM.name)


def first_work(plan: Plan) -> WorkStep:
    return plan.work_steps[0]


def new_runner(data: Path, clock: FakeClock) -> SessionRunner:
    plan = plan_today(PROGRAM, data)
    return SessionRunner(plan, data, clock=clock, replan=replanner(plan, data))


def unfinished_session(data: Path, clock: FakeClock) -> Path:
    """Today's session at 12 s, right first (alternate), stopped after its first side: 12 s held."""
    runner = new_runner(data, clock)
    assert first_work(runner.plan).exercise.work.bounds.target == 12
    assert first_work(runner.plan).side is Side.RIGHT
    runner.main()
    clock.advance(2 + 12)
    runner.tick()
    runner.stop()
    (path,) = [p for p in (data / "sessions").glob("*/*.toml") if "resume-ladder" in p.name]
    return path


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def test_a_resumed_session_keeps_the_targets_and_sides_it_started_with(tmp_path: Path) -> None:
    clock = FakeClock()
    earlier_session(tmp_path)
    path = unfinished_session(tmp_path, clock)
    runner = new_runner(tmp_path, clock)
    # Counted as the session before, the unfinished one would earn a step and start left:
    assert first_work(runner.plan).exercise.work.bounds.target == 14
    assert first_work(runner.plan).side is Side.LEFT
    found = runner.find_unfinished()
    assert found is not None and found.sides_done == 1
    step = found.plan.steps[found.resume_at - 1]
    assert isinstance(step, WorkStep) and step.side is Side.RIGHT
    runner.resume()
    assert runner.plan is found.plan
    assert first_work(runner.plan).exercise.work.bounds.target == 12
    assert [s.side for s in runner.plan.work_steps] == [Side.RIGHT, Side.LEFT, Side.LEFT, Side.RIGHT]
    while not runner.done:
        clock.advance(1)
        runner.tick()
    doc = load(path)
    assert doc["status"] == "completed"
    assert [r["target"] for r in doc["result"]] == [12, 12]
    assert doc["result"][0]["right"]["step"] < doc["result"][0]["left"]["step"]
    assert doc["result"][1]["left"]["step"] < doc["result"][1]["right"]["step"]


def test_a_fresh_start_counts_the_unfinished_session(tmp_path: Path) -> None:
    clock = FakeClock()
    earlier_session(tmp_path)
    unfinished = unfinished_session(tmp_path, clock)
    runner = new_runner(tmp_path, clock)
    assert runner.find_unfinished() is not None
    runner.main()  # space, not r
    assert first_work(runner.plan).exercise.work.bounds.target == 14
    assert first_work(runner.plan).side is Side.LEFT
    while not runner.done:
        clock.advance(1)
        runner.tick()
    (new,) = [p for p in (tmp_path / "sessions").glob("*/*resume-ladder*.toml") if p != unfinished]
    assert [r["target"] for r in load(new)["result"]] == [14, 14]
    assert load(unfinished)["status"] == "stopped"


def test_the_sessions_after_the_unfinished_one_do_not_count_either(tmp_path: Path) -> None:
    earlier_session(tmp_path)
    started = datetime.now().astimezone() - timedelta(hours=2)
    unfinished = write_log(
        tmp_path,
        stamp(started),
        result(EXERCISE, "hold", set=1, target=12, right=side(12, step=1)),
        program=PROGRAM.name,
        status="stopped",
    )
    later = stamp(started + timedelta(hours=1))  # another program's session, same exercise name
    write_log(
        tmp_path,
        later,
        result(EXERCISE, "hold", set=1, target=30, left=side(30, step=1), right=side(30, step=3)),
        program="Something else",
        path=tmp_path / "sessions" / later[:10] / f"{later[11:19].replace(':', '')}-something-else.toml",
    )
    plan = plan_today(PROGRAM, tmp_path, resuming=unfinished)
    assert first_work(plan).exercise.work.bounds.target == 12
    assert first_work(plan).side is Side.RIGHT
