"""Helpers for the big-figure and theme tests: the clock's share of a terminal, session-like apps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

import hamtimer.ui
from hamtimer.ui.bigfont import digit_rows
from hamtimer.ui.themes import PHASE_DEFAULTS, install_themes, remember_theme_changes
from hamtimer.ui.widgets.figures import BigFigures

CLOCK_SHARE = 0.5
"""The least share of a terminal's rows the session screen gives the clock (bigfont docstring)."""
SIDE_MARGIN = 4
APP_TCSS = Path(hamtimer.ui.__file__).parent / "hamtimer.tcss"


def clock_box(width: int, height: int) -> tuple[int, int]:
    """The clock's region on a terminal of width x height, as the session screen is to give it."""
    return width - SIDE_MARGIN, int(height * CLOCK_SHARE)


def shown_rows(figures: BigFigures) -> tuple[str, ...]:
    """The text of every line the widget draws, through its public render_line."""
    return tuple(figures.render_line(y).text for y in range(figures.size.height))


def shown_digit_rows(figures: BigFigures) -> int:
    return digit_rows(shown_rows(figures))


class FiguresApp(App[None]):
    """A banner, the figures taking what is left, and the lines a session screen has under them."""

    CSS = """
    #banner { height: 3; }
    #session { padding: 0 1; }
    .line { height: 1; }
    """

    def __init__(self, text: str = "0:30", fit: str = "") -> None:
        super().__init__()
        self.text = text
        self.fit = fit

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            yield Static("◀  LEFT LEG", id="banner")
            yield Static("Single-leg bridge", classes="line")
            yield BigFigures(self.text, fit=self.fit)
            yield Static("hold 30 s", classes="line")
            yield Static("Squeeze the glute; hips level.", classes="line")
            yield Static("next: rest 30 s", classes="line")
            yield Static("████████░░░░░░░░  ~12 min left", classes="line")
        yield Footer()


class SessionScreen(Screen[None]):
    """Named as the app's session screen, so the stylesheet applies to it."""

    def compose(self) -> ComposeResult:
        yield Static("◀  LEFT LEG", id="banner")
        yield BigFigures("0:30")
        yield Static("hold 30 s")


class PhaseApp(App[None]):
    """The themes installed as the app is to install them, on a session-like screen."""

    CSS_PATH = APP_TCSS

    def __init__(self, choice: str) -> None:
        super().__init__()
        self.choice = choice
        self.warnings: list[str] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return PHASE_DEFAULTS

    def notify(self, message: str, **options: Any) -> None:
        self.warnings.append(message)

    def on_mount(self) -> None:
        install_themes(self, self.choice)
        remember_theme_changes(self, self.choice)
        self.push_screen(SessionScreen())
