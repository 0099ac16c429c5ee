"""Finding programs: the bundled ones and the user's own, by name or by path."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from hamtimer.core.paths import config_dir
from hamtimer.core.program.loader import load_program
from hamtimer.core.program.model import Program
from hamtimer.core.program.problems import Problem, ProgramError
from hamtimer.core.record import Record, record


@record
class ProgramEntry(Record):
    """A program file and where it comes from ("bundled" or "yours")."""

    name: str
    path: Path
    origin: str

    def load(self) -> Program:
        return load_program(self.path, self.display)

    @property
    def display(self) -> str:
        return f"programs/{self.path.name}" if self.origin == "bundled" else str(self.path)


def bundled_dir() -> Path:
    """The installed `hamtimer.programs` package (the repo's programs/ in an editable install)."""
    spec = find_spec("hamtimer.programs")
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))) if locations else Path(__file__).parents[2] / "programs"


def user_dir() -> Path:
    return config_dir() / "programs"


DRAFT_SUFFIX = ".draft.toml"
"""A draft kept by `hamtimer edit` beside its program; not a program of its own."""


def _is_program(path: Path) -> bool:
    """Hidden files (an edit in progress) and drafts are not listed."""
    return path.is_file() and not path.name.startswith(".") and not path.name.endswith(DRAFT_SUFFIX)


def _entries(folder: Path, origin: str) -> list[ProgramEntry]:
    try:
        files = sorted(p for p in folder.glob("*.toml") if _is_program(p))
    except OSError:
        return []
    return [ProgramEntry(p.stem, p, origin) for p in files]


def all_programs() -> list[ProgramEntry]:
    """The bundled programs, then the user's own (a user's file may share a bundled name)."""
    return _entries(bundled_dir(), "bundled") + _entries(user_dir(), "yours")


def resolve(spec: str) -> ProgramEntry:
    """A program by file path or by name (the user's own first); ProgramError if unknown."""
    path = Path(spec).expanduser()
    if path.exists() or "/" in spec or spec.endswith(".toml"):
        return ProgramEntry(path.stem, path, "file")
    entries = all_programs()
    for entry in sorted(entries, key=lambda e: e.origin != "yours"):
        if entry.name == spec:
            return entry
    names = ", ".join(sorted({e.name for e in entries})) or "none"
    raise ProgramError(spec, [Problem("", f"no such program; known programs: {names}")])
