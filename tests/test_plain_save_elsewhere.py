"""Plain mode's save elsewhere (issue 16): when the log cannot be written, it asks at the end for
another folder, as the app does with `w`; nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.programs import TINY
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def blocked_data(tmp_path: Path) -> Path:
    """A data folder that cannot be made: its parent is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    return blocker / "data"


def run(tmp_path: Path, commands: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **user_env(tmp_path, data=blocked_data(tmp_path))}
    argv = [sys.executable, "-m", "hamtimer", "run", str(TINY), "--plain", "--mute"]
    return subprocess.run(argv, input=commands, capture_output=True, text=True, timeout=60, env=environ)


def answering(tmp_path: Path, *answers: Path) -> str:
    """A session piped in, each answer written only once the question is asked (as an expect
    script or a person at a pipe would); everything plain mode printed."""
    environ = {**os.environ, **user_env(tmp_path, data=blocked_data(tmp_path))}
    argv = [sys.executable, "-m", "hamtimer", "run", str(TINY), "--plain", "--mute"]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environ)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("space\n")
    process.stdin.flush()
    said, left = [], list(answers)
    for line in process.stdout:
        said.append(line)
        if "rate the last side now" in line:
            process.stdin.write("enter\n")
            process.stdin.flush()
        if "type a folder to save it to" in line and left:
            process.stdin.write(f"{left.pop(0)}\n")
            process.stdin.flush()
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    process.stdout.close()
    return "".join(said)


def saved_logs(folder: Path) -> list[Path]:
    return sorted((folder / "sessions").glob("*/*.toml"))


def test_a_folder_given_at_the_end_gets_the_whole_log(tmp_path: Path) -> None:
    elsewhere = tmp_path / "Backup Folder"  # as written: spaces and capitals kept
    out = answering(tmp_path, elsewhere)
    assert "the session log cannot be saved" in out
    assert "type a folder to save it to" in out
    (log,) = saved_logs(elsewhere)
    assert f"session log written to {log}" in out
    with log.open("rb") as handle:
        doc = tomllib.load(handle)
    assert doc["status"] == "completed"
    assert [set(r) & {"left", "right"} for r in doc["result"]] == [{"left", "right"}]
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_a_folder_that_fails_too_is_asked_again(tmp_path: Path) -> None:
    elsewhere = tmp_path / "second try"
    out = answering(tmp_path, tmp_path / "not-a-folder" / "again", elsewhere)
    assert out.count("type a folder to save it to") == 2
    assert len(saved_logs(elsewhere)) == 1


def test_with_no_folder_given_the_log_is_printed_whole(tmp_path: Path) -> None:
    done = run(tmp_path, "space\n")  # the input ends: nobody is left to answer
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "the log was not saved; here it is, to keep:" in out
    printed = out.split("here it is, to keep:\n", 1)[1]
    doc = tomllib.loads(printed)
    assert doc["status"] == "completed" and doc["program"] == "Tiny"
    assert doc["result"][0]["left"]["seconds"] == 2.0


def test_on_a_terminal_the_folder_is_typed_as_a_line(tmp_path: Path) -> None:
    elsewhere = tmp_path / "typed"
    script = f'"$0" run {TINY} --plain --mute; echo EXIT=$?'
    with Tmux(100, 30) as tmux:
        tmux.start(["sh", "-c", script, HAMTIMER], env=user_env(tmp_path, data=blocked_data(tmp_path)))
        tmux.wait_for("press space to start")
        tmux.keys("Space")
        tmux.wait_for("rate the last side now", timeout=20)
        tmux.keys("Enter")
        tmux.wait_for("type a folder to save it to")
        tmux.type(str(elsewhere))  # echoed as typed, in cooked mode
        tmux.wait_for(str(elsewhere))
        tmux.keys("Enter")
        tmux.wait_for("EXIT=0")
    assert len(saved_logs(elsewhere)) == 1
