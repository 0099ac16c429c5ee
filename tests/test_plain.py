"""Plain mode as a script uses it: commands piped in, lines out, the log on disk, no Textual."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.support.dirs import user_env
from tests.support.latency import budget, reference_exit
from tests.support.programs import REPS, TINY


def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, **user_env(tmp_path)}


PROBE = """
import sys
from hamtimer.cli import main
code = main(sys.argv[1:])
print("TEXTUAL=" + str(sorted(m for m in sys.modules if m.split(".")[0] == "textual")))
sys.exit(code)
"""


def plain(tmp_path: Path, program: Path, commands: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", PROBE, "run", str(program), "--plain", "--mute"]
    return subprocess.run(
        argv, input=commands, capture_output=True, text=True, timeout=30, env=env(tmp_path), check=False
    )


def the_log(tmp_path: Path) -> dict[str, Any]:
    (path,) = sorted((tmp_path / "data" / "sessions").glob("*/*.toml"))
    with path.open("rb") as handle:
        return tomllib.load(handle)


def test_space_alone_runs_an_all_timed_program_to_its_end_without_textual(tmp_path: Path) -> None:
    done = plain(tmp_path, TINY, "space\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert "TEXTUAL=[]" in out
    assert out[0].startswith("Tiny · 2 work steps")
    assert "first: LEFT leg · Single-leg bridge · hold 2 s" in out
    said = ("get ready 2 s", "LEFT leg · Single-leg bridge · hold 2 s", "rest 1 s between sides", "1", "done")
    assert all(line in out for line in said)
    assert any(line.startswith("Session done: Tiny") for line in out)
    assert not any(ch in done.stdout for ch in "\x1b┌─│")
    doc = the_log(tmp_path)
    assert doc["status"] == "completed" and "ended" in doc
    assert doc["result"][0]["left"]["seconds"] == 2.0 and doc["result"][0]["right"]["completed"]


def test_wait_paces_a_script_so_ratings_land_on_their_side(tmp_path: Path) -> None:
    done = plain(tmp_path, TINY, "space\nwait\nwait\n7\nh\nwait\nwait\n9\n")
    assert done.returncode == 0, done.stderr
    assert "rated 7, three more; hip drop: no" in done.stdout
    assert "rated 7, three more; hip drop: yes" in done.stdout
    result = the_log(tmp_path)["result"][0]
    assert result["left"]["difficulty"] == 7 and result["left"]["flags"] == ["hip drop"]
    assert result["right"]["difficulty"] == 9 and result["right"]["flags"] == []


def test_counted_reps_and_the_end_of_input_on_a_step_that_waits(tmp_path: Path) -> None:
    done = plain(tmp_path, REPS, "space\nwait\nspace\nspace\nspace\n")
    assert done.returncode == 0, done.stderr
    assert "both legs · Hamstring curl · reps 3 reps · space counts a rep, enter ends" in done.stdout
    assert "3 reps" in done.stdout.splitlines()
    assert the_log(tmp_path)["status"] == "completed"
    stopped = plain(tmp_path / "again", REPS, "space\nwait\nspace\n")
    assert "input ended and this step waits for a key: the session stops here" in stopped.stdout
    assert the_log(tmp_path / "again")["status"] == "stopped"


def test_quit_before_the_start_writes_nothing(tmp_path: Path) -> None:
    done = plain(tmp_path, TINY, "quit\n")
    assert done.returncode == 0
    assert not (tmp_path / "data" / "sessions").exists()


def test_quit_stops_and_keeps_what_was_done(tmp_path: Path) -> None:
    done = plain(tmp_path, TINY, "space\nwait\nwait\nquit\n")
    assert done.returncode == 0
    assert "session stopped" in done.stdout and "Session stopped: Tiny, 1 sides or sets" in done.stdout
    doc = the_log(tmp_path)
    assert doc["status"] == "stopped" and "ended" in doc and "left" in doc["result"][0]


def test_an_unknown_command_is_told_and_ignored(tmp_path: Path) -> None:
    done = plain(tmp_path, TINY, "space\nzz\n")
    assert "zz: not a command here; ? lists them" in done.stdout
    assert the_log(tmp_path)["status"] == "completed"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_stops_the_session_like_a_confirmed_quit(tmp_path: Path, number: int) -> None:
    argv = [sys.executable, "-m", "hamtimer", "run", str(REPS), "--plain", "--mute"]
    process = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env(tmp_path)
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("space\n")
    process.stdin.flush()
    for line in process.stdout:
        if "space counts a rep" in line:
            break
    sent = time.monotonic()
    process.send_signal(number)
    assert process.wait(timeout=10) == 128 + number
    took = time.monotonic() - sent
    assert took < budget(reference_exit(number)), took
    doc = the_log(tmp_path)
    assert doc["status"] == "stopped" and "ended" in doc
    process.stdin.close()
    process.stdout.close()


def test_trace_from_plain_mode(tmp_path: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    argv = [sys.executable, "-m", "hamtimer", "run", str(TINY), "--plain", "--mute", "--trace", str(trace)]
    subprocess.run(argv, input="space\n", text=True, capture_output=True, env=env(tmp_path), timeout=30)
    events = [json.loads(line)["event"] for line in trace.read_text().splitlines()]
    assert events[0] == "session-started" and events[-1] == "session-finished"


def test_r_goes_on_with_an_unfinished_session_in_the_same_file(tmp_path: Path) -> None:
    plain(tmp_path, TINY, "space\nwait\nwait\n7\nquit\n")
    (path,) = sorted((tmp_path / "data" / "sessions").glob("*/*.toml"))
    done = plain(tmp_path, TINY, "r\nwait\nwait\n9\n")
    assert "unfinished session from" in done.stdout and "1 sides done: r goes on from rest" in done.stdout
    assert sorted((tmp_path / "data" / "sessions").glob("*/*.toml")) == [path]
    doc = the_log(tmp_path)
    assert doc["status"] == "completed"
    assert doc["result"][0]["left"]["difficulty"] == 7 and doc["result"][0]["right"]["difficulty"] == 9
