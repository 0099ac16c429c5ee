"""The user's settings: `<config dir>/config.toml`, read with tomllib.

```toml
[sound]
volume = 0.8        # 0 to 1
voice = false       # speak each work step's side and exercise (needs espeak-ng or say)
mute = false        # start muted (m unmutes)
backend = "auto"    # or simpleaudio, system, paplay, pw-play, aplay, afplay, bell, flash, silent

[screen]
theme = "dark"      # or light, high-contrast; a theme picked in the command palette is saved here

[session]
soreness = false    # ask how each hamstring feels (0 to 10) before every session

[export]
fit = false         # write a FIT activity file (Garmin Connect, Strava) when a session ends
[phone]
enabled = false     # serve each session to a phone (as `run --phone`)
view = false        # the phone only shows (as `--phone=view`)
# host = "192.168.1.20"  # the address to listen on (default: the default route's interface's)
port = 0            # 0: a free port
[training]
per_week = 2        # sessions a week to aim for, 1 to 14 (a program's own per_week wins); none by default
```

A missing file means the defaults. A file that cannot be read or parsed, an unknown key or a
bad value gives a clear message (file, key, value, what is expected) and the default for what
was wrong; never a traceback. Other top-level tables are left alone for other features.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from hamtimer.core import paths, storage
from hamtimer.core.record import Record, record

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
THEMES = ("dark", "light", "high-contrast")
"""The screen themes; hamtimer.ui.themes names them "hamtimer-<theme>" for Textual."""
TABLES = {
    "sound": ("volume", "voice", "mute", "backend"),
    "screen": ("theme",),
    "session": ("soreness",),
    "export": ("fit",),
    "phone": ("enabled", "view", "host", "port"),
    "training": ("per_week",),
}
FIELDS: dict[tuple[str, str], str] = {
    ("phone", "enabled"): "phone",
    ("phone", "view"): "phone_view",
    ("phone", "host"): "phone_host",
    ("phone", "port"): "phone_port",
}
"""Keys whose Settings field has another name (the table's name before it)."""


@record
class Settings(Record):
    volume: float = 0.8
    voice: bool = False
    mute: bool = False
    backend: str = "auto"
    theme: str = "dark"
    soreness: bool = False
    """Ask the soreness check-in before every session, whatever the program says."""
    fit: bool = False
    """`[export] fit`: write the session's FIT file when it ends (issue 19)."""
    phone: bool = False
    phone_view: bool = False
    phone_host: str | None = None
    phone_port: int = 0
    per_week: int | None = None
    """Issue 20: the weekly target, sessions a week (1 to 14); a program's own `per_week` wins."""
    problems: tuple[str, ...] = field(default=(), compare=False)
    """What was wrong with the file, one message each; the defaults were used there."""


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _value(key: str, value: Any) -> tuple[Any, str | None]:
    """The value, or None and what is expected."""
    if key == "volume":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            return None, "expected a number from 0 to 1 (0.8 is the default)"
        return float(value), None
    if key in ("voice", "mute", "soreness", "fit", "enabled", "view"):
        if not isinstance(value, bool):
            return None, "expected true or false"
        return value, None
    if key == "backend":
        if not isinstance(value, str) or value not in BACKENDS:
            return None, f"expected one of {', '.join(BACKENDS)}"
        return value, None
    if key == "per_week":
        whole = not isinstance(value, bool) and isinstance(value, int | float) and float(value).is_integer()
        if not whole or not 1 <= value <= 14:
            return None, "expected a whole number of sessions a week from 1 to 14, e.g. per_week = 2"
        return int(value), None
    if key == "theme":
        if not isinstance(value, str) or value not in THEMES:
            return None, f"expected one of {', '.join(THEMES)}"
        return value, None
    if key == "host":
        import ipaddress

        try:
            return str(ipaddress.IPv4Address(value if isinstance(value, str) else "")), None
        except ValueError:
            return None, 'expected an IPv4 address as a string, like "192.168.1.20"'
    if key == "port":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
            return None, "expected a port from 0 (any free one) to 65535"
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
    changes: dict[str, Any] = {}
    for key in data:
        home = next((table for table, keys in TABLES.items() if key in keys), None)
        if home is not None:
            problems.append(f"{source}: {key}: belongs in the [{home}] table")
    for table, known in TABLES.items():
        entries = data.get(table, {})
        if not isinstance(entries, dict):
            problems.append(f"{source}: {table}: expected a table ([{table}])")
            continue
        for key, value in entries.items():
            if key not in known:
                problems.append(f"{source}: [{table}] › {key}: {_unknown(key, known)}")
                continue
            parsed, expected = _value(key, value)
            attribute = FIELDS[(table, key)] if (table, key) in FIELDS else str(key)
            if expected is not None:
                default = getattr(settings, attribute)
                shown = str(default).lower() if isinstance(default, bool) else repr(default)
                if default is None:
                    shown = "the default route's address" if key == "host" else "none"
                problems.append(f"{source}: [{table}] › {key}: {value!r}: {expected}; using {shown}")
                continue
            changes[attribute] = parsed
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


def no_color(environ: Mapping[str, str]) -> bool:
    """Whether the user asked for no colour: NO_COLOR set and not empty (no-color.org)."""
    return bool(environ.get("NO_COLOR"))


_SCREEN_HEADER = r"^[ \t]*\[[ \t]*screen[ \t]*\][ \t]*(#.*)?$"
_THEME_LINE = r"^[ \t]*theme[ \t]*=.*$"
_ANY_HEADER = r"^[ \t]*\["
"""Compiled when a theme is saved, not at start-up (re keeps them once compiled)."""


def _with_theme(text: str, theme: str) -> str:
    """`text` with `[screen] theme` set, touching no other line (comments survive)."""
    line = f'theme = "{theme}"'
    header = re.compile(_SCREEN_HEADER, re.MULTILINE).search(text)
    if header is None:
        return f"{text.rstrip()}\n\n[screen]\n{line}\n".lstrip()
    following = re.compile(_ANY_HEADER, re.MULTILINE).search(text, header.end())
    end = following.start() if following else len(text)
    current = re.compile(_THEME_LINE, re.MULTILINE).search(text, header.end(), end)
    if current is not None:
        return text[: current.start()] + line + text[current.end() :]
    return text[: header.end()] + "\n" + line + text[header.end() :]


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Remember `theme` as `[screen] theme` in config.toml, keeping everything else in the file.

    Returns a message instead when the file cannot be read or is not valid TOML: a broken file
    is never replaced. The file is rewritten atomically.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}")
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        return f"{path}: cannot be read ({error}); the theme was not saved"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return f"{path}: not valid TOML ({error}); the theme was not saved"
    wanted = {**data, "screen": {**_table(data.get("screen")), "theme": theme}}
    updated = _with_theme(text, theme)
    try:
        ok = tomllib.loads(updated) == wanted
    except tomllib.TOMLDecodeError:
        ok = False
    if not ok:
        import tomli_w  # only when the file's layout defeats the line edit

        updated = tomli_w.dumps(wanted)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        storage.write_atomic(path, updated.encode("utf-8"))
    except OSError as error:
        return f"{path}: cannot be written ({error.strerror or error}); the theme was not saved"
    return None


def _table(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}
