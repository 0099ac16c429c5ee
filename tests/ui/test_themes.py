"""The themes: readable text in every phase, phases told apart, and the stylesheet that uses them."""

from __future__ import annotations

import itertools

import pytest
from textual.color import Color

from hamtimer.core.settings import THEMES as CONFIG_THEMES
from hamtimer.core.settings import load_settings
from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.themes import (
    NO_COLOR_CLASS,
    PHASE_DEFAULTS,
    PHASES,
    THEMES,
    phase_class,
    theme_choice,
    theme_name,
)
from hamtimer.ui.widgets.figures import BigFigures
from tests.support.pilot import UiDirs
from tests.support.programs import data_plan

from ..support.contrast import contrast_ratio, seen_difference
from ..support.figures import PhaseApp

WCAG_AA = 4.5


def drawn(choice: str) -> dict[str, str]:
    """Every variable the stylesheet sees with this theme: Textual's and the theme's own."""
    theme = THEMES[choice]
    return {**theme.to_color_system().generate(), **theme.variables}


def test_the_config_names_and_the_textual_themes_agree() -> None:
    assert tuple(THEMES) == CONFIG_THEMES
    for choice in CONFIG_THEMES:
        assert theme_choice(theme_name(choice)) == choice
    assert theme_choice("nord") is None and theme_choice("hamtimer-neon") is None
    assert THEMES["dark"].dark and not THEMES["light"].dark


@pytest.mark.parametrize("choice", list(THEMES))
@pytest.mark.parametrize("phase", PHASES)
def test_text_on_every_phase_is_readable(choice: str, phase: str) -> None:
    colours = drawn(choice)
    ratio = contrast_ratio(colours[f"phase-{phase}-text"], colours[f"phase-{phase}"])
    assert ratio >= WCAG_AA, f"{choice} {phase}: {ratio:.2f}:1"


@pytest.mark.parametrize("choice", list(THEMES))
def test_normal_text_is_readable_on_background_surface_and_panel(choice: str) -> None:
    colours = drawn(choice)
    for text, ground in itertools.product(("foreground", "text", "text-muted"), ("background", "surface")):
        ratio = contrast_ratio(colours[text], colours[ground])
        assert ratio >= WCAG_AA, f"{choice} {text} on {ground}: {ratio:.2f}:1"
    assert contrast_ratio(colours["text"], colours["panel"]) >= WCAG_AA


def test_high_contrast_writes_pure_black_or_white() -> None:
    colours = drawn("high-contrast")
    for phase in PHASES:
        assert colours[f"phase-{phase}-text"] in ("#000000", "#ffffff")
    assert colours["text"] == "#ffffff" and colours["background"].lower() == "#000000"


@pytest.mark.parametrize("choice", list(THEMES))
def test_the_six_phases_look_different(choice: str) -> None:
    colours = drawn(choice)
    backgrounds = [Color.parse(colours[f"phase-{phase}"]) for phase in PHASES]
    assert len(set(backgrounds)) == len(PHASES)
    for first, second in itertools.combinations(PHASES, 2):
        difference = seen_difference(colours[f"phase-{first}"], colours[f"phase-{second}"])
        assert difference >= 20, f"{choice}: {first} and {second} are too alike ({difference:.1f})"


@pytest.mark.parametrize("choice", list(THEMES))
@pytest.mark.parametrize("vision", [None, "protanopia", "deuteranopia"])
def test_left_and_right_stay_apart_for_red_green_colour_blindness(choice: str, vision: str | None) -> None:
    colours = drawn(choice)
    assert seen_difference(colours["phase-left"], colours["phase-right"], vision) >= 40


def test_the_defaults_cover_every_phase_variable() -> None:
    assert set(PHASE_DEFAULTS) == {f"phase-{phase}" for phase in PHASES} | {
        f"phase-{phase}-text" for phase in PHASES
    }
    with pytest.raises(ValueError, match="unknown phase"):
        phase_class("warmup")


