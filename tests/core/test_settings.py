"""config.toml: volume, voice, mute and backend; every mistake a message and a default."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamtimer.core.settings import Settings, load_settings, parse_settings, settings_path


def test_a_missing_file_means_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "config.toml")
    assert settings == Settings() and settings.problems == ()
    assert (settings.volume, settings.voice, settings.mute, settings.backend) == (0.8, False, False, "auto")


def test_the_file_lives_in_the_config_dir(
    user_dirs: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HAMTIMER_CONFIG_DIR", str(tmp_path / "conf"))
    assert settings_path() == tmp_path / "conf" / "config.toml"
    (tmp_path / "conf").mkdir()
    settings_path().write_text("[sound]\nmute = true\n")
    assert load_settings().mute is True


def test_every_setting_is_read() -> None:
    text = '[sound]\nvolume = 0.3\nvoice = true\nmute = true\nbackend = "aplay"\n'
    settings = parse_settings(text)
    assert (settings.volume, settings.voice, settings.mute, settings.backend) == (0.3, True, True, "aplay")
    assert settings.problems == ()
    assert parse_settings("[sound]\nvolume = 1\n").volume == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[sound]\nvolume = 1.5\n",
            "[sound] › volume: 1.5: expected a number from 0 to 1 (0.8 is the default); using 0.8",
        ),
        ("[sound]\nvolume = -0.1\n", "volume: -0.1: expected a number from 0 to 1"),
        ("[sound]\nvolume = nan\n", "volume: nan: expected a number"),
        ("[sound]\nvolume = true\n", "volume: True: expected a number"),
        ('[sound]\nvolume = "loud"\n', "volume: 'loud': expected a number"),
        ('[sound]\nvoice = "yes"\n', "voice: 'yes': expected true or false; using false"),
        ("[sound]\nmute = 1\n", "mute: 1: expected true or false; using false"),
        ('[sound]\nbackend = "alsa"\n', "backend: 'alsa': expected one of auto, simpleaudio, system"),
        ("[sound]\nvolum = 0.5\n", '[sound] › volum: unknown key; did you mean "volume"?'),
        ("[sound]\nzzz = 0.5\n", "[sound] › zzz: unknown key (known: volume, voice, mute, backend)"),
        ("volume = 0.5\n", "volume: belongs in the [sound] table"),
        ('sound = "on"\n', "sound: expected a table ([sound])"),
        ("[sound\nvolume = 0.5\n", "not valid TOML (Expected ']' at the end of a table declaration"),
    ],
)
def test_mistakes_are_told_and_the_default_used(text: str, message: str) -> None:
    settings = parse_settings(text, "config.toml")
    assert len(settings.problems) == 1, settings.problems
    assert message in settings.problems[0]
    assert settings.problems[0].startswith("config.toml: ")
    assert (settings.volume, settings.voice, settings.mute, settings.backend) == (0.8, False, False, "auto")


def test_one_bad_value_keeps_the_good_ones() -> None:
    settings = parse_settings("[sound]\nvolume = 9\nvoice = true\n")
    assert settings.voice is True and settings.volume == 0.8 and len(settings.problems) == 1


def test_other_tables_are_left_to_other_features() -> None:
    assert parse_settings("[history]\nwindow = 3\n[sound]\nmute = true\n") == Settings(mute=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[sound]\n")
    path.chmod(0)
    settings = load_settings(path)
    assert settings.problems == (f"{path}: cannot be read (Permission denied); using the default settings",)


def test_a_folder_or_binary_in_place_of_the_file_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    assert "cannot be read" in load_settings(tmp_path / "dir.toml").problems[0]
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    assert "cannot be read" in load_settings(tmp_path / "bin.toml").problems[0]


def test_the_soreness_check_in_is_a_session_setting() -> None:
    assert parse_settings("[session]\nsoreness = true\n") == Settings(soreness=True)
    settings = parse_settings('[session]\nsoreness = "yes"\n', "config.toml")
    assert settings.problems == (
        "config.toml: [session] › soreness: 'yes': expected true or false; using false",
    )
    assert "soreness: belongs in the [session] table" in parse_settings("soreness = true\n").problems[0]


def test_the_weekly_target_is_a_training_setting() -> None:
    """Issue 20: [training] per_week, a whole number from 1 to 14; none by default."""
    assert parse_settings("").per_week is None
    assert parse_settings("[training]\nper_week = 3\n") == Settings(per_week=3)
    for bad in ("0", "15", "2.5", "true", '"two"'):
        settings = parse_settings(f"[training]\nper_week = {bad}\n", "config.toml")
        assert settings.per_week is None
        (problem,) = settings.problems
        assert problem.startswith("config.toml: [training] › per_week: ")
        assert problem.endswith(
            "expected a whole number of sessions a week from 1 to 14, e.g. per_week = 2; using none"
        )
    assert parse_settings("per_week = 2\n").problems == (
        "config.toml: per_week: belongs in the [training] table",
    )
