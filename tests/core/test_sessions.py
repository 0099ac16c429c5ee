"""Reading session logs back: per-file summaries, skipped files, the newest log of a program."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamtimer.core.history.sessions import collect
from hamtimer.core.log.folder import file_age_seconds, latest_for, log_files
from tests.support.logs import BRIDGE, bridge, day, log_path, result, side, write_log


def test_summaries_hold_each_exercise_and_side(tmp_path: Path) -> None:
    write_log(
        tmp_path,
        day(1),
        bridge(30, 24, set=1, difficulty=(6, 8), flags=(("hip drop",), ())),
        bridge(28, 22, set=2, difficulty=(7, None), flags=((), ("cramp",))),
        result("Hamstring curl", "reps", target=10, both=side(8, 9, completed=False)),
    )
    found = collect(tmp_path)
    (summary,) = found.sessions
    assert summary.file == "sessions/2026-11-01/073000-bridge-progression.toml"
    assert summary.program == "Bridge progression" and summary.status == "completed"
    assert summary.started_text == "2026-11-01T07:30:00+01:00"
    bridge_done = summary.exercises[BRIDGE]
    assert (bridge_done.work, bridge_done.target) == ("hold", 30)
    left, right = bridge_done.sides["left"], bridge_done.sides["right"]
    assert (left.values, left.difficulties, left.flags, left.mean) == (
        [30.0, 28.0],
        [6, 7],
        {"hip drop": 1},
        29.0,
    )
    assert (right.values, right.difficulties, right.flags, right.mean) == (
        [24.0, 22.0],
        [8],
        {"cramp": 1},
        23.0,
    )
    assert (left.sets, left.at_target, left.completed) == (2, 1, 2)
    curl = summary.exercises["Hamstring curl"].sides["both"]
    assert (curl.values, curl.difficulties, curl.completed) == ([8.0], [9], 0)
    assert found.skipped == [] and found.parsed == 1


def test_a_log_with_nothing_done_yet_is_neither_a_session_nor_skipped(tmp_path: Path) -> None:
    path = log_path(tmp_path, day(1))
    path.parent.mkdir(parents=True)
    path.write_text(
        'schema = 1\nprogram = "P"\nprogram_file = "p.toml"\nstarted = 2026-11-01T07:30:00+01:00\n'
        'status = "running"\nside_order = "left-first"\nresult = []\n'
    )
    found = collect(tmp_path)
    assert (found.sessions, found.skipped) == ([], [])


def test_start_times_without_an_offset_are_read_as_local(tmp_path: Path) -> None:
    write_log(tmp_path, "2026-11-01T07:30:00", bridge(30, 30))
    (summary,) = collect(tmp_path).sessions
    assert summary.started_text == "2026-11-01T07:30:00"


def test_results_of_unknown_work_or_without_a_name_are_ignored(tmp_path: Path) -> None:
    write_log(
        tmp_path,
        day(1),
        result("Swim", "swimming", both=side(3)),
        bridge(30, 29),
        '[[result]]\nwork = "hold"\n[result.left]\nseconds = 3.0\n',
    )
    (summary,) = collect(tmp_path).sessions
    assert list(summary.exercises) == [BRIDGE]


def test_out_of_range_values_are_ignored(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, -5, difficulty=(11, 0)))
    (summary,) = collect(tmp_path).sessions
    left, right = summary.exercises[BRIDGE].sides["left"], summary.exercises[BRIDGE].sides["right"]
    assert (left.values, left.difficulties) == ([30.0], [])
    assert (right.values, right.difficulties) == ([], [])


def test_hidden_temporary_files_of_an_interrupted_write_are_not_logs(tmp_path: Path) -> None:
    good = write_log(tmp_path, day(1), bridge(30, 30))
    (good.parent / f".{good.name}.4242.tmp").write_text("schema = 1\nprogram = ")
    (good.parent / f".{good.stem}.toml").write_text("half")
    assert list(log_files(tmp_path)) == [good]
    found = collect(tmp_path)
    assert len(found.sessions) == 1 and found.skipped == []


def test_a_missing_data_folder_is_empty(tmp_path: Path) -> None:
    found = collect(tmp_path / "nowhere")
    assert (found.sessions, found.skipped) == ([], [])


# ----- latest_for: the newest log of a program, for resuming


def test_latest_for_finds_the_newest_log_of_the_program(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 24))
    newest = write_log(tmp_path, day(2), bridge(30, 26), status="stopped")
    other = log_path(tmp_path, day(3), slug="other")
    write_log(tmp_path, day(3), bridge(1, 1), path=other, program="Other")
    found = latest_for(tmp_path, "Bridge progression")
    assert found is not None
    path, record = found
    assert path == newest and record.status == "stopped"


def test_latest_for_sees_a_numbered_file_of_the_same_second(tmp_path: Path) -> None:
    plain = log_path(tmp_path, day(1))
    plain.parent.mkdir(parents=True)
    plain.write_bytes(b"schema = 1\n[[result\n")  # the same second's first file, unreadable
    second = plain.with_name("073000-bridge-progression-2.toml")
    write_log(tmp_path, day(1), bridge(10, 10), path=second, status="running")
    found = latest_for(tmp_path, "Bridge progression")
    assert found is not None and found[0] == second


def test_latest_for_skips_unreadable_logs_and_other_programs_with_the_same_slug(tmp_path: Path) -> None:
    older = write_log(tmp_path, day(1), bridge(30, 24))
    same_slug = write_log(tmp_path, day(2), bridge(1, 1), program="Bridge  Progression!")
    broken = log_path(tmp_path, day(3))
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"schema = 1\n[[result\n")
    found = latest_for(tmp_path, "Bridge progression")
    assert found is not None and found[0] == older
    assert same_slug.exists() and broken.read_bytes() == b"schema = 1\n[[result\n"


def test_latest_for_with_nothing_there(tmp_path: Path) -> None:
    assert latest_for(tmp_path, "Bridge progression") is None


def test_file_age(tmp_path: Path) -> None:
    path = write_log(tmp_path, day(1), bridge(30, 24))
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime - 3600))
    assert file_age_seconds(path) == pytest.approx(3600, abs=5)
    assert file_age_seconds(tmp_path / "gone.toml") == float("inf")
