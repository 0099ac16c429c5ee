"""`hamtimer edit PROGRAM`: edit a copy; the program is replaced only by a valid one."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from hamtimer.authoring.ask import ask
from hamtimer.authoring.editor import editor_command, run_editor
from hamtimer.authoring.newprog import AuthoringError, ensure_schema, with_directive
from hamtimer.core.program.catalog import DRAFT_SUFFIX, bundled_dir, resolve, user_dir
from hamtimer.core.program.loader import parse_program
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.storage import write_atomic

QUESTION = "[e]dit again, [k]eep the draft, [d]rop? "


@dataclass(frozen=True)
class Outcome:
    """How an edit ended: the exit code, and the file that holds the user's work."""

    code: int
    path: Path | None = None


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == bundled_dir().resolve()
    except OSError:
        return False


def target_of(spec: str, out: TextIO) -> tuple[Path, bytes]:
    """The file to save to and what it holds now. A bundled program is saved as a copy in the
    user's folder, written only when an edit is saved (so a cancelled edit leaves no copy)."""
    try:
        entry = resolve(spec)
    except ProgramError:
        raise AuthoringError(f"{spec}: no such program; start one with hamtimer new {spec}") from None
    if not _is_bundled(entry.path):
        if not entry.path.is_file():
            raise AuthoringError(f"{entry.path}: no such file; start one with hamtimer new NAME")
        return entry.path, entry.path.read_bytes()
    copy = user_dir() / entry.path.name
    if copy.exists():
        print(f"{entry.path.name} is bundled: editing your copy, {copy}", file=out)
        return copy, copy.read_bytes()
    copy.parent.mkdir(parents=True, exist_ok=True)
    ensure_schema()
    print(f"{entry.path.stem} is bundled: your edit is saved as {copy}", file=out)
    return copy, with_directive(entry.path.read_text(encoding="utf-8")).encode()


def _unchanged(path: Path) -> str:
    return f"{path} is unchanged" if path.exists() else "nothing saved"


def draft_of(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".toml") + DRAFT_SUFFIX)


def edit(
    spec: str,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    env: dict[str, str] | None = None,
) -> Outcome:
    """Edit PROGRAM in the user's editor until it is valid or the user keeps or drops the draft."""
    out = sys.stderr if out is None else out
    command = editor_command(env)
    path, original = target_of(spec, out)
    draft = draft_of(path)
    start = original
    if draft.is_file():
        start = draft.read_bytes()
        print(f"going on from the draft kept earlier: {draft}", file=out)
    working = path.with_name(f".{path.stem}.editing.toml")
    working.write_bytes(start)
    try:
        return _loop(command, path, working, draft, original, stdin, out)
    finally:
        with contextlib.suppress(OSError):
            working.unlink()


def _loop(
    command: list[str],
    path: Path,
    working: Path,
    draft: Path,
    original: bytes,
    stdin: TextIO | None,
    out: TextIO,
) -> Outcome:
    while True:
        status = run_editor(command, working)
        if status != 0:
            print(f"the editor ({command[0]}) exited with status {status}; {_unchanged(path)}", file=out)
            return Outcome(1)
        data = working.read_bytes()
        if data == original:
            print(f"no changes; {_unchanged(path)}", file=out)
            with contextlib.suppress(OSError):
                draft.unlink()
            return Outcome(0, path)
        try:
            parse_program(data, str(path))
        except ProgramError as err:
            print(err.render(), file=out)
        else:
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            write_atomic(path, data)
            os.chmod(path, mode)
            with contextlib.suppress(OSError):
                draft.unlink()
            print(f"saved {path}", file=out)
            return Outcome(0, path)
        answer = ask(QUESTION, "ekd", stdin, out)
        if answer == "e":
            continue
        if answer == "d":
            with contextlib.suppress(OSError):
                draft.unlink()
            print(f"draft dropped; {_unchanged(path)}", file=out)
            return Outcome(1)
        write_atomic(draft, data)
        print(f"draft kept in {draft}; {_unchanged(path)} (hamtimer edit goes on from the draft)", file=out)
        return Outcome(1, draft)
