"""The session log of the real `hamtimer run` in a real terminal (tmux): typed sessions, kill -9, resuming.

Each test drives the installed command with keys, reads the screen, and checks the TOML files on
disk with tomllib, as a user opening their data folder would find them.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.support.dirs import user_env
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))

TINY = """\
[program]
name = "Tiny test"
prepare = 1

[rest]
between_sides = 2
between_exercises = 1

[[block]]
name = "Bridges"

[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 2
checks = ["hip drop", "cramp"]

[[block.exercise]]
name = "Hamstring pull"
reps = 3
"""
"""Holds and rests short enough to run to their end while the test types."""

SLOW = TINY.replace("prepare = 1", "prepare = 8").replace("between_sides = 2", "between_sides = 8")
SLOW = SLOW.replace("between_exercises = 1", "between_exercises = 8").replace("hold = 2", "hold = 8")
"""Steps long enough for a kill to land inside them; enter moves on when the test is ready."""

BRIDGE = "Single-leg bridge"


def write_program(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return path


def session_files(data: Path) -> list[Path]:
    return sorted(p for p in (data / "sessions").glob("*/*.toml") if not p.name.startswith("."))


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def sides(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(exercise, side) -> the side's table as written, without our `step` and `started_at` extensions."""
    found = {}
    for table in doc.get("result", []):
        for name in ("left", "right", "both"):
            if name in table:
                found[(table["exercise"], name)] = {
                    k: v for k, v in table[name].items() if k not in ("step", "started_at")
                }
    return found


def seconds_shown(screen: str, side: str) -> float:
    """The time a side reached, as its rating prompt shows it ("LEFT Single-leg bridge: 0.6 s")."""
    found = re.search(rf"{side} {BRIDGE}: ([\d.]+) s", screen)
    assert found, screen
    return float(found.group(1))


def kill(term: Tmux) -> None:
    assert term.pid is not None
    os.kill(term.pid, signal.SIGKILL)
    assert term.wait_exit() == 128 + signal.SIGKILL


# ----- a typed session


def test_a_typed_session_is_logged_exactly(tmp_path: Path) -> None:
    program = write_program(tmp_path, TINY, "tiny")
    data = tmp_path / "data"
    with Tmux(100, 30) as term:
        term.start([HAMTIMER, "run", str(program)], env=user_env(tmp_path, data))
        term.wait_for("READY")
        term.keys("Space")
        term.wait_for("LEFT LEG")
        term.wait_for("how hard?")
        term.keys("7", "h")
        term.wait_for("hip drop: YES")
        (running,) = session_files(data)  # on disk while the session runs
        assert load(running)["status"] == "running"
        assert sides(load(running))[(BRIDGE, "left")] == {
            "seconds": 2.0, "difficulty": 7, "flags": ["hip drop"], "completed": True,
        }  # fmt: skip
        term.wait_for("RIGHT LEG")
        term.wait_for(f"RIGHT {BRIDGE}: 2 s")
        term.keys("9")
        term.wait_for("rated 9")
        term.wait_for("space counts a rep")
        term.keys("Space", "Space", "Space")
        term.wait_for("Session complete")
        term.keys("8")  # the last side is rated on the summary
        summary = term.wait_for("rated 8")
        assert "Saved to" in summary
        term.keys("Enter")
        assert term.wait_exit() == 0

    (path,) = session_files(data)
    assert path.parent.parent == data / "sessions"
    assert re.fullmatch(r"\d{6}-tiny-test\.toml", path.name)
    assert path.stat().st_mode & 0o777 == 0o600
    for folder in (data, data / "sessions", path.parent):
        assert folder.stat().st_mode & 0o777 == 0o700
    doc = load(path)
    assert doc["schema"] == 1 and doc["program"] == "Tiny test" and doc["side_order"] == "left-first"
    assert doc["status"] == "completed"
    assert doc["started"].tzinfo is not None and doc["ended"] >= doc["started"]
    assert path.parent.name == doc["started"].strftime("%Y-%m-%d")
    assert path.name.startswith(doc["started"].strftime("%H%M%S"))
    heads = [{k: v for k, v in t.items() if k not in ("left", "right", "both")} for t in doc["result"]]
    assert heads == [
        {"exercise": BRIDGE, "block": "Bridges", "set": 1, "round": 1, "work": "hold", "target": 2},
        {"exercise": "Hamstring pull", "block": "Bridges", "set": 1, "round": 1, "work": "reps", "target": 3},
    ]
    assert sides(doc) == {
        (BRIDGE, "left"): {"seconds": 2.0, "difficulty": 7, "flags": ["hip drop"], "completed": True},
        (BRIDGE, "right"): {"seconds": 2.0, "difficulty": 9, "flags": [], "completed": True},
        ("Hamstring pull", "both"): {"reps": 3, "difficulty": 8, "completed": True},
    }
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


# ----- kill -9


def run_until(term: Tmux, point: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Drive the SLOW program up to `point`; return the sides finished on the way (as they must be logged)."""
    done: dict[tuple[str, str], dict[str, Any]] = {}
    term.wait_for("READY")
    term.keys("Space")
    term.wait_for("GET READY")
    if point == "prepare":
        return done
    term.keys("Enter")
    term.wait_for("LEFT LEG")
    if point == "first hold":
        return done
    term.keys("Enter")
    left = seconds_shown(term.wait_for("how hard?"), "LEFT")
    term.keys("7")
    term.wait_for("rated 7")
    done[(BRIDGE, "left")] = {"seconds": left, "difficulty": 7, "flags": [], "completed": left >= 8}
    if point == "rest after rating":
        return done
    term.keys("Enter")
    term.wait_for("RIGHT LEG")
    if point == "second hold":
        return done
    term.keys("Enter")
    right = seconds_shown(term.wait_for(f"RIGHT {BRIDGE}:"), "RIGHT")
    term.keys("c")  # a cramp, not rated
    term.wait_for("cramp: YES")
    done[(BRIDGE, "right")] = {"seconds": right, "flags": ["cramp"], "completed": right >= 8}
    term.keys("Enter")
    term.wait_for("space counts a rep")
    term.keys("Space", "Space")
    assert point == "reps"
    return done


POINTS = ["prepare", "first hold", "rest after rating", "second hold", "reps"]


def killed_at(
    tmp_path: Path, program: Path, point: str
) -> tuple[Path, dict[tuple[str, str], dict[str, Any]]]:
    data = tmp_path / point.replace(" ", "-")
    with Tmux(100, 30) as term:
        term.start([HAMTIMER, "run", str(program)], env=user_env(tmp_path, data))
        done = run_until(term, point)
        kill(term)
    return data, done


def test_kill_9_at_any_point_loses_no_finished_side(tmp_path: Path) -> None:
    program = write_program(tmp_path, SLOW, "slow")
    with ThreadPoolExecutor(len(POINTS)) as pool:
        runs = list(pool.map(lambda point: killed_at(tmp_path, program, point), POINTS))
    for point, (data, done) in zip(POINTS, runs, strict=True):
        files = session_files(data)
        assert len(files) == 1, (point, files)
        doc = load(files[0])  # valid TOML
        assert doc["schema"] == 1 and doc["program"] == "Tiny test", point
        assert doc["status"] == "running" and "ended" not in doc, point
        assert sides(doc) == done, point
        assert files[0].stat().st_mode & 0o777 == 0o600


def test_a_killed_session_is_resumed_and_finished_in_the_same_file(tmp_path: Path) -> None:
    program = write_program(tmp_path, SLOW, "slow")
    data, done = killed_at(tmp_path, program, "second hold")
    (path,) = session_files(data)
    started = load(path)["started"]
    with Tmux(120, 30) as term:
        term.start([HAMTIMER, "run", str(program)], env=user_env(tmp_path, data))
        offer = term.wait_for("Unfinished session")
        assert "1 sides done" in offer and "r goes on from" in offer
        term.keys("r")
        term.wait_for("REST")
        term.keys("Enter")
        term.wait_for("RIGHT LEG")
        term.keys("Enter")
        right = seconds_shown(term.wait_for("how hard?"), "RIGHT")
        term.keys("9")
        term.wait_for("rated 9")
        term.keys("Enter")
        term.wait_for("space counts a rep")
        term.keys("Space", "Space", "Space")
        summary = term.wait_for("Session complete")
        assert "3 sides or sets done" in summary
        term.keys("Enter")
        assert term.wait_exit() == 0
    assert session_files(data) == [path]
    doc = load(path)
    assert doc["status"] == "completed" and doc["started"] == started and "ended" in doc
    assert sides(doc) == {
        **done,
        (BRIDGE, "right"): {"seconds": right, "difficulty": 9, "flags": [], "completed": False},
        ("Hamstring pull", "both"): {"reps": 3, "completed": True},
    }


def test_space_on_the_offer_starts_afresh_in_a_new_file(tmp_path: Path) -> None:
    program = write_program(tmp_path, SLOW, "slow")
    data, _ = killed_at(tmp_path, program, "rest after rating")
    (old,) = session_files(data)
    before = old.read_bytes()
    with Tmux(120, 30) as term:
        term.start([HAMTIMER, "run", str(program)], env=user_env(tmp_path, data))
        term.wait_for("Unfinished session")
        term.keys("Space")
        term.wait_for("GET READY")
        term.keys("Enter")
        term.wait_for("LEFT LEG")
        kill(term)
    files = session_files(data)
    assert len(files) == 2 and old in files
    assert old.read_bytes() == before
    (new,) = [f for f in files if f != old]
    assert load(new)["status"] == "running" and sides(load(new)) == {}


# ----- history on a corrupt file, two sessions at once


def test_history_reports_a_corrupt_file_and_leaves_it_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = data / "sessions" / "2026-11-21" / "073000-bridge.toml"
    good.parent.mkdir(parents=True)
    good.write_text(
        'schema = 1\nprogram = "Bridge"\nprogram_file = "b.toml"\nstarted = 2026-11-21T07:30:00+01:00\n'
        'ended = 2026-11-21T07:50:00+01:00\nstatus = "completed"\nside_order = "left-first"\n\n'
        '[[result]]\nexercise = "Single-leg bridge"\nset = 1\nround = 1\nwork = "hold"\ntarget = 30\n\n'
        "[result.left]\nseconds = 30.0\ncompleted = true\n\n"
        "[result.right]\nseconds = 24.0\ncompleted = false\n"
    )
    bad = data / "sessions" / "2026-11-20" / "071500-x.toml"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b'schema = 1\nprogram = "Bridge"\nstarted = 2026-11-20T07:15:00+01:00\n[[result]\nexer')
    os.utime(bad, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = (bad.read_bytes(), bad.stat().st_mtime_ns, bad.stat().st_size)
    for args in ([], ["--json"], []):
        done = subprocess.run(
            [HAMTIMER, "history", *args], env={**os.environ, **user_env(tmp_path, data)},
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "sessions/2026-11-20/071500-x.toml" in done.stdout
        assert "not valid TOML" in done.stdout
        assert "right" in done.stdout
        said = '"asymmetry_pct": 20.0' if args else "1 of 3 sessions so far: too few to judge"
        assert said in done.stdout
        assert "Traceback" not in done.stderr
    assert (bad.read_bytes(), bad.stat().st_mtime_ns, bad.stat().st_size) == before


def test_two_sessions_at_once_write_two_files(tmp_path: Path) -> None:
    program = write_program(tmp_path, SLOW, "slow")
    data = tmp_path / "data"
    with Tmux(100, 30) as one, Tmux(100, 30) as two:
        for term in (one, two):
            term.start([HAMTIMER, "run", str(program)], env=user_env(tmp_path, data))
        for term in (one, two):
            term.wait_for("READY")
        one.keys("Space")
        two.keys("Space")  # most likely the same second: the second file gets "-2"
        for term, rating in ((one, "3"), (two, "8")):
            term.wait_for("GET READY")
            term.keys("Enter")
            term.wait_for("LEFT LEG")
            term.keys("Enter")
            term.wait_for("how hard?")
            term.keys(rating)
            term.wait_for(f"rated {rating}")
        for term in (one, two):
            term.keys("C-q")
            term.wait_for("Stop the session?")
            term.keys("y")
            assert term.wait_exit() == 0
    files = session_files(data)
    assert len(files) == 2, files
    docs = [load(f) for f in files]
    assert all(doc["status"] == "stopped" for doc in docs)
    ratings = sorted(sides(doc)[(BRIDGE, "left")]["difficulty"] for doc in docs)
    assert ratings == [3, 8]
    assert all(set(sides(doc)) == {(BRIDGE, "left")} for doc in docs)
