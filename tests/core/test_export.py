"""`history --csv`: one row per side per result, read back with the csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hamtimer.core.history.export import COLUMNS, write_csv
from tests.support.logs import BRIDGE, bridge, day, result, side, write_log


def export(data_dir: Path) -> tuple[list[dict[str, str]], list[tuple[str, str]], str]:
    out = io.StringIO()
    skipped, _rows = write_csv(data_dir, out)
    text = out.getvalue()
    return list(csv.DictReader(io.StringIO(text))), skipped, text


def test_header_only_when_there_is_nothing(tmp_path: Path) -> None:
    rows, skipped, text = export(tmp_path)
    assert rows == [] and skipped == []
    assert text.splitlines() == [",".join(COLUMNS)]


def test_every_side_of_every_result_is_a_row(tmp_path: Path) -> None:
    write_log(
        tmp_path,
        day(1),
        bridge(30, 24.5, set=1, difficulty=(6, 8), flags=(("hip drop",), ("cramp", "hip drop"))),
        bridge(30, 22, set=2),
        result("Hamstring curl", "reps", target=10, block=None, both=side(9, 10, completed=False)),
        result("Walking lunge", "distance", distance="20 m", left=side(None, 5), right=side(None, 6)),
    )
    rows, skipped, _ = export(tmp_path)
    assert skipped == []
    assert [(r["exercise"], r["set"], r["side"]) for r in rows] == [
        (BRIDGE, "1", "left"), (BRIDGE, "1", "right"),
        (BRIDGE, "2", "left"), (BRIDGE, "2", "right"),
        ("Hamstring curl", "1", "both"),
        ("Walking lunge", "1", "left"), ("Walking lunge", "1", "right"),
    ]  # fmt: skip
    first = rows[0]
    assert first["file"] == "sessions/2026-11-01/073000-bridge-progression.toml"
    assert first["started"] == "2026-11-01T07:30:00+01:00"
    assert (first["program"], first["status"], first["block"], first["work"], first["target"]) == (
        "Bridge progression", "completed", "Bridges", "hold", "30",
    )  # fmt: skip
    assert (float(first["seconds"]), first["difficulty"], first["flags"], first["completed"]) == (
        30.0, "6", "hip drop", "true",
    )  # fmt: skip
    assert rows[1]["flags"].split(";") == ["cramp", "hip drop"]
    assert float(rows[1]["seconds"]) == 24.5
    assert (rows[2]["difficulty"], rows[2]["flags"]) == ("", "")
    curl = rows[4]
    assert (curl["block"], curl["reps"], curl["seconds"], curl["difficulty"], curl["completed"]) == (
        "", "9", "", "10", "false",
    )  # fmt: skip
    lunge = rows[5]
    assert (lunge["work"], lunge["seconds"], lunge["reps"], lunge["difficulty"]) == ("distance", "", "", "5")


def test_awkward_text_reads_back_unchanged(tmp_path: Path) -> None:
    name = 'Nordic, "eccentric"\ncurl é'
    write_log(tmp_path, day(1), result(name, "reps", load="band, red", both=side(4)), program="Prog; 1")
    rows, _, _ = export(tmp_path)
    (row,) = rows
    assert row["exercise"] == name
    assert row["load"] == "band, red"
    assert row["program"] == "Prog; 1"


def test_unusable_files_are_skipped_with_a_reason_and_untouched(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 24))
    broken = tmp_path / "sessions" / "2026-11-02" / "073000-x.toml"
    broken.parent.mkdir()
    broken.write_bytes(b"schema = 1\n[[result]\n")
    future = write_log(tmp_path, day(3), bridge(1, 1), schema=2)
    future_bytes = future.read_bytes()
    rows, skipped, _ = export(tmp_path)
    assert len(rows) == 2
    assert [file for file, _ in skipped] == [
        "sessions/2026-11-02/073000-x.toml",
        "sessions/2026-11-03/073000-bridge-progression.toml",
    ]
    assert "TOML" in skipped[0][1] and "schema 2" in skipped[1][1]
    assert broken.read_bytes() == b"schema = 1\n[[result]\n" and future.read_bytes() == future_bytes


def test_rows_follow_the_files_in_date_order(tmp_path: Path) -> None:
    write_log(tmp_path, day(12), bridge(12, 12))
    write_log(tmp_path, day(2), bridge(2, 2))
    write_log(tmp_path, day(2, hour=18), bridge(3, 3))
    rows, _, _ = export(tmp_path)
    assert [float(r["seconds"]) for r in rows if r["side"] == "left"] == [2.0, 3.0, 12.0]
