"""The history index (core/history/index.py): what SQL builds is what the files give, byte for
byte, over a generated folder of 15 distinct exercises; and how the index follows the folder."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from hamtimer.charts import plot_report
from hamtimer.core.history import export, indexing
from hamtimer.core.history.index import index_path, open_index
from hamtimer.core.history.indexing import refresh
from hamtimer.core.history.reader import (
    files_report,
    history_report,
    last_times,
    recent_sessions,
    write_history_csv,
)
from hamtimer.core.history.report import Report, build_report
from hamtimer.core.history.report import last_times as files_last_times
from hamtimer.core.history.sessions import collect
from hamtimer.core.paths import history_cache_dir
from hamtimer.render import history_table
from tests.support.generated import EXERCISES, generate
from tests.support.logs import bridge, day, write_log


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("generated") / "data"
    generate(data, 160)
    return data


def as_shown(report: Report) -> tuple[str, str, str, list[tuple[str, str, list[float], list[str]]]]:
    """Everything a user sees of a report: JSON, the table, the chart, and each side's series."""
    series = [
        (item.exercise, side.value, found.values, found.dates)
        for item in report.exercises
        for side, found in item.sides.items()
    ]
    text = json.dumps(report.as_json(), indent=2, ensure_ascii=False)
    return text, history_table(report, colour=False), plot_report(report, colour=False, width=100), series


def from_index(data: Path, window: int = 3, exercise: str | None = None) -> Report:
    found = history_report(data, window, exercise, series=True, tell=pytest.fail)
    assert index_path(data, history_cache_dir()).is_file()
    return found


def test_the_generated_folder_is_what_the_comparison_needs(folder: Path) -> None:
    report = files_report(folder)
    assert len(report.exercises) == len(EXERCISES) == 15
    assert report.skipped and report.soreness is not None
    assert any(item.goal is not None and item.goal.streak for item in report.exercises)
    assert {item.band for item in report.exercises} >= {"green", None}
    assert any(item.form_breaks for item in report.exercises)


@pytest.mark.parametrize("window", [1, 3, 5, 0])
def test_the_report_from_the_index_is_the_report_from_the_files(folder: Path, window: int) -> None:
    expected = build_report(collect(folder), window)
    cold = from_index(folder, window)
    warm = from_index(folder, window)
    assert as_shown(cold) == as_shown(warm) == as_shown(expected)


def test_one_exercise_from_the_index_is_the_same(folder: Path) -> None:
    for name in ("single-leg BRIDGE", "Farmer carry", "Wall sit", "nothing like it"):
        assert as_shown(from_index(folder, 3, name)) == as_shown(build_report(collect(folder), 3, name))


def test_the_csv_from_the_index_is_the_csv_from_the_files(folder: Path) -> None:
    verdicts = {item.exercise: item.verdict for item in files_report(folder).exercises}
    for exercise in (None, "Slider curl"):
        indexed, files = io.StringIO(), io.StringIO()
        assert index_path(folder, history_cache_dir()).exists() or exercise is None
        skipped, rows = write_history_csv(folder, indexed, exercise, verdicts)
        assert (skipped, rows) == export.write_csv(folder, files, exercise, verdicts)
        assert indexed.getvalue() == files.getvalue() and rows > 100


def test_recent_sessions_are_the_newest_of_each_exercise_as_the_files_give_them(folder: Path) -> None:
    names = frozenset({"Single-leg bridge", "Slider curl", "Double-leg bridge", "Farmer carry"})
    for newest in (1, 2, 12):
        expected = collect(folder, names, newest).sessions
        found = recent_sessions(folder, names, newest)
        assert [(s.file, s.started, s.started_text, s.exercises) for s in found] == [
            (s.file, s.started, s.started_text, s.exercises) for s in expected
        ]
    newest_file = collect(folder).sessions[-1].file
    without = recent_sessions(folder, names, 3, exclude=newest_file)
    assert newest_file not in {s.file for s in without} and without


def test_last_times_from_the_index_are_those_of_the_files(folder: Path) -> None:
    names = {name for name, *_ in EXERCISES}
    sessions = collect(folder).sessions
    for exclude in (None, sessions[-1].file):
        assert last_times(folder, names, exclude) == files_last_times(collect(folder), names, exclude)


