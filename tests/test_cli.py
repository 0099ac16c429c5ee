"""The command line: check, plan and list, their exit codes, and the installed package."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer.cli import main
from hamtimer.core.formatting import clock
from hamtimer.core.program.loader import load_program
from hamtimer.core.session.plan import build_plan
from tests.support.programs import data_text

REPO = Path(__file__).resolve().parents[1]
PROGRAMS = REPO / "programs"
BUNDLED = {
    "bridge-progression": "Bridge progression",
    "long-run-circuit": "Long-run circuit",
    "nordic-ladder": "Nordic ladder",
    "run-day": "Run day",
    "runners-six": "Runner's six",
    "speed-circuit": "Speed circuit",
}

VALID = data_text("my-own.toml")

INVALID = data_text("broken.toml")


def bundled_plan_json(name: str) -> dict[str, object]:
    plan = build_plan(load_program(PROGRAMS / f"{name}.toml", f"programs/{name}.toml"))
    return plan.to_json()


def user_programs() -> Path:
    """Where the user's own programs go: tests/conftest.py points the config dir at tmp_path."""
    return Path(os.environ["HAMTIMER_CONFIG_DIR"]) / "programs"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- check ------------------------------------------------------------------------------------------


def test_check_a_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(PROGRAMS / "bridge-progression.toml")
    assert main(["check", path]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}: ok: Bridge progression, ")
    assert err == ""


def test_check_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "bad.toml", INVALID)
    assert main(["check", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f'{bad}: block 1 "Only" › exercise 1 "Curl" › reps: "10-8": the range runs backwards; '
        "write the smaller number first",
        f'{bad}: block 1 "Only" › exercise 1 "Curl" › tempo: "3-1": expected three or four whole '
        'numbers of seconds, such as "3-1-1" or "3-1-1-0"',
    ]


def test_check_several_files_mixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "bad.toml", INVALID)
    good = write(tmp_path / "good.toml", VALID)
    missing = tmp_path / "missing.toml"
    assert main(["check", str(bad), str(good), str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{good}: ok: My own, 2 steps, about 0:43"]
    assert f'{bad}: block 1 "Only" › exercise 1 "Curl" › reps' in err
    assert f"{missing}: no such file" in err
    assert err.splitlines()[-1] == "1 valid, 2 invalid"


def test_check_several_valid_files(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in PROGRAMS.glob("*.toml"))
    assert main(["check", *files]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split(": ok: ")[0] for line in lines[:-1]] == files
    assert lines[-1] == f"{len(BUNDLED)} valid, 0 invalid"
    assert err == ""


def test_check_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_check_a_file_with_a_huge_integer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "huge.toml", VALID.replace("hold = 40", f"reps = {10**400}"))
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"{path}: ")


# --- plan -------------------------------------------------------------------------------------------------

ROW = re.compile(r"^\s*(\d+)\s+(\d+:\d\d(?::\d\d)?)\s+(prepare|work|rest)\b")


def seconds(text: str) -> int:
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


def test_plan_table_has_the_exercises_and_a_running_clock(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "bridge-progression", "--fresh"]) == 0  # the file's own: every rung
    out = capsys.readouterr().out
    plan = bundled_plan_json("bridge-progression")
    steps = plan["steps"]
    assert isinstance(steps, list)
    assert "Today:" not in out
    assert (
        out.splitlines()[0] == f"Bridge progression: 6 work steps, about {clock(plan['estimated_seconds'])}"
    )
    for name in (
        "Double-leg bridge",
        "Single-leg bridge",
        "Double-leg hamstring pull",
        "Single-leg hamstring pull",
    ):
        assert name in out
    rows = [m.groups() for line in out.splitlines() if (m := ROW.match(line))]
    assert [int(index) for index, _, _ in rows] == list(range(len(steps)))
    assert [kind for _, _, kind in rows] == [s["kind"] for s in steps]
    at = [seconds(t) for _, t, _ in rows]
    assert at[0] == 0
    assert at[1] == 10  # after the 10 s prepare
    assert at == sorted(at)
    assert len(set(at)) == len(at)
    assert out.rstrip().endswith(f"end at {clock(plan['estimated_seconds'])}")


