"""A hold repaints once a shown second, and writes about one clock's worth of bytes each time.

Counted in what the real app writes to a real terminal (tmux pipe-pane), not timed: each frame
Textual writes ends by putting the cursor back at the top left. The bytes bound comes from what
one figure change costs: Textual rewrites each changed row of the clock from the clock's left
edge, so a change of the last figure costs at most the clock's rows times its width, at 3 bytes
a cell (a block character in UTF-8), plus the escapes that place and colour each row.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.programs import data_file
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
PREPARE = 2.0
HALFWAY = 15.0
"""quiet-hold.toml: a 30 s hold after 2 s of get ready; its halfway cue is 15 s in."""
WINDOW_FROM, WINDOW = 8.5, 10.0
"""Seconds into the hold: ten shown seconds change in the window (21 down to 12), and the
halfway cue falls inside it."""
FRAME_END = b"\x1b[1;1H"
ROW_ESCAPES = 64
"""Bytes to place, colour and end one repainted row (cursor moves, SGR, reset, newline)."""
BLOCKS = "█▀▄"


def frames(output: bytes) -> int:
    return output.count(FRAME_END)


def test_a_hold_repaints_once_a_shown_second_and_writes_one_clock_of_bytes(tmp_path: Path) -> None:
    width, height = 200, 55
    with Tmux(width, height) as tmux:
        tmux.start([HAMTIMER, "run", str(data_file("quiet-hold.toml")), "--mute"], env=user_env(tmp_path))
        tmux.wait_for("READY", timeout=30)
        time.sleep(1.0)
        tmux.keys("Space")
        hold_started = time.monotonic() + PREPARE
        time.sleep(max(0.0, hold_started + WINDOW_FROM - time.monotonic()))
        recording = tmux.record_output()
        time.sleep(WINDOW)
        written = recording.read_bytes()
        clock_rows = sum(1 for line in tmux.screen().splitlines() if any(b in line for b in BLOCKS))
        tmux.keys("C-q")
        tmux.wait_for("Stop the session?")
        tmux.keys("y")
        assert tmux.wait_exit() == 0

    shown_seconds = round(WINDOW)
    cue_moments = 1 if WINDOW_FROM < HALFWAY < WINDOW_FROM + WINDOW else 0
    repaints = frames(written)
    assert shown_seconds - 2 <= repaints <= shown_seconds + cue_moments, repaints

    assert clock_rows >= 0.4 * height  # the figures are the big ones (DESIGN: about 40 % of rows)
    clock_width = width - 2  # the session's padding of one column each side
    one_change = clock_rows * (clock_width * 3 + ROW_ESCAPES)
    small_lines = width * 3 + ROW_ESCAPES  # the progress bar gaining a cell, the minutes left
    assert len(written) <= shown_seconds * (one_change + small_lines), (len(written), one_change)
