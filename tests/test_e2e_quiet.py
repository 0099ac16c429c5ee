"""The app sleeps while nothing happens, and still hears every key, in a real terminal.

Textual's own input thread wakes ten times a second; hamtimer's driver (ui/driver.py) sleeps until
a key arrives or the app stops. Counting wakes (from /proc) shows the difference; the keys show
that nothing was lost: a lone Escape still arrives on its own, and quitting is prompt.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.proc import wakes
from tests.support.programs import BRIDGE
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def test_the_waiting_start_screen_sleeps_and_still_hears_every_key(tmp_path: Path) -> None:
    with Tmux(80, 24) as tmux:
        pid = tmux.start([HAMTIMER, "run", str(BRIDGE), "--mute"], env=user_env(tmp_path))
        tmux.wait_for("READY")
        time.sleep(1.0)  # let the first frame and the footer settle
        before = wakes(pid)
        time.sleep(3.0)
        assert wakes(pid) - before <= 3  # Textual's own driver: about 30

        tmux.keys("?")
        tmux.wait_for("esc closes")
        tmux.keys("Escape")  # a lone Escape, not the start of a sequence
        tmux.wait_gone("esc closes")

        time.sleep(2.0)  # idle again: the thread is back asleep, the next key still wakes it
        tmux.keys("Space")
        tmux.wait_for("GET READY")

        tmux.keys("C-q")
        tmux.wait_for("Stop the session?")
        tmux.keys("Escape")
        tmux.wait_gone("Stop the session?")
        tmux.keys("C-q")
        tmux.wait_for("Stop the session?")
        tmux.keys("y")
        tmux.wait_exit(timeout=5)  # the sleeping input thread is woken to stop, not left waiting
    assert sorted((tmp_path / "data" / "sessions").glob("*/*.toml"))