def test_plan_table_shows_sides_rounds_and_loads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "speed-circuit"]) == 0
    out = capsys.readouterr().out
    gallop = [line for line in out.splitlines() if "Gallop forward and backward" in line]
    assert len(gallop) == 6
    assert "left" in gallop[0]
    assert "round 1/3" in gallop[0]
    assert "5 yd" in gallop[0]
    assert gallop[0].rstrip().endswith("bodyweight")
    assert "round 3/3" in gallop[-1]


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_plan_json_matches_the_plan(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--fresh: the file's own plan (a ladder adds an empty `waiting`, as no gate is kept)."""
    assert main(["plan", name, "--json", "--fresh"]) == 0
    out, err = capsys.readouterr()
    found = json.loads(out)
    assert found.pop("waiting", []) == []
    assert found == bundled_plan_json(name)
    assert err == ""


def test_plan_of_a_file_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "mine.toml", VALID)
    assert main(["plan", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["program"] == "My own"
    assert [s["kind"] for s in data["steps"]] == ["prepare", "work"]
    assert data["estimated_seconds"] == 43


def test_plan_of_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "bad.toml", INVALID)
    assert main(["plan", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f'{bad}: block 1 "Only" › exercise 1 "Curl" › reps: "10-8"')


def test_plan_of_an_unknown_program_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "brige-progression"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("brige-progression: no such program; known programs: ")
    for name in BUNDLED:
        assert name in err
    assert "Traceback" not in err


def test_plan_of_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["plan", str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"{missing}: no such file"


def test_your_program_wins_over_a_bundled_one_of_the_same_name(capsys: pytest.CaptureFixture[str]) -> None:
    write(user_programs() / "bridge-progression.toml", VALID)
    assert main(["plan", "bridge-progression", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["program"] == "My own"


# --- list ----------------------------------------------------------------------------------------------


def list_rows(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}


def test_list_shows_the_bundled_programs_with_durations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    rows = list_rows(capsys.readouterr().out)
    assert set(rows) == set(BUNDLED)
    for name, title in BUNDLED.items():
        duration = clock(bundled_plan_json(name)["estimated_seconds"])  # type: ignore[arg-type]
        assert re.search(rf"\b{re.escape(title)}\s+{duration}\s+bundled\b", rows[name]), rows[name]


def test_list_shows_your_programs_and_survives_invalid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    folder = user_programs()
    write(folder / "mine.toml", VALID)
    write(folder / "broken.toml", INVALID)
    write(folder / "notes.txt", "not a program")
    assert main(["list"]) == 0
    rows = list_rows(capsys.readouterr().out)
    assert set(rows) == {*BUNDLED, "mine", "broken"}
    assert re.search(r"\bMy own\s+0:43\s+yours\b", rows["mine"]), rows["mine"]
    assert str(folder / "mine.toml") in rows["mine"]
    assert "invalid" in rows["broken"]
    assert "2 problems" in rows["broken"]


def test_list_with_the_config_folder_missing(capsys: pytest.CaptureFixture[str]) -> None:
    user_programs().parent.rmdir()
    assert main(["list"]) == 0
    assert set(list_rows(capsys.readouterr().out)) == set(BUNDLED)


# --- usage --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["plan"],
        ["bogus"],
        ["plan", "bridge-progression", "--bogus"],
        ["list", "--json"],
        ["check", "--nope", "x.toml"],
        ["--data-dir"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: hamtimer" in capsys.readouterr().err


def test_common_options_go_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "--mute", "list"]) == 0
    assert main(["list", "--data-dir", str(tmp_path), "--mute"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("bridge-progression ") for line in lines) == 2


# --- as a program -------------------------------------------------------------------------------------


def test_python_m_hamtimer_checks_the_bundled_programs() -> None:
    files = sorted(str(p.relative_to(REPO)) for p in PROGRAMS.glob("*.toml"))
    done = subprocess.run(
        [sys.executable, "-m", "hamtimer", "check", *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(": ok: ")[0] for line in lines[:-1]] == files
    assert lines[-1] == f"{len(BUNDLED)} valid, 0 invalid"
    assert done.stderr == ""


def test_the_bridge_ladder_starts_at_its_first_rung(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With no logs only the double-leg bridge is on: 20 s, building to 30 s; the rest wait in order."""
    assert main(["plan", "bridge-progression", "--json", "--data-dir", str(tmp_path)]) == 0
    plan = json.loads(capsys.readouterr().out)
    work = [s for s in plan["steps"] if s["kind"] == "work"]
    assert [(s["exercise"], s["target"]) for s in work] == [("Double-leg bridge", 20)]
    assert [(w["exercise"], w["after"]) for w in plan["waiting"]] == [
        ("Single-leg bridge", "Double-leg bridge"),
        ("Double-leg hamstring pull", "Single-leg bridge"),
        ("Single-leg hamstring pull", "Double-leg hamstring pull"),
    ]
