"""SIGTERM, SIGHUP (and SIGINT in plain mode) end a session as a confirmed quit does, in a real terminal."""

from __future__ import annotations

import os
import signal
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from hamtimer.ui.app import EXIT_GRACE
from tests.support.dirs import user_env
from tests.support.latency import QUICK, budget
from tests.support.programs import BRIDGE
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def the_log(tmp_path: Path) -> dict[str, Any]:
    (path,) = sorted((tmp_path / "data" / "sessions").glob("*/*.toml"))
    with path.open("rb") as handle:
        return tomllib.load(handle)


def tmux_reference(tmp_path: Path, number: int) -> float:
    """Seconds from a signal to the shell's EXIT= line, for a process that only exits, seen
    through tmux exactly as the tests below see hamtimer's."""
    script = '"$0" -c "$1"; echo EXIT=$?'
    with Tmux(80, 24) as tmux:
        tmux.start(["sh", "-c", script, sys.executable, QUICK], env=user_env(tmp_path))
        tmux.wait_for("ready")
        sent = time.monotonic()
        os.kill(tmux.descendant(), number)
        assert exit_line(tmux, timeout=10) == 128 + number
        return time.monotonic() - sent


def exit_line(tmux: Tmux, timeout: float) -> int:
    """The status the shell echoed after hamtimer (in the scrollback when the app printed nothing)."""
    deadline = time.monotonic() + timeout
    while "EXIT=" not in (shown := tmux.transcript()):
        assert time.monotonic() < deadline, f"no EXIT= within {timeout} s:\n{shown}"
        time.sleep(0.05)
    return int(shown.split("EXIT=")[1].split()[0])


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_session_restores_the_terminal_and_stops_the_log(
    tmp_path: Path, number: int
) -> None:
    script = f'"$0" run {BRIDGE} --mute; echo EXIT=$?'
    with Tmux(80, 24) as tmux:
        tmux.start(["sh", "-c", script, HAMTIMER], env=user_env(tmp_path))
        tmux.wait_for("space")
        tmux.keys("Space")
        tmux.wait_for("GET READY")
        assert tmux.display("#{alternate_on} #{mouse_any_flag}") == "1 1"
        sent = time.monotonic()
        os.kill(tmux.descendant(), number)
        assert exit_line(tmux, timeout=10) == 128 + number
        took = time.monotonic() - sent
        assert tmux.display("#{alternate_on} #{mouse_any_flag}") == "0 0"
    doc = the_log(tmp_path)
    assert doc["status"] == "stopped" and "ended" in doc
    assert took < budget(tmux_reference(tmp_path, number)), took


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_in_plain_mode_restores_the_terminal_and_stops_the_log(tmp_path: Path, number: int) -> None:
    script = f'"$0" run {BRIDGE} --plain --mute; echo EXIT=$?; stty -a'
    with Tmux(100, 30) as tmux:
        tmux.start(["sh", "-c", script, HAMTIMER], env=user_env(tmp_path))
        tmux.wait_for("press space to start")
        tmux.keys("Space")
        tmux.wait_for("get ready")
        sent = time.monotonic()
        os.kill(tmux.descendant(), number)  # ctrl+c would signal the shell around it too
        assert exit_line(tmux, timeout=10) == 128 + number
        took = time.monotonic() - sent
        settings = tmux.wait_for("icanon").split()
        assert "icanon" in settings and "echo" in settings  # cooked mode again
        assert "session stopped" in tmux.transcript()
    doc = the_log(tmp_path)
    assert doc["status"] == "stopped" and "ended" in doc
    assert took < budget(tmux_reference(tmp_path, number)), took


def test_plain_mode_on_a_terminal_takes_single_keys_and_ctrl_q_asks_first(tmp_path: Path) -> None:
    script = f'"$0" run {BRIDGE} --plain --mute; echo EXIT=$?'
    with Tmux(100, 30) as tmux:
        tmux.start(["sh", "-c", script, HAMTIMER], env=user_env(tmp_path))
        tmux.wait_for("press space to start")
        tmux.keys("Space")
        tmux.wait_for("get ready")
        tmux.keys("Enter")
        tmux.wait_for("LEFT leg · Single-leg bridge · hold 30 s")
        tmux.keys("p")
        tmux.wait_for("paused, p resumes")
        tmux.keys("C-q")
        tmux.wait_for("stop the session? y stops")
        tmux.keys("n")
        tmux.wait_for("going on")
        tmux.keys("C-q", "y")
        assert exit_line(tmux, timeout=5) == 0
        assert "Session stopped: Bridge test" in tmux.transcript()
    assert the_log(tmp_path)["status"] == "stopped"


def test_a_signal_before_the_start_exits_with_its_code_and_writes_nothing(tmp_path: Path) -> None:
    script = f'"$0" run {BRIDGE} --mute; echo EXIT=$?'
    with Tmux(80, 24) as tmux:
        tmux.start(["sh", "-c", script, HAMTIMER], env=user_env(tmp_path))
        tmux.wait_for("space")
        os.kill(tmux.descendant(), signal.SIGTERM)
        assert exit_line(tmux, timeout=5) == 143
        assert tmux.display("#{alternate_on} #{mouse_any_flag}") == "0 0"
    assert not (tmp_path / "data" / "sessions").exists()


def running(marker: str) -> list[int]:
    """The processes whose command line holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_a_terminal_closed_as_the_app_starts_leaves_no_process_behind(tmp_path: Path) -> None:
    """The terminal goes (SIGHUP) while the app is still starting up, as when a window is closed
    at once: each app must still end, within its grace period, not hang in Textual's shutdown."""
    program = tmp_path / "closed-at-once.toml"
    program.write_text(Path(BRIDGE).read_text())
    for delay in (0.2, 0.3, 0.4, 0.5, 0.6):
        tmux = Tmux(80, 24)
        tmux.start([HAMTIMER, "run", str(program), "--mute"], env=user_env(tmp_path))
        time.sleep(delay)
        tmux.close()
    deadline = time.monotonic() + EXIT_GRACE + 3
    while running(str(program)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = running(str(program))
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} of 5 apps still running {EXIT_GRACE + 3:g} s after their terminal closed"
