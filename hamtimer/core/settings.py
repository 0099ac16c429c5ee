"""The user's settings: `<config dir>/config.toml`, read with tomllib.

```toml
[sound]
volume = 0.8        # 0 to 1
voice = false       # speak each work step's side and exercise (needs espeak-ng or say)
mute = false        # start muted (m unmutes)
backend = "auto"    # or simpleaudio, system, paplay, pw-play, aplay, afplay, bell, flash, silent
```

A missing file means the defaults. A file that cannot be read or parsed, an unknown key or a
bad value gives a clear message (file, key, value, what is expected) and the default for what
was wrong; never a traceback. Other top-level tables are left alone for other features.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hamtimer.core import paths

FILE_NAME = "config.toml"
BACKENDS = (
    "auto",
    "simpleaudio",
    "system",
    "paplay",
    "pw-play",
    "aplay",
    "afplay",
    "bell",
    "flash",
    "silent",
)
"""Where the choice of sound backend starts; kept in step with hamtimer.audio.backends.CHOICES."""


@dataclass(frozen=True)
class Settings:
    volume: float = 0.8
    voice: bool = False
    mute: bool = False
    backend: str = "auto"
    problems: tuple[str, ...] = field(default=(), compare=False)
    """What was wrong with the file, one message each; the defaults were used there."""


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _sound_value(key: str, value: Any) -> tuple[Any, str | None]:
    """The value, or None and what is expected."""
    if key == "volume":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            return None, "expected a number from 0 to 1 (0.8 is the default)"
        return float(value), None
    if key in ("voice", "mute"):
        if not isinstance(value, bool):
            return None, "expected true or false"
        return value, None
    if key == "backend":
        if not isinstance(value, str) or value not in BACKENDS:
            return None, f"expected one of {', '.join(BACKENDS)}"
        return value, None
    raise AssertionError(key)


def _unknown(key: str, known: tuple[str, ...]) -> str:
    import difflib  # only for a mistake

    close = difflib.get_close_matches(key, known, n=1)
    return f'unknown key; did you mean "{close[0]}"?' if close else f"unknown key (known: {', '.join(known)})"


def parse_settings(text: str, source: str = FILE_NAME) -> Settings:
    """Settings from the text of a config.toml; problems are collected, never raised."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(problems=(f"{source}: not valid TOML ({error}); using the default settings",))
    problems: list[str] = []
    settings = Settings()
    known = ("volume", "voice", "mute", "backend")
    for key in data:
        if key in known:
            problems.append(f"{source}: {key}: belongs in the [sound] table")
    sound = data.get("sound", {})
    if not isinstance(sound, dict):
        problems.append(f"{source}: sound: expected a table ([sound])")
        sound = {}
    changes: dict[str, Any] = {}
    for key, value in sound.items():
        if key not in known:
            problems.append(f"{source}: [sound] › {key}: {_unknown(key, known)}")
            continue
        parsed, expected = _sound_value(key, value)
        if expected is not None:
            default = getattr(settings, key)
            shown = str(default).lower() if isinstance(default, bool) else repr(default)
            problems.append(f"{source}: [sound] › {key}: {value!r}: {expected}; using {shown}")
            continue
        changes[key] = parsed
    return replace(settings, **changes, problems=tuple(problems))


def backend_choice(configured: str, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """Where the search for a sound backend starts: HAMTIMER_AUDIO, else config.toml's `backend`,
    else auto; and a message when HAMTIMER_AUDIO holds something unknown."""
    forced = environ.get("HAMTIMER_AUDIO", "").strip().lower()
    if not forced:
        return (configured if configured in BACKENDS else "auto"), None
    if forced in BACKENDS:
        return forced, None
    return configured, f"HAMTIMER_AUDIO={forced!r} is not one of {', '.join(BACKENDS)}; ignored"


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default: `<config dir>/config.toml`); defaults when it is missing."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return Settings(problems=(f"{path}: cannot be read ({reason}); using the default settings",))
    return parse_settings(text, str(path))
