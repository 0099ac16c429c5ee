"""Two real sessions in a row in a real terminal (tmux): the second starts with a higher target,
earned in the first; the waiting rung says what it needs."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))

LADDER = """\
[program]
name = "Pull ladder"
prepare = 1

[[block]]
[[block.exercise]]
name = "Double-leg pull"
reps = "2-3"
progress = 1
goal = { reps = 5, sessions = 2 }

[[block.exercise]]
name = "Single-leg pull"
sides = "each"
reps = 1
after = "Double-leg pull"
"""


def test_two_sessions_in_a_row_the_second_with_a_higher_target(tmp_path: Path) -> None:
    program = tmp_path / "ladder.toml"
    program.write_text(LADDER)
    env = user_env(tmp_path)
    with Tmux(100, 30) as term:
        term.start([HAMTIMER, "run", str(program), "--mute"], env=env)
        start = term.wait_for("READY")
        assert "Double-leg pull: 2-3 reps (first time" in start
        assert "Single-leg pull: opens when Double-leg pull reaches 5 reps for 2 sessions (0/2)" in start
        term.keys("Space")
        term.wait_for("space counts a rep")
        term.keys("Space", "Space", "Space")
        summary = term.wait_for("Session complete")
        assert "Double-leg pull: rises to 4 reps next time (earned today)" in summary
        term.keys("Escape", "Enter")
        assert term.wait_exit() == 0
    (first,) = (tmp_path / "data").rglob("*.toml")
    assert tomllib.loads(first.read_text())["result"][0]["target"] == 3

    with Tmux(100, 30) as term:
        term.start([HAMTIMER, "run", str(program), "--mute"], env=env)
        start = term.wait_for("READY")
        assert "Double-leg pull: 3-4 reps (last time 3, earned)" in start
        term.keys("Space")
        term.wait_for("reps of 3-4 reps")
        term.keys("Space", "Space", "Space", "Enter")
        term.wait_for("Session complete")
        term.keys("Escape", "Enter")
        assert term.wait_exit() == 0
    second = max((tmp_path / "data").rglob("*.toml"))
    logged = tomllib.loads(second.read_text())["result"][0]
    assert (logged["target"], logged["minimum"], logged["both"]["reps"]) == (4, 3, 3)


def test_run_all_includes_the_waiting_rung_once_and_the_log_says_so(tmp_path: Path) -> None:
    import subprocess

    program = tmp_path / "ladder.toml"
    program.write_text(
        LADDER.replace("prepare = 1", "prepare = 0\n[rest]\nbetween_sides = 0\nbetween_exercises = 0")
    )
    data = tmp_path / "data"
    env = {"HAMTIMER_CONFIG_DIR": str(tmp_path / "config"), "HAMTIMER_CACHE_DIR": str(tmp_path / "cache")}
    argv = [HAMTIMER, "run", str(program), "--plain", "--mute", "--data-dir", str(data)]
    script = "space\n" * 6
    done = subprocess.run([*argv, "--all"], input=script, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert "Single-leg pull: opens when" in done.stdout and "included this session" in done.stdout
    (log,) = data.rglob("*.toml")
    record = tomllib.loads(log.read_text())
    assert record["all"] is True
    assert {r["exercise"] for r in record["result"]} == {"Double-leg pull", "Single-leg pull"}
    # the next session without --all: the rung waits again (its gate is not met)
    done = subprocess.run([*argv], input="quit\n", capture_output=True, text=True, timeout=60, env=env)
    assert "Single-leg pull: opens when Double-leg pull reaches 5 reps for 2 sessions (0/2)" in done.stdout


def test_plain_mode_asks_the_soreness_check_in_before_the_start(tmp_path: Path) -> None:
    import subprocess

    program = tmp_path / "ladder.toml"
    program.write_text(LADDER.replace("prepare = 1", "prepare = 0\nsoreness = true"))
    data = tmp_path / "data"
    env = {"HAMTIMER_CONFIG_DIR": str(tmp_path / "config"), "HAMTIMER_CACHE_DIR": str(tmp_path / "cache")}
    argv = [HAMTIMER, "run", str(program), "--plain", "--mute", "--data-dir", str(data)]
    done = subprocess.run(
        argv, input="2\nx\n" + "space\n" * 4, capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "how does each hamstring feel?" in done.stdout and "soreness: left 2, right 10" in done.stdout
    (log,) = data.rglob("*.toml")
    assert tomllib.loads(log.read_text())["soreness"] == {"left": 2, "right": 10}