@pytest.mark.parametrize("choice", list(THEMES))
async def test_the_whole_screen_and_the_clock_take_the_phase_colours(choice: str) -> None:
    app = PhaseApp(choice)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        figures = screen.query_one(BigFigures)
        colours = drawn(choice)
        for phase in PHASES:
            screen.set_class(True, phase_class(phase))
            await pilot.pause()
            assert screen.styles.background == Color.parse(colours[f"phase-{phase}"])
            style = next(iter(figures.render_line(figures.size.height // 2))).style
            assert style is not None and style.color is not None and style.bgcolor is not None
            assert Color.from_rich_color(style.bgcolor) == Color.parse(colours[f"phase-{phase}"])
            assert Color.from_rich_color(style.color) == Color.parse(colours[f"phase-{phase}-text"])
            screen.set_class(False, phase_class(phase))


async def test_no_color_shows_a_working_leg_in_reverse_video() -> None:
    app = PhaseApp("dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.add_class(NO_COLOR_CLASS)
        colours = drawn("dark")
        for phase, reversed_ in [("left", True), ("right", True), ("both", True), ("rest", False)]:
            screen.set_class(True, phase_class(phase))
            await pilot.pause()
            expected = colours["foreground"] if reversed_ else colours["background"]
            assert screen.styles.background == Color.parse(expected), phase
            screen.set_class(False, phase_class(phase))


async def test_the_palette_offers_only_our_themes_and_a_switch_recolours() -> None:
    app = PhaseApp("light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "hamtimer-light"
        assert sorted(app.available_themes) == sorted(theme_name(choice) for choice in THEMES)
        app.screen.add_class(phase_class("left"))
        app.theme = theme_name("high-contrast")
        await pilot.pause()
        assert app.screen.styles.background == Color.parse(drawn("high-contrast")["phase-left"])


async def test_a_theme_chosen_in_the_palette_is_remembered(ui_dirs: UiDirs) -> None:
    config = ui_dirs.config / "config.toml"
    config.write_text("# mine\n[sound]\nvolume = 0.5\n")
    app = PhaseApp("dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert config.read_text() == "# mine\n[sound]\nvolume = 0.5\n"  # starting writes nothing
        app.theme = theme_name("high-contrast")
        await pilot.pause()
    settings = load_settings(config)
    assert (settings.theme, settings.volume) == ("high-contrast", 0.5)
    assert config.read_text().startswith("# mine\n")


async def test_a_broken_config_is_left_alone_and_the_user_told(ui_dirs: UiDirs) -> None:
    config = ui_dirs.config / "config.toml"
    config.write_text("[sound\n")
    app = PhaseApp("dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = theme_name("light")
        await pilot.pause()
        assert any("the theme was not saved" in warning for warning in app.warnings)
    assert config.read_text() == "[sound\n"


class CountingApp(HamtimerApp):
    """The real app, counting how often the whole stylesheet is refreshed."""

    refreshes = 0

    def refresh_css(self, animate: bool = True) -> None:
        CountingApp.refreshes += 1
        super().refresh_css(animate)


@pytest.mark.parametrize(("choice", "refreshes"), [("dark", 0), ("high-contrast", 0), ("light", 1)])
async def test_the_chosen_theme_is_drawn_from_the_first_frame(
    ui_dirs: UiDirs, choice: str, refreshes: int
) -> None:
    """A dark theme costs no second reading of the stylesheet before the first frame; the light
    one takes Textual's usual way (its ANSI colour mapping changes too)."""
    CountingApp.refreshes = 0
    app = CountingApp(data_plan("bridge.toml"), RunOptions(mute=True, theme=choice, data_dir=ui_dirs.data))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert CountingApp.refreshes == refreshes
        assert app.theme == theme_name(choice)
        assert app.has_class("-dark-mode") is (choice != "light")
        assert app.screen.styles.background == Color.parse(drawn(choice)["background"])
