"""The real `hamtimer` command in a real terminal (tmux): keys typed, screen read, files checked."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.support.dirs import user_env
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))

# Every timed step lasts 2 s or more, so that a screen the test waits for stays up long enough to
# be seen on a loaded machine (the test polls the pane every 50 ms, and tmux may answer late).
TINY = """\
[program]
name = "Tiny test"
prepare = 2

[rest]
between_sides = 5
between_exercises = 2

[[block]]
name = "Bridges"

[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 4
checks = ["hip drop", "cramp"]
cues = ["Drive through the heel"]

[[block.exercise]]
name = "Hamstring pull"
reps = 3
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY)
    return path


def test_a_typed_session_reaches_the_summary(tmp_path: Path, tiny: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    with Tmux(80, 24) as term:
        term.start([HAMTIMER, "run", str(tiny), "--trace", str(trace)], env=user_env(tmp_path))
        start = term.wait_for("READY")
        assert "Tiny test" in start and "space" in start

        term.keys("Space")
        left = term.wait_for("LEFT LEG")
        assert "Single-leg bridge" in left and "Drive through the heel" in left

        rest = term.wait_for("how hard?")
        assert "REST" in rest and "[h] hip drop: no" in rest and "[c] cramp: no" in rest
        term.keys("7", "h")
        rated = term.wait_for("hip drop: YES")
        assert "rated 7" in rated and "cramp: no" in rated

        right = term.wait_for("RIGHT LEG")
        assert "Single-leg bridge" in right
        term.wait_for("RIGHT Single-leg bridge: 4 s")
        term.keys("9")
        term.wait_for("rated 9")

        reps = term.wait_for("space counts a rep")
        assert "Hamstring pull" in reps
        term.keys("Space", "Space", "Space")

        summary = term.wait_for("Session complete")
        assert "Single-leg bridge" in summary and "Hamstring pull" in summary
        assert "7 / 9" in summary and "3 reps" in summary
        assert "hip drop" in summary
        assert "Traceback" not in summary

        term.keys("Enter")
        assert term.wait_exit() == 0

    lines = [json.loads(line) for line in trace.read_text().splitlines()]
    kinds = [line["event"] for line in lines]
    assert kinds[0] == "session-started" and kinds[-1] == "session-finished"
    assert all({"event", "step", "scheduled", "actual"} <= line.keys() for line in lines)
    cues = [line.get("cue") for line in lines if line["event"] == "cue"]
    assert cues.count("go") == 3 and cues.count("side-switch") == 1 and cues.count("rep") == 3


def test_quit_keeps_what_was_done_and_prints_it(tmp_path: Path, tiny: Path) -> None:
    with Tmux(80, 24) as term:
        term.start([HAMTIMER, "run", str(tiny)], env=user_env(tmp_path))
        term.wait_for("READY")
        term.keys("Space")
        term.wait_for("LEFT LEG")
        term.keys("Enter")
        term.wait_for("how hard?")
        term.keys("C-q")
        term.wait_for("Stop the session?")
        term.keys("y")
        assert term.wait_exit() == 0
        shown = term.transcript()
        assert "Session stopped: Tiny test, 1 sides or sets done" in shown
        assert "Single-leg bridge" in shown


def test_small_terminal_still_shows_countdown_and_side(tmp_path: Path, tiny: Path) -> None:
    with Tmux(60, 18) as term:
        term.start([HAMTIMER, "run", str(tiny)], env=user_env(tmp_path))
        term.wait_for("READY")
        term.keys("Space")
        shown = term.wait_for("LEFT LEG")
        assert "Single-leg bridge" in shown
        assert any(glyph in shown for glyph in "█▀▄")


def test_a_bad_program_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[program]\nname = "x"\n[[block]]\n[[block.exercise]]\nname = "a"\nhodl = 30\n')
    with Tmux(80, 24) as term:
        term.start([HAMTIMER, "run", str(bad)], env=user_env(tmp_path))
        assert term.wait_exit() == 1
        shown = term.transcript()
        assert 'did you mean "hold"?' in shown and "Traceback" not in shown
