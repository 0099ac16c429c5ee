"""Plain mode over weeks (issue 20): the intro says this week's count, the end the count with this
session in it, as the start screen and the summary do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.dirs import user_env
from tests.support.programs import TINY
from tests.ui.test_weeks import TINY_WEEKLY, earlier_today


def run_plain(tmp_path: Path, program: Path) -> list[str]:
    env = {**os.environ, **user_env(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "hamtimer", "run", str(program), "--plain", "--mute"],
        input="space\n", capture_output=True, text=True, timeout=30, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_plain_mode_says_this_week_before_and_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAMTIMER_TODAY", raising=False)  # the session is logged at the real now
    earlier_today(tmp_path / "data")
    program = tmp_path / "tiny-weekly.toml"
    program.write_text(TINY_WEEKLY, encoding="utf-8")
    out = run_plain(tmp_path, program)
    assert "today: this week: 1 of 2 sessions" in out
    assert out[-1] == "2 of 2 this week"
    assert out.index("today: this week: 1 of 2 sessions") < out.index("space starts")


def test_plain_mode_without_a_target_says_nothing_of_the_week(tmp_path: Path) -> None:
    out = run_plain(tmp_path, TINY)
    assert not any("this week" in line for line in out)
