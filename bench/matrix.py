"""Every CPython >= 3.11 on this machine: install the wheel with sound, run a short session, hear it.

    ./dev matrix            (or .venv/bin/python bench/matrix.py [--keep])

Builds the wheel once from a clean copy of the repo, then for each interpreter found (PATH's
python3.X and pyenv's versions) makes a fresh venv, installs the wheel with the `audio` extra
(not editable), and runs the two-second program in tmux from another folder with ALSA's file
plugin capturing what simpleaudio plays. Prints one row per version; a supported minor version
that is not on the machine gets a row saying so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.audio import capture_config, captures
from tests.support.install import build_wheel, clean_copy, fresh_venv, install, short_session

SUPPORTED = [(3, minor) for minor in range(11, 15)]
PROBE = (
    "import json, platform, sys; print(json.dumps([platform.python_implementation(), "
    "list(sys.version_info[:3]), sys.executable]))"
)
SOUND_PACKAGES = (
    "import json, importlib.metadata as m\n"
    "found = {}\n"
    "for name in ('simpleaudio', 'simpleaudio-patched'):\n"
    "    try: found[name] = m.version(name)\n"
    "    except m.PackageNotFoundError: pass\n"
    "print(json.dumps(found))"
)


@dataclass(frozen=True)
class Python:
    version: tuple[int, int, int]
    path: Path

    @property
    def label(self) -> str:
        return ".".join(map(str, self.version))


@dataclass
class Row:
    python: str
    where: str
    installed: str = "-"
    sound: str = "-"
    session: str = "-"
    log: str = "-"
    audio: str = "-"
    seconds: str = "-"
    digest: str = "-"


def candidates() -> list[Path]:
    """python3.X in every folder of PATH (not only the first found), then pyenv's versions."""
    folders = [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    found = [f / f"python3.{minor}" for f in folders for minor in range(11, 20)]
    found += sorted(Path.home().glob(".pyenv/versions/3.1*/bin/python"))
    return [p for p in found if p.is_file() and os.access(p, os.X_OK)]


def interpreters() -> list[Python]:
    """Each distinct CPython >= 3.11 that runs (one per version, the first found)."""
    seen: dict[Path, Python] = {}
    for candidate in candidates():
        try:
            done = subprocess.run([str(candidate), "-c", PROBE], capture_output=True, text=True, timeout=30)
            implementation, version, executable = json.loads(done.stdout)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            continue
        real = Path(executable).resolve()
        if implementation == "CPython" and tuple(version) >= (3, 11) and real not in seen:
            seen[real] = Python((version[0], version[1], version[2]), Path(executable))
    by_version: dict[tuple[int, int, int], Python] = {}
    for python in seen.values():
        by_version.setdefault(python.version, python)
    return sorted(by_version.values(), key=lambda p: p.version)


def captured(folder: Path) -> tuple[int, int, str]:
    """Bytes and clips the file plugin wrote, once the last clip is flushed, and their digest
    (the same digest on two versions: the same samples, bit for bit)."""
    sizes: list[int] = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        now = sorted(p.stat().st_size for p in folder.glob("cap-*"))
        if now == sizes:
            break
        sizes = now
        time.sleep(0.2)
    digest = hashlib.sha256()
    for clip in sorted(c.samples.tobytes() for c in captures(folder)):
        digest.update(clip)
    return sum(sizes), len(sizes), digest.hexdigest()[:12]


def one(python: Python, wheel: Path, work: Path) -> Row:
    row = Row(python.label, str(python.path))
    started = time.monotonic()
    try:
        venv_python = fresh_venv(str(python.path), work / "venv")
        install(venv_python, wheel, "audio")
    except AssertionError as err:
        row.installed = "FAILED: " + str(err).strip().splitlines()[-1][:60]
        return row
    row.installed = "ok"
    packages = subprocess.run(
        [str(venv_python), "-c", SOUND_PACKAGES], capture_output=True, text=True, timeout=60
    )
    found = json.loads(packages.stdout or "{}")
    row.sound = ", ".join(f"{name} {version}" for name, version in found.items()) or "none"
    capture = work / "captured"
    env = {
        "HAMTIMER_CONFIG_DIR": str(work / "config"),
        "HAMTIMER_CACHE_DIR": str(work / "cache"),
        "ALSA_CONFIG_PATH": str(capture_config(capture)),
    }
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    try:
        session = short_session(
            venv_python.with_name("hamtimer"), work / "data", elsewhere, env, "simpleaudio"
        )
    except AssertionError as err:
        row.session = "FAILED: " + str(err).strip().splitlines()[0][:60]
        return row
    row.session = "completed" if session.completed else f"exit {session.status}"
    row.log = f"{len(session.logs)} file" if session.logs else "none"
    size, clips, digest = captured(capture)
    row.audio = f"{size:,} B in {clips} clips"
    row.digest = digest
    row.seconds = f"{time.monotonic() - started:.0f}"
    return row


def table(rows: list[Row]) -> str:
    heads = [
        "python",
        "installed",
        "simpleaudio",
        "session",
        "log",
        "audio captured",
        "sha256",
        "s",
        "interpreter",
    ]
    cells = [
        [r.python, r.installed, r.sound, r.session, r.log, r.audio, r.digest, r.seconds, r.where]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [heads, *cells]) for i in range(len(heads))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in [heads, *cells]
    ]
    return "\n".join(line.rstrip() for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("matrix: tmux is needed (apt-get install tmux)", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="hamtimer-matrix-"))
    try:
        pythons = interpreters()
        print(f"found: {', '.join(f'{p.label} ({p.path})' for p in pythons) or 'none'}", file=sys.stderr)
        started = time.monotonic()
        wheel = build_wheel(sys.executable, clean_copy(work / "source"), work / "wheels")
        shutil.rmtree(work / "source")
        print(f"built {wheel.name} in {time.monotonic() - started:.1f} s", file=sys.stderr)
        rows = []
        for python in pythons:
            print(f"{python.label}: installing and running ...", file=sys.stderr)
            rows.append(one(python, wheel, work / python.label))
        present = {p.version[:2] for p in pythons}
        rows += [Row(f"{major}.{minor}", "not on this machine", "missing") for major, minor in SUPPORTED
                 if (major, minor) not in present]  # fmt: skip
        rows.sort(key=lambda r: [int(n) for n in r.python.split(".")])
        print(table(rows))
        failed = [r for r in rows if r.installed != "missing" and r.session != "completed"]
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
