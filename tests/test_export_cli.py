"""`hamtimer export --fit` as a user runs it (the real command, in its own process), and `check` on
a bad `fit`; `[export] fit = true` at the end of a plain-mode session."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from tests.support.dirs import user_env
from tests.support.fit_files import read_sets
from tests.support.programs import TINY

DATA = Path(__file__).parent / "data" / "fit"
HAMTIMER = [sys.executable, "-m", "hamtimer"]


def hamtimer(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HAMTIMER, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **user_env(tmp_path)},
        check=False,
    )


def data_dir_with(tmp_path: Path, logs: dict[str, str]) -> Path:
    """A data dir whose sessions/ holds these tests/data/fit logs, at these day/name places."""
    data = tmp_path / "data"
    for place, log in logs.items():
        target = data / "sessions" / place
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / log, target)
    return data


def test_export_writes_a_file_per_log_with_results_and_prints_each_path(tmp_path: Path) -> None:
    data = data_dir_with(
        tmp_path,
        {
            "2026-11-22/073000-bridge-progression.toml": "old-bridge.toml",
            "2026-11-23/073000-bridge-progression.toml": "no-results.toml",
            "2026-11-24/080000-broken.toml": "corrupt.toml",
            "2026-12-01/180000-runners-six.toml": "new-runners-six.toml",
        },
    )
    done = hamtimer(tmp_path, "export", "--fit")
    assert done.returncode == 0, done.stderr  # a bad log in the folder is told, not an error
    folder = data / "exports" / "fit"
    assert done.stdout.splitlines() == [
        str(folder / "2026-11-22-073000-bridge-progression.fit"),
        str(folder / "2026-12-01-180000-runners-six.fit"),
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-11-22-073000-bridge-progression.fit",
        "2026-12-01-180000-runners-six.fit",
    ]
    errors = done.stderr.splitlines()
    assert (
        f"skipped {data}/sessions/2026-11-23/073000-bridge-progression.toml: no results to export" in errors
    )
    assert any(
        line.startswith(f"skipped {data}/sessions/2026-11-24/080000-broken.toml: not valid TOML")
        for line in errors
    )
    assert errors[-1] == f"2 written, 0 kept, 2 skipped, in {folder}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    sets = read_sets(folder / "2026-12-01-180000-runners-six.fit")
    assert [s.repetitions for s in sets if s.kind == "active"] == [None, None, 11, 5, None, 12, 12]

    again = hamtimer(tmp_path, "export", "--fit", "--since", "2026-11-30")
    assert again.returncode == 0
    assert again.stdout.splitlines() == [str(folder / "2026-12-01-180000-runners-six.fit")]  # kept
    assert again.stderr.splitlines() == [
        f"kept {folder / '2026-12-01-180000-runners-six.fit'} (already there; --force writes it again)",
        f"0 written, 1 kept, 0 skipped, in {folder}",
    ]
    forced = hamtimer(tmp_path, "export", "--fit", "--since", "2026-11-30", "--force")
    assert forced.stdout.splitlines() == [str(folder / "2026-12-01-180000-runners-six.fit")]


def test_a_named_log_that_cannot_be_used_is_exit_1_and_the_others_are_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = hamtimer(
        tmp_path, "export", "--fit", "--out", str(out),
        str(DATA / "reps.toml"), str(DATA / "other-schema.toml"), str(tmp_path / "missing.toml"),
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.splitlines() == [str(out / "2026-12-03-063000-speed-circuit.fit")]
    assert done.stderr.splitlines() == [
        f"skipped {DATA / 'other-schema.toml'}: unknown schema 2 (this hamtimer reads schema 1)",
        f"skipped {tmp_path / 'missing.toml'}: cannot be read: No such file or directory",
        f"1 written, 0 kept, 2 skipped, in {out}",
    ]


def test_a_folder_that_cannot_be_written_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    done = hamtimer(
        tmp_path, "export", "--fit", "--out", str(tmp_path / "taken" / "fit"), str(DATA / "reps.toml")
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"{tmp_path / 'taken' / 'fit'}: cannot write FIT files there (Not a directory)\n"


def test_usage_errors_are_exit_2(tmp_path: Path) -> None:
    no_format = hamtimer(tmp_path, "export")
    assert no_format.returncode == 2 and "the following arguments are required: --fit" in no_format.stderr
    bad_day = hamtimer(tmp_path, "export", "--fit", "--since", "22.11.2026")
    assert bad_day.returncode == 2 and "expected a date as YYYY-MM-DD, not '22.11.2026'" in bad_day.stderr
    assert "Traceback" not in no_format.stderr + bad_day.stderr


def test_check_refuses_an_unknown_fit_with_the_fix(tmp_path: Path) -> None:
    program = tmp_path / "mine.toml"
    program.write_text(
        TINY.read_text().replace("hold = 2", 'hold = 2\nfit = "hip_raise.singel_leg_hip_raise"')
    )
    done = hamtimer(tmp_path, "check", str(program))
    assert done.returncode == 1
    assert done.stderr == (
        f'{program}: block 1 "Bridges" › exercise 1 "Single-leg bridge" › fit: '
        '"hip_raise.singel_leg_hip_raise": "hip_raise" has no "singel_leg_hip_raise"; '
        'did you mean "hip_raise.single_leg_hip_raise"?\n'
    )


def test_plain_mode_with_export_fit_names_the_file_at_the_end(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("[export]\nfit = true\n")
    program = tmp_path / "tiny.toml"
    program.write_text(
        TINY.read_text().replace("hold = 2", 'hold = 2\nfit = "hip_raise.single_leg_hip_raise"')
    )
    done = hamtimer(tmp_path, "run", str(program), "--plain", "--mute", stdin="space\n")
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("FIT file: ") and last.endswith("-tiny.fit")
    path = Path(last.removeprefix("FIT file: "))
    assert path.parent == tmp_path / "data" / "exports" / "fit"
    active = [s for s in read_sets(path) if s.kind == "active"]
    assert [(s.duration, s.exercise) for s in active] == [(2.0, "hip_raise.single_leg_hip_raise")] * 2
    (log,) = (tmp_path / "data" / "sessions").glob("*/*.toml")
    assert 'fit = "hip_raise.single_leg_hip_raise"' in log.read_text()


def test_no_logs_yet_is_said_and_makes_no_folder(tmp_path: Path) -> None:
    done = hamtimer(tmp_path, "export", "--fit")
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == f"no session logs in {tmp_path / 'data'}\n"
    assert not (tmp_path / "data").exists()
