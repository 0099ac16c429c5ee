"""The three screen themes and the colour of each phase in them.

Each theme is a Textual `Theme` whose `variables` add, for every phase, a background and the text
on it: `$phase-left` and `$phase-left-text`, and so on for right, both, rest, ready and paused
(hamtimer.tcss uses them). `$text` and `$text-muted` are given outright rather than derived
("auto 87%"), so the contrast test reads the colours that are really drawn.

Left is blue and right orange in every theme, a pair that stays apart for the common red-green
colour blindness; rest is green, both legs a neutral, get-ready purple, paused yellow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.theme import Theme

from hamtimer.core.settings import save_theme

PHASES = ("left", "right", "both", "rest", "ready", "paused")
"""The phases with a colour of their own: each leg, both legs, rest, get ready, paused."""
PREFIX = "hamtimer-"
NO_COLOR_CLASS = "-no-color"
"""Added to the session screen when NO_COLOR is set: the phase is then reverse video and words."""


def phase_class(phase: str) -> str:
    """The screen's class for a phase: "-phase-left" and so on."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}")
    return f"-phase-{phase}"


def _theme(
    choice: str,
    *,
    dark: bool,
    base: dict[str, str],
    text: str,
    muted: str,
    phases: dict[str, tuple[str, str]],
) -> Theme:
    variables = {"text": text, "text-muted": muted}
    for phase in PHASES:
        background, foreground = phases[phase]
        variables[f"phase-{phase}"] = background
        variables[f"phase-{phase}-text"] = foreground
    return Theme(
        name=PREFIX + choice,
        dark=dark,
        foreground=text,
        variables=variables,
        primary=base["primary"],
        secondary=base["secondary"],
        accent=base["accent"],
        warning=base["warning"],
        error=base["error"],
        success=base["success"],
        background=base["background"],
        surface=base["surface"],
        panel=base["panel"],
    )


THEMES: dict[str, Theme] = {
    theme.name.removeprefix(PREFIX): theme
    for theme in (
        _theme(
            "dark",
            dark=True,
            base={
                "primary": "#4493f8",
                "secondary": "#f0883e",
                "accent": "#e3b341",
                "warning": "#e3b341",
                "error": "#f85149",
                "success": "#3fb950",
                "background": "#0d1117",
                "surface": "#161b22",
                "panel": "#21262d",
            },
            text="#e6edf3",
            muted="#9da7b3",
            phases={
                "left": ("#1a62d6", "#ffffff"),
                "right": ("#d46b08", "#000000"),
                "both": ("#52525b", "#ffffff"),
                "rest": ("#2e7d32", "#ffffff"),
                "ready": ("#86198f", "#ffffff"),
                "paused": ("#e3b341", "#000000"),
            },
        ),
        _theme(
            "light",
            dark=False,
            base={
                "primary": "#0969da",
                "secondary": "#bc4c00",
                "accent": "#8250df",
                "warning": "#9a6700",
                "error": "#cf222e",
                "success": "#1a7f37",
                "background": "#ffffff",
                "surface": "#f6f8fa",
                "panel": "#eaeef2",
            },
            text="#1f2328",
            muted="#57606a",
            phases={
                "left": ("#9ec5fe", "#0b1f44"),
                "right": ("#fdba74", "#3b1a00"),
                "both": ("#d4d4d8", "#18181b"),
                "rest": ("#86efac", "#0b3018"),
                "ready": ("#a78bfa", "#2e1065"),
                "paused": ("#fde047", "#2b2100"),
            },
        ),
        _theme(
            "high-contrast",
            dark=True,
            base={
                "primary": "#3d8bff",
                "secondary": "#ff8c00",
                "accent": "#ffff00",
                "warning": "#ffff00",
                "error": "#ff4040",
                "success": "#00e000",
                "background": "#000000",
                "surface": "#0a0a0a",
                "panel": "#1a1a1a",
            },
            text="#ffffff",
            muted="#d0d0d0",
            phases={
                "left": ("#0040ff", "#ffffff"),
                "right": ("#ff8c00", "#000000"),
                "both": ("#c0c0c0", "#000000"),
                "rest": ("#00c000", "#000000"),
                "ready": ("#b000b0", "#ffffff"),
                "paused": ("#ffff00", "#000000"),
            },
        ),
    )
}
"""The themes by their config.toml name (dark, light, high-contrast)."""

PHASE_DEFAULTS: dict[str, str] = {
    key: value for key, value in THEMES["dark"].variables.items() if key.startswith("phase-")
}
"""Fallbacks for `App.get_theme_variable_defaults`, so a theme without phase colours still loads."""


def theme_name(choice: str) -> str:
    """The Textual name of a config.toml theme: "dark" -> "hamtimer-dark"."""
    return THEMES[choice].name


def theme_choice(name: str) -> str | None:
    """The config.toml name of a Textual theme, or None when it is not one of ours."""
    choice = name.removeprefix(PREFIX)
    return choice if name.startswith(PREFIX) and choice in THEMES else None


def install_themes(app: App[Any], choice: str, *, only_ours: bool = True) -> None:
    """Register the three themes, switch to `choice`, and (by default) drop Textual's own themes,
    so the command palette offers only themes that have the phase colours."""
    for theme in THEMES.values():
        app.register_theme(theme)
    start_with(app, theme_name(choice if choice in THEMES else "dark"))
    if only_ours:
        for name in list(app.available_themes):
            if theme_choice(name) is None:
                app.unregister_theme(name)


def start_with(app: App[Any], name: str) -> None:
    """Make `name` the app's theme before its stylesheet is first read.

    Setting `app.theme` runs Textual's watcher, which also queues a refresh of the CSS: the whole
    stylesheet parsed a second time before the first frame, about 20 ms here (bench_session.py's
    first frame). A dark theme replaces Textual's dark default without it: the variables the
    first parse will use, and the mode classes. A light theme also needs the watcher's ANSI colour
    mapping, so it goes the usual way."""
    theme = app.get_theme(name)
    if theme is None or not theme.dark or not app.current_theme.dark:
        app.theme = name  # its refresh of the CSS is queued: the first read needs the variables now
        app.stylesheet.set_variables(app.get_css_variables())
        return
    app.set_reactive(App.theme, name)
    app.stylesheet.set_variables(app.get_css_variables())
    app.update_classes({"-dark-mode": True, "-light-mode": False, f"-theme-{name}": True}, update=False)


def remember_theme_changes(
    app: App[Any], current: str, save: Callable[[str], str | None] = save_theme
) -> None:
    """Save a theme chosen in the command palette to config.toml (`[screen] theme`).

    `current` is the theme the app started with: it is not written back, so starting the app
    never rewrites the file. A message from `save` (say, a broken config.toml) becomes a warning.
    """
    remembered = [current]

    def changed(theme: Theme) -> None:
        choice = theme_choice(theme.name)
        if choice is None or choice == remembered[0]:
            return
        remembered[0] = choice
        problem = save(choice)
        if problem is not None:
            app.notify(problem, severity="warning", markup=False)

    app.theme_changed_signal.subscribe(app, changed)
