"""Every text the session screen draws on a phase's colour is readable: ≥ 4.5:1 in every theme.

The theme tests check the phase pairs themselves; this one checks the stylesheet uses nothing
else on them: each widget's own colour against the background it is drawn on, as Textual
resolves them, in every phase of every theme (the rating prompt and the pause overlay shown).
"""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Footer

from hamtimer.ui.themes import PHASES, THEMES, theme_name
from tests.support.pilot import PREPARE, RunSession, Session

from ..support.contrast import contrast_ratio

WCAG_AA = 4.5


def drawn_pairs(s: Session) -> list[tuple[str, Color, Color]]:
    """(widget, text colour, background) for every shown widget of the screen but the footer."""
    pairs = []
    for widget in s.screen.query(Widget):
        if not widget.display or not widget.region or any(isinstance(a, Footer) for a in widget.ancestors):
            continue
        if isinstance(widget, Footer):
            continue
        *_, background, colour = widget.colors
        pairs.append((f"{type(widget).__name__}#{widget.id}", background + colour, background))
    return pairs


@pytest.mark.parametrize("choice", list(THEMES))
async def test_every_text_on_every_phase_is_readable(run_session: RunSession, choice: str) -> None:
    async with run_session() as s:
        await s.advance(PREPARE)
        await s.press("enter")  # the left side done: the rest, with its rating prompt
        await s.press("p")  # the pause overlay is drawn too
        s.app.theme = theme_name(choice)
        await s.pilot.pause()
        assert s.rating.display
        worst: list[tuple[float, str, str]] = []
        for phase in PHASES:
            s.screen.phase = phase
            await s.pilot.pause()
            for name, colour, background in drawn_pairs(s):
                ratio = contrast_ratio(colour.hex6, background.hex6)
                worst.append((ratio, phase, name))
        worst.sort()
        assert worst[0][0] >= WCAG_AA, worst[:5]