def test_after_files_are_added_changed_and_removed_the_answers_still_agree(tmp_path: Path) -> None:
    data = tmp_path / "data"
    paths = generate(data, 40, seed=11)
    from_index(data)
    paths[3].unlink()
    paths[10].write_text(paths[11].read_text())
    os.utime(paths[10], ns=(1, paths[10].stat().st_mtime_ns + 10**9))
    write_log(data, day(9), bridge(31, 12, difficulty=(2, 9), flags=(("cramp",), ())))
    (data / "sessions" / "2024-01-02" / "new-but-broken.toml").write_text("schema = 2\n")
    assert as_shown(from_index(data)) == as_shown(files_report(data))
    for path in paths[20:]:
        path.unlink()
    assert as_shown(from_index(data)) == as_shown(files_report(data))
    connection = open_index(data, history_cache_dir())
    assert connection is not None
    try:  # the counts kept per name are the counts of the rows
        kept = connection.execute("SELECT * FROM names ORDER BY name").fetchall()
        counted = connection.execute(
            "SELECT name, COUNT(*), SUM(sides & 3 != 0), SUM(sides & 3 = 3), SUM(sides & 4 != 0)"
            " FROM exercises GROUP BY name ORDER BY name"
        ).fetchall()
        assert kept == counted and len(kept) == 15
    finally:
        connection.close()


def test_the_index_reads_only_what_changed_and_remembers_skipped_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = write_log(data, day(1), bridge(30, 24))
    write_log(data, day(2), bridge(30, 26))
    bad = data / "sessions" / "2026-11-03" / "073000-x.toml"
    bad.parent.mkdir()
    bad.write_bytes(b"schema = 1\n[[result\n")
    folder = tmp_path / "cache"
    connection = open_index(data, folder)
    assert connection is not None
    try:
        found = refresh(connection, data)
        assert found.parsed == 3 and [f for f, _ in found.skipped] == ["sessions/2026-11-03/073000-x.toml"]
        again = refresh(connection, data)
        assert again.parsed == 0 and again.skipped == found.skipped
        stat = first.stat()
        os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000))  # touched only
        assert refresh(connection, data).parsed == 1
        first.unlink()
        assert refresh(connection, data).parsed == 0
        assert connection.execute("SELECT COUNT(*) FROM logs").fetchone()[0] == 2
        assert connection.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    finally:
        connection.close()
    assert bad.read_bytes() == b"schema = 1\n[[result\n"


def test_a_file_that_fails_midway_leaves_none_of_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    write_log(data, day(1), bridge(30, 24))
    connection = open_index(data, tmp_path / "cache")
    assert connection is not None
    try:
        refresh(connection, data)
        write_log(data, day(2), bridge(28, 27))
        real = indexing.record_rows

        def half(log: int, record: object, file: str) -> dict[str, list[tuple[object, ...]]]:
            rows = real(log, record, file)  # type: ignore[arg-type]
            connection.execute(
                "INSERT INTO sessions VALUES (?, 0, '', '', '', '', 1, 1, 1, NULL, NULL)", (log,)
            )
            raise RuntimeError(f"stopped after {len(rows)} tables")

        monkeypatch.setattr(indexing, "record_rows", half)
        with pytest.raises(RuntimeError):
            refresh(connection, data)
        counts = [connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("logs", "sessions")]
        assert counts == [1, 1]
        monkeypatch.setattr(indexing, "record_rows", real)
        assert refresh(connection, data).parsed == 1
    finally:
        connection.close()


def test_a_folder_without_sessions_makes_no_index(tmp_path: Path) -> None:
    assert history_report(tmp_path / "nowhere").sessions == 0
    assert not history_cache_dir().exists() or not list(history_cache_dir().iterdir())


def test_a_log_name_the_index_cannot_hold_sends_history_to_the_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_log(data, day(1), bridge(30, 24))
    odd = data / "sessions" / "2026-11-02"
    odd.mkdir()
    (odd / os.fsdecode(b"\xff-odd.toml")).write_text(
        (data / "sessions" / "2026-11-01").glob("*").__next__().read_text()
    )
    assert as_shown(history_report(data, series=True)) == as_shown(files_report(data))
