"""`hamtimer new NAME [--from PROGRAM]`: a program of your own, from the template or a copy."""

from __future__ import annotations

import re
from pathlib import Path

from hamtimer.core.paths import config_dir
from hamtimer.core.program.catalog import resolve, user_dir
from hamtimer.core.program.loader import MAX_FILE_BYTES
from hamtimer.core.program.problems import Problem, ProgramError
from hamtimer.core.program.schema import SCHEMA_FILE, schema_text
from hamtimer.core.storage import write_atomic

TEMPLATE = Path(__file__).with_name("template.toml")
_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DIRECTIVE = re.compile(r"\A\ufeff?#:schema[^\n]*\n?")
DIRECTIVE = f"#:schema ../{SCHEMA_FILE}\n"
"""Where a program in `<config dir>/programs/` finds the schema copy in `<config dir>`."""


class AuthoringError(Exception):
    """A request that cannot be carried out; the message says why and what to do."""


def check_name(name: str) -> str:
    """NAME as a file stem, or AuthoringError: nothing may be written outside the programs folder."""
    if _NAME.fullmatch(name):
        return name
    if name.endswith(".toml") and _NAME.fullmatch(name.removesuffix(".toml")):
        raise AuthoringError(f"{name!r}: give the name without .toml: hamtimer new {name[:-5]}")
    raise AuthoringError(
        f"{name!r} cannot be a program name: use letters, digits, - and _ only "
        "(no path, no dot, at most 64 characters), e.g. hamtimer new my-bridges"
    )


def with_directive(text: str) -> str:
    """`text` starting with the one `#:schema` line that names the config dir's schema copy."""
    return DIRECTIVE + _DIRECTIVE.sub("", text, count=1)


def ensure_schema() -> Path:
    """Write `<config dir>/hamtimer.schema.json`, or refresh it when this version's differs."""
    path = config_dir() / SCHEMA_FILE
    data = schema_text().encode()
    try:
        current = path.read_bytes()
    except OSError:
        current = None
    if current != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    return path


def _source_text(spec: str) -> str:
    entry = resolve(spec)
    try:
        data = entry.path.read_bytes()
    except FileNotFoundError:
        raise ProgramError(spec, [Problem("", "no such file")]) from None
    except OSError as err:
        raise ProgramError(spec, [Problem("", f"cannot be read: {err.strerror or err}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise ProgramError(spec, [Problem("", "is larger than 1 MiB; a program file is a few kilobytes")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProgramError(spec, [Problem("", "is not UTF-8 text; save it as UTF-8")]) from None


def create(name: str, source: str | None = None) -> Path:
    """Write `<config dir>/programs/NAME.toml` and return its path; never overwrites a file."""
    stem = check_name(name)
    text = with_directive(_source_text(source) if source else TEMPLATE.read_text(encoding="utf-8"))
    folder = user_dir()
    path = folder / f"{stem}.toml"
    if path.exists():
        raise AuthoringError(f"{path} already exists; edit it (hamtimer edit {stem}) or choose another name")
    folder.mkdir(parents=True, exist_ok=True)
    ensure_schema()
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise AuthoringError(f"{path} already exists; choose another name") from None
    return path
