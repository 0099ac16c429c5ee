"""Installed the way users do: a wheel built from a clean copy of the repo, the copy removed,
the wheel installed (not editable) in a fresh venv, and `hamtimer` run from another folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.install import (
    BUNDLED,
    REPO,
    build_wheel,
    clean_copy,
    fresh_venv,
    install,
    project_version,
    short_session,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is missing (./dev test installs it)"),
]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    hamtimer: Path
    elsewhere: Path
    seconds: float


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    started = time.monotonic()
    root = tmp_path_factory.mktemp("install")
    source = clean_copy(root / "source")
    wheel = build_wheel(sys.executable, source, root / "wheels")
    shutil.rmtree(source)
    python = fresh_venv(sys.executable, root / "venv")
    install(python, wheel)
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return Installed(wheel, python, python.with_name("hamtimer"), elsewhere, time.monotonic() - started)


def run(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed.hamtimer), *args],
        cwd=installed.elsewhere, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_the_wheel_carries_every_package_and_data_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    packages = {p.parent.relative_to(REPO).as_posix() for p in (REPO / "hamtimer").rglob("__init__.py")}
    assert {f"{p}/__init__.py" for p in packages} <= names
    assert {"hamtimer/ui/screens/__init__.py", "hamtimer/ui/widgets/__init__.py"} <= names
    assert {f"hamtimer/programs/{name}.toml" for name in BUNDLED} <= names
    assert {"hamtimer/programs/hamtimer.schema.json", "hamtimer/ui/hamtimer.tcss"} <= names
    listed = subprocess.run(
        ["git", "ls-files", "hamtimer", "programs"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    data = {
        name.replace("programs/", "hamtimer/programs/", 1) if name.startswith("programs/") else name
        for name in listed
        if not name.endswith(".py") and not (REPO / name).is_symlink()  # hamtimer/programs -> programs/
    }
    fix = "add it to [tool.setuptools.package-data]"
    assert data - names == set(), f"package data missing from the wheel: {fix}"
    assert not any(name.startswith(("tests/", "bench/", "programs/")) for name in names)


def test_a_plain_install_needs_no_rust(installed: Installed) -> None:
    """rtoml (Rust) is only an extra: `pip install hamtimer` never builds it, and without it the
    logs are read with tomllib."""
    with zipfile.ZipFile(installed.wheel) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        needs = [line for line in wheel.read(name).decode().splitlines() if line.startswith("Requires-Dist:")]
    rtoml = [line for line in needs if "rtoml" in line]
    assert rtoml and all('extra == "fast"' in line for line in rtoml), rtoml
    probe = "import importlib.util; from hamtimer.core.log import logfile; "
    probe += "print(importlib.util.find_spec('rtoml') is None, logfile.READER)"
    done = subprocess.run([str(installed.python), "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "tomllib"]


def test_the_installed_copy_is_the_one_that_runs(installed: Installed) -> None:
    done = subprocess.run(
        [str(installed.python), "-c", "import hamtimer, json; print(json.dumps(hamtimer.__file__))"],
        cwd=installed.elsewhere, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(json.loads(done.stdout)).is_relative_to(installed.python.parents[1])


def test_a_whole_session_runs_from_another_folder_and_writes_its_log(
    installed: Installed, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = {"HAMTIMER_CONFIG_DIR": str(tmp_path / "config"), "HAMTIMER_CACHE_DIR": str(tmp_path / "cache")}
    session = short_session(installed.hamtimer, data, installed.elsewhere, env | {"HAMTIMER_AUDIO": "silent"})
    assert session.completed, session.screens[-1]
    assert "Wall sit" in session.screens[1] and "Traceback" not in session.screens[-1]
    (log,) = session.logs
    record = tomllib.loads(log.read_text())
    assert record["status"] == "completed" and record["program"] == "Two seconds"
    assert record["result"][0]["exercise"] == "Wall sit" and record["result"][0]["both"]["completed"]
    print(f"wheel built and installed in {installed.seconds:.1f} s; session {session.seconds:.1f} s")


def test_list_shows_the_six_bundled_programs(installed: Installed) -> None:
    done = run(installed, "list")
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    assert [row[0] for row in rows if "bundled" in row] == list(BUNDLED)
    site = installed.python.parents[1]
    assert all(Path(row[-1]).is_relative_to(site) for row in rows)


def test_version_schema_and_new_work_installed(installed: Installed, tmp_path: Path) -> None:
    version = run(installed, "--version")
    assert version.stdout.strip() == f"hamtimer {project_version()}"
    schema = run(installed, "schema")
    assert schema.stdout == (REPO / "programs" / "hamtimer.schema.json").read_text()
    done = subprocess.run(
        [str(installed.hamtimer), "new", "mine"],
        cwd=installed.elsewhere, capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin", "HAMTIMER_CONFIG_DIR": str(tmp_path / "config")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert run(installed, "check", done.stdout.strip()).returncode == 0
