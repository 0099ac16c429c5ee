"""config.toml's [screen] theme: read with a clear message for mistakes, and remembered in place."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from hamtimer.core.settings import THEMES, load_settings, no_color, parse_settings, save_theme


def test_the_theme_is_dark_unless_the_file_says_otherwise(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "config.toml").theme == "dark"
    for theme in THEMES:
        settings = parse_settings(f'[screen]\ntheme = "{theme}"\n')
        assert settings.theme == theme and settings.problems == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[screen]\ntheme = "solarized"\n',
            "config.toml: [screen] › theme: 'solarized': expected one of dark, light, high-contrast; "
            "using 'dark'",
        ),
        ("[screen]\ntheme = 3\n", "theme: 3: expected one of dark, light, high-contrast"),
        ('[screen]\nthem = "light"\n', '[screen] › them: unknown key; did you mean "theme"?'),
        ('theme = "light"\n', "config.toml: theme: belongs in the [screen] table"),
        ('screen = "dark"\n', "config.toml: screen: expected a table ([screen])"),
    ],
)
def test_theme_mistakes_are_told_and_dark_used(text: str, message: str) -> None:
    settings = parse_settings(text, "config.toml")
    assert settings.theme == "dark"
    assert len(settings.problems) == 1 and message in settings.problems[0], settings.problems


def test_a_bad_theme_does_not_spoil_the_sound_settings() -> None:
    settings = parse_settings('[sound]\nvolume = 0.4\n[screen]\ntheme = "neon"\n')
    assert settings.volume == 0.4 and settings.theme == "dark" and len(settings.problems) == 1


def test_saving_a_theme_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    assert save_theme("high-contrast", path) is None
    assert load_settings(path).theme == "high-contrast"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_a_theme_keeps_the_other_tables_and_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = (
        "# my settings\n[sound]\nvolume = 0.3  # quiet, the neighbours\nmute = true\n\n"
        '[screen]  # how it looks\ntheme = "dark"   # was light\n\n[later]\nkey = "kept"\n'
    )
    path.write_text(original)
    assert save_theme("light", path) is None
    text = path.read_text()
    assert 'theme = "light"' in text and "# my settings" in text and "# quiet, the neighbours" in text
    data = tomllib.loads(text)
    assert data == {
        "sound": {"volume": 0.3, "mute": True},
        "screen": {"theme": "light"},
        "later": {"key": "kept"},
    }
    settings = load_settings(path)
    assert (settings.theme, settings.volume, settings.mute) == ("light", 0.3, True)


def test_saving_adds_the_screen_table_or_the_key_where_missing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[sound]\nvoice = true\n")
    assert save_theme("light", path) is None
    assert tomllib.loads(path.read_text()) == {"sound": {"voice": True}, "screen": {"theme": "light"}}
    path.write_text("[screen]\n# nothing yet\n[sound]\nvoice = true\n")
    assert save_theme("high-contrast", path) is None
    assert tomllib.loads(path.read_text())["screen"] == {"theme": "high-contrast"}


def test_an_unusual_layout_is_still_saved_right(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('screen.theme = "dark"\nsound.volume = 0.5\n')
    assert save_theme("light", path) is None
    settings = load_settings(path)
    assert (settings.theme, settings.volume, settings.problems) == ("light", 0.5, ())


def test_a_broken_file_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[sound\nvolume = 0.5\n")
    message = save_theme("light", path)
    assert message is not None and "not valid TOML" in message and "not saved" in message
    assert path.read_text() == "[sound\nvolume = 0.5\n"


def test_only_known_themes_are_saved(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        save_theme("nord", tmp_path / "config.toml")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, False), ({"NO_COLOR": ""}, False), ({"NO_COLOR": "1"}, True), ({"NO_COLOR": "0"}, True)],
)
def test_no_color_means_set_and_not_empty(environ: dict[str, str], expected: bool) -> None:
    assert no_color(environ) is expected
