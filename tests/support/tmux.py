"""Drive a real terminal program in a private tmux server: type keys, read the screen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path


class TmuxError(AssertionError):
    pass


class Tmux:
    """One tmux server (its own socket) running one program in a window of a fixed size.

    The program runs under a small shell that writes its exit status to a file: tmux 3.3 can
    mark a pane dead before it has collected the status, so the pane's own status is unreliable.
    """

    def __init__(self, width: int = 80, height: int = 24) -> None:
        if shutil.which("tmux") is None:
            raise TmuxError("tmux is not installed: ./dev test installs it (apt-get install tmux)")
        self.socket = f"hamtimer-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.pid: int | None = None
        self._work = Path(tempfile.mkdtemp(prefix="hamtimer-tmux-"))
        self._status = self._work / "status"
        # A terminal program sizes itself from COLUMNS/LINES when set (pytest sets them): drop them.
        self._env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True, text=True, timeout=10, check=False, env=self._env,
        )  # fmt: skip
        if done.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(
        self, argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> int:
        """Start `argv` and return the program's process id."""
        options: list[str] = []
        for key, value in (env or {}).items():
            options += ["-e", f"{key}={value}"]
        if cwd is not None:
            options += ["-c", str(cwd)]
        config = self._work / "tmux.conf"
        config.write_text("set -g remain-on-exit on\nset -g status off\n")
        script = f'"$@"; echo $? > {shlex.quote(str(self._status))}'
        self._tmux(
            "-f", str(config), "new-session", "-d", "-s", "app", "-x", str(self.width),
            "-y", str(self.height), *options, "--", "sh", "-c", script, "sh", *argv,
        )  # fmt: skip
        shell = int(self._tmux("list-panes", "-t", "app", "-F", "#{pane_pid}").split()[0])
        self.pid = self._child_of(shell) or shell
        return self.pid

    @staticmethod
    def _child_of(pid: int, timeout: float = 5.0) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                return None
            if children:
                return int(children[0])
            time.sleep(0.002)
        return None

    def record_output(self) -> Path:
        """From now on, everything the program writes to the terminal is appended to a file (its
        path returned): reading that file costs no tmux client, unlike capture-pane."""
        output = self._work / "output"
        output.touch()
        self._tmux("pipe-pane", "-o", "-t", "app", f"cat >> {shlex.quote(str(output))}")
        return output

    def display(self, fmt: str) -> str:
        """A tmux format for the pane, e.g. "#{alternate_on} #{mouse_any_flag}"."""
        return self._tmux("display-message", "-p", "-t", "app", fmt).strip()

    def descendant(self, depth: int = 1) -> int:
        """The process `depth` levels below the started one (a program run by a shell)."""
        pid = self.pid
        for _ in range(depth):
            assert pid is not None
            pid = self._child_of(pid)
        assert pid is not None
        return pid

    def screen(self) -> str:
        """What the window shows now."""
        return self._tmux("capture-pane", "-p", "-t", "app")

    def colours(self) -> str:
        """What the window shows now, with the SGR escapes of its colours (tests.support.ansi reads it)."""
        return self._tmux("capture-pane", "-e", "-p", "-t", "app")

    def transcript(self) -> str:
        """The window and its scrollback: what a program printed after it left the alternate screen."""
        return self._tmux("capture-pane", "-p", "-S", "-500", "-t", "app")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "app", key)

    def type(self, text: str) -> None:
        """Text typed as it is (no key names looked up)."""
        self._tmux("send-keys", "-t", "app", "-l", text)

    def wait_for(self, text: str, timeout: float = 10.0, poll: float = 0.05) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise TmuxError(f"{text!r} did not appear within {timeout} s; the screen shows:\n{shown}")
            time.sleep(poll)

    def wait_gone(self, text: str, timeout: float = 10.0, poll: float = 0.05) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text not in shown:
                return shown
            if time.monotonic() > deadline:
                raise TmuxError(f"{text!r} still shows after {timeout} s:\n{shown}")
            time.sleep(poll)

    def exited(self) -> int | None:
        """The program's exit status once it has ended, else None."""
        try:
            return int(self._status.read_text())
        except (OSError, ValueError):
            return None

    def wait_exit(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while (status := self.exited()) is None:
            if time.monotonic() > deadline:
                raise TmuxError(f"the program did not exit within {timeout} s:\n{self.screen()}")
            time.sleep(0.05)
        return status

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        shutil.rmtree(self._work, ignore_errors=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
