"""`[export] fit = true`, in a real terminal (tmux): the summary names the FIT file, and so do the
lines a stopped session leaves behind; the file is there and reads back."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.fit_files import read_sets
from tests.support.programs import TINY
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def setup(tmp_path: Path) -> tuple[Path, Path]:
    """A config asking for the export, and TINY with a FIT exercise; the program and the folder."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("[export]\nfit = true\n")
    program = tmp_path / "tiny.toml"
    fit = 'hold = 2\nfit = "hip_raise.single_leg_hip_raise"'
    program.write_text(TINY.read_text().replace("hold = 2", fit))
    return program, tmp_path / "data" / "exports" / "fit"


def test_the_summary_names_the_file_written_at_the_end(tmp_path: Path) -> None:
    program, folder = setup(tmp_path)
    with Tmux(160, 30) as term:
        term.start([HAMTIMER, "run", str(program), "--mute"], env=user_env(tmp_path))
        term.wait_for("READY")
        term.keys("Space")
        shown = term.wait_for("FIT file: ", timeout=20)
        (path,) = folder.glob("*-tiny.fit")
        assert f"FIT file: {path}" in shown
        assert "Session complete" in shown
        term.keys("C-q")
        assert term.wait_exit() == 0
    active = [s for s in read_sets(path) if s.kind == "active"]
    assert [(s.duration, s.exercise) for s in active] == [(2.0, "hip_raise.single_leg_hip_raise")] * 2


def test_a_stopped_session_prints_the_file_with_its_lines(tmp_path: Path) -> None:
    program, folder = setup(tmp_path)
    script = f'"$0" run {program} --mute; echo EXIT=$?'
    with Tmux(160, 30) as term:
        term.start(["sh", "-c", script, HAMTIMER], env=user_env(tmp_path))
        term.wait_for("READY")
        term.keys("Space")
        term.wait_for("RIGHT LEG", timeout=15)  # the left side is done and logged
        term.keys("C-q")
        term.wait_for("Stop the session?")
        term.keys("y")
        term.wait_for("EXIT=0", timeout=15)
        shown = term.transcript()
    (path,) = folder.glob("*-tiny.fit")
    assert "Session stopped: Tiny" in shown and f"FIT file: {path}" in shown
    assert [s.duration for s in read_sets(path) if s.kind == "active"] == [2.0]
