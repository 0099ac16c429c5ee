"""Issue 10's "done when", measured from a real terminal: `hamtimer run` in tmux, read with
`capture-pane -e`. During a hold the clock is 5, 7 and 19 rows tall or more at 60x18, 80x24 and
200x55; at least half of the cells carry the phase's background, which differs between LEFT, RIGHT
and REST; the words LEFT and RIGHT are written."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tests.support import ansi
from tests.support.dirs import user_env
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
PROGRAM = """\
[program]
name = "Mat test"
prepare = 1

[rest]
between_sides = 60

[[block]]
name = "Bridges"

[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 45
cues = ["Keep the pelvis level", "Drive through the heel"]
checks = ["hip drop", "cramp"]
"""
LEAST_ROWS = {(60, 18): 5, (80, 24): 7, (200, 55): 19}


def _env(tmp_path: Path) -> dict[str, str]:
    return user_env(tmp_path, COLORTERM="truecolor")


def _capture(term: Tmux, wait_for: str) -> list[list[ansi.Cell]]:
    term.wait_for(wait_for)
    time.sleep(0.3)  # the rest of the frame after the words appear
    return ansi.parse(term.colours(), term.width, term.height)


@pytest.mark.parametrize("size", list(LEAST_ROWS), ids=lambda size: f"{size[0]}x{size[1]}")
def test_from_the_mat(tmp_path: Path, size: tuple[int, int]) -> None:
    program = tmp_path / "mat.toml"
    program.write_text(PROGRAM)
    with Tmux(*size) as term:
        term.start([HAMTIMER, "run", str(program)], env=_env(tmp_path))
        term.wait_for("READY")
        term.keys("Space")
        left = _capture(term, "LEFT LEG")
        term.keys("Enter")
        rest = _capture(term, "how hard")
        term.keys("5", "Escape", "Enter")
        right = _capture(term, "RIGHT LEG")
        term.keys("C-q")
        term.wait_for("Stop the session?")
        term.keys("y")
        term.wait_exit()

    for name, cells in (("left", left), ("right", right)):
        assert ansi.block_rows(cells) >= LEAST_ROWS[size], f"{name}:\n{ansi.text_of(cells)}"
    assert "LEFT" in ansi.text_of(left) and "RIGHT" in ansi.text_of(right)
    phases = {
        name: ansi.background_share(cells)
        for name, cells in (("left", left), ("right", right), ("rest", rest))
    }
    for name, (colour, share) in phases.items():
        assert share >= 0.5, f"{name}: {colour} on {share:.0%} of the cells"
        assert colour != ansi.DEFAULT, name
    assert len({colour for colour, _ in phases.values()}) == 3, phases
