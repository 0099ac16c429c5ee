"""Installing hamtimer the way users do: a wheel from a clean copy, a fresh venv, a real session.

Shared by tests/test_install.py (CI) and bench/matrix.py (every Python on the machine).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.tmux import Tmux

REPO = Path(__file__).resolve().parents[2]
SHORT_SESSION = REPO / "tests" / "data" / "programs" / "two-seconds.toml"
BUNDLED = (
    "bridge-progression",
    "long-run-circuit",
    "nordic-ladder",
    "run-day",
    "runners-six",
    "speed-circuit",
)


def project_version() -> str:
    version: str = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    return version


def _run(argv: list[str], timeout: float = 900, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def clean_copy(into: Path) -> Path:
    """The repo's files as a fresh clone would hold them, with this working tree's edits.

    Tracked and new (not ignored) files are copied from the working tree, so uncommitted work
    is tested too; .venv, build output and caches never are.
    """
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO)
    for name in sorted(set(listed.stdout.split("\0")) - {""}):
        source = REPO / name
        if source.is_symlink():  # hamtimer/programs -> ../programs, kept a link as a clone keeps it
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            (into / name).symlink_to(source.readlink())
        elif source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def build_wheel(python: str, source: Path, out: Path) -> Path:
    """`pip wheel` of the copy (with build isolation, as pip and pipx do it)."""
    _run([python, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)])
    (wheel,) = out.glob("hamtimer-*.whl")
    return wheel


def fresh_venv(python: str, where: Path) -> Path:
    """A new venv with nothing in it; returns its python."""
    _run([python, "-m", "venv", str(where)])
    return where / "bin" / "python"


def install(venv_python: Path, wheel: Path, extras: str = "") -> None:
    """Install the wheel (not editable); dependencies come from the package index."""
    target = f"{wheel}[{extras}]" if extras else str(wheel)
    _run([str(venv_python), "-m", "pip", "install", "--quiet", target])


@dataclass
class Session:
    """What a short session in tmux showed and wrote."""

    screens: list[str] = field(default_factory=list)
    status: int | None = None
    logs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def completed(self) -> bool:
        return self.status == 0 and any("Session complete" in screen for screen in self.screens)


def short_session(
    hamtimer: Path, data: Path, cwd: Path, env: dict[str, str], backend: str | None = None
) -> Session:
    """Run the two-second program from `cwd` to its summary; `backend`: wait until it is chosen."""
    session = Session()
    started = time.monotonic()
    with Tmux(80, 24) as term:
        term.start([str(hamtimer), "run", str(SHORT_SESSION), "--data-dir", str(data)], env=env, cwd=cwd)
        session.screens.append(term.wait_for(f"♪ {backend}" if backend else "READY", timeout=30))
        term.keys("Space")
        session.screens.append(term.wait_for("Session complete", timeout=30))
        term.keys("Enter")
        session.status = term.wait_exit(timeout=15)
        session.screens.append(term.transcript())
    session.seconds = time.monotonic() - started
    session.logs = sorted(data.glob("sessions/*/*.toml"))
    return session
