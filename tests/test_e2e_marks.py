"""Issue 12: a check's key during a one-leg hold marks it, in a real terminal (tmux), and in plain mode."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))

HOLD = """\
[program]
name = "Mark test"
prepare = 1

[rest]
between_sides = 1

[[block]]
name = "Bridges"

[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 30
checks = ["hip drop", "cramp"]
"""


def _log(tmp_path: Path) -> dict[str, object]:
    (path,) = (tmp_path / "data" / "sessions").glob("*/*.toml")
    return tomllib.loads(path.read_text())


def test_a_mark_during_a_hold_lands_in_the_log_with_its_time(tmp_path: Path) -> None:
    program = tmp_path / "mark.toml"
    program.write_text(HOLD)
    with Tmux(80, 24) as term:
        term.start([HAMTIMER, "run", str(program), "--mute"], env=user_env(tmp_path))
        term.wait_for("READY")
        term.keys("Space")
        term.wait_for("LEFT LEG")
        time.sleep(2.0)
        term.keys("h")
        shown = term.wait_for("hip drop marked at")
        assert "(left)" in shown
        term.keys("Enter")  # end the left side: the log is written
        term.wait_for("how hard?")
        deadline = time.monotonic() + 5
        while True:
            results = _log(tmp_path).get("result")
            if results or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        term.keys("C-q")
        term.wait_for("Stop the session?")
        term.keys("y")
        assert term.wait_exit() == 0
    (entry,) = _log(tmp_path)["result"]  # type: ignore[misc]
    left = entry["left"]
    (mark,) = left["marks"]
    assert mark["check"] == "hip drop" and 1.5 <= mark["at"] <= left["seconds"] <= 10
    assert left["flags"] == ["hip drop"]  # a mark is also a flag


def test_plain_mode_marks_with_the_same_letter(tmp_path: Path) -> None:
    program = tmp_path / "mark.toml"
    program.write_text(HOLD)
    script = "space\nwait\nh\nenter\nquit\n"  # start, wait for the hold, h, then end it
    done = subprocess.run(
        [HAMTIMER, "run", str(program), "--plain", "--mute"], input=script, text=True,
        capture_output=True, timeout=30, env={**user_env(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert "hip drop marked at 0 s (left)" in done.stdout, done.stdout + done.stderr
    (entry,) = _log(tmp_path)["result"]  # type: ignore[misc]
    assert entry["left"]["marks"] == [{"check": "hip drop", "at": 0.0}]
    assert "hip drop marked at 0 s" in done.stdout.split("Session stopped")[-1]
