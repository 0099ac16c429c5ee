"""Taplo, the checker behind the editors' TOML support, reads the schema as meant: through the
`#:schema` lines of the bundled programs and of the files `new` writes, with the same verdicts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer.cli import main
from tests.conftest import UserDirs
from tests.support.editing import DATA

REPO = Path(__file__).parents[2]
TAPLO = shutil.which("taplo", path=str(Path(sys.executable).parent)) or shutil.which("taplo")

pytestmark = pytest.mark.skipif(TAPLO is None, reason="taplo is not installed (pip install -e '.[test]')")


def taplo_check(*files: Path) -> subprocess.CompletedProcess[str]:
    assert TAPLO is not None
    return subprocess.run(
        [TAPLO, "check", "--no-auto-config", *map(str, files)],
        capture_output=True, text=True, timeout=60, check=False, cwd=files[0].parent,
    )  # fmt: skip


def test_the_bundled_programs_pass_through_their_schema_line(tmp_path: Path) -> None:
    copies = tmp_path / "programs"
    shutil.copytree(REPO / "programs", copies, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    assert taplo_check(*sorted(copies.glob("*.toml"))).returncode == 0
    broken = copies / "run-day.toml"
    broken.write_text(broken.read_text().replace('name = "Run day"', 'name = "Run day"\nrepeat = 2', 1))
    done = taplo_check(broken)
    assert done.returncode == 1, "the #:schema line was not followed"
    assert "repeat" in done.stderr


def test_what_new_writes_passes_and_its_mistakes_are_caught(
    user_dirs: UserDirs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "mine"]) == 0
    assert main(["new", "lenient", "--from", str(DATA / "lenient.toml")]) == 0
    assert main(["new", "typo", "--from", str(DATA / "typo.toml")]) == 0
    programs = user_dirs.config / "programs"
    assert taplo_check(programs / "mine.toml", programs / "lenient.toml").returncode == 0
    done = taplo_check(programs / "typo.toml")
    assert done.returncode == 1 and "hodl" in done.stderr
