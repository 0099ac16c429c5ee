"""FIT files of hand-written logs (tests/data/fit/): both decoders read back the logs' own sets.

Each expected set below is read off its log by hand: a hold or time lasts its logged seconds; a
rep is 3 s (the plan's assumption), cut at the next side's known start or the session's end;
sides without started_at are spread evenly from the session's start to its end.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hamtimer.core.history.fit_export import (
    FolderError,
    Outcome,
    default_folder,
    export_logs,
    export_session,
    prepare_folder,
)
from tests.support.fit_files import DecodedSet, fitdecode_messages, garmin_messages, read_sets

DATA = Path(__file__).parents[1] / "data" / "fit"

Want = tuple[str, float, int | None, str | None]
"""An active set: its start (ISO, with offset), seconds, repetitions and FIT exercise."""

EXPECTED: dict[str, tuple[str, list[Want]]] = {
    "old-bridge.toml": (
        "2026-11-22-073000-bridge-progression.fit",
        [  # 600 s, 96.4 s of work: three rests of 167.867 s
            ("2026-11-22T07:30:00+01:00", 20.0, None, "hip_raise.hip_raise"),
            ("2026-11-22T07:33:08+01:00", 30.0, None, "hip_raise.single_leg_hip_raise"),
            ("2026-11-22T07:36:26+01:00", 22.4, None, "hip_raise.single_leg_hip_raise"),
            ("2026-11-22T07:39:36+01:00", 24.0, 8, "leg_curl.sliding_leg_curl"),
        ],
    ),
    "new-runners-six.toml": (
        "2026-12-01-180000-runners-six.fit",
        [
            ("2026-12-01T18:00:05+01:00", 30.0, None, "warm_up.standing_hamstring_stretch"),
            ("2026-12-01T18:00:45+01:00", 27.5, None, "warm_up.standing_hamstring_stretch"),
            ("2026-12-01T18:01:45+01:00", 33.0, 11, "leg_curl.swiss_ball_hip_raise_and_leg_curl"),
            ("2026-12-01T18:03:00+01:00", 15.0, 5, "leg_curl.leg_curl"),
            ("2026-12-01T18:03:20+01:00", 60.0, None, "unknown"),  # in no program: unknown
            ("2026-12-01T18:05:00+01:00", 36.0, 12, "leg_raise.lying_straight_leg_raise"),
            ("2026-12-01T18:06:00+01:00", 30.0, 12, "leg_raise.lying_straight_leg_raise"),  # cut at the end
        ],
    ),
    "stopped.toml": (
        "2026-12-02-070000-bridge-progression.fit",
        [
            ("2026-12-02T07:00:05-05:00", 25.0, None, "hip_raise.hip_raise"),
            ("2026-12-02T07:01:00-05:00", 18.3, None, "hip_raise.single_leg_hip_raise"),
        ],
    ),
    "both-legs.toml": (
        "2026-10-03-171000-garage.fit",
        [  # 600 s, 122 s of work (a distance is 20 s): three rests of 159.333 s
            ("2026-10-03T17:10:00+02:00", 30.0, 10, "deadlift.romanian_deadlift"),
            ("2026-10-03T17:13:09+02:00", 27.0, 9, "deadlift.romanian_deadlift"),
            ("2026-10-03T17:16:16+02:00", 45.0, None, "squat"),
            ("2026-10-03T17:19:40+02:00", 20.0, None, "carry.farmers_walk"),
        ],
    ),
    "reps.toml": (
        "2026-12-03-063000-speed-circuit.fit",
        [  # right first, by started_at
            ("2026-12-03T06:30:05+00:00", 24.0, 8, "deadlift.single_leg_romanian_deadlift_with_dumbbell"),
            ("2026-12-03T06:31:10+00:00", 21.0, 7, "deadlift.single_leg_romanian_deadlift_with_dumbbell"),
            ("2026-12-03T06:32:00+00:00", 24.0, 8, "deadlift.single_leg_romanian_deadlift_with_dumbbell"),
            ("2026-12-03T06:33:00+00:00", 19.5, 6, "deadlift.single_leg_romanian_deadlift_with_dumbbell"),
        ],
    ),
    "holds.toml": (
        "2026-09-14-190000-speed-circuit.fit",
        [  # right first (side_order), 300 s with 158.3 s of work: rests of 47.233 s
            ("2026-09-14T19:00:00+02:00", 38.0, None, "hip_stability.quadruped_hip_extension"),
            ("2026-09-14T19:01:25+02:00", 41.2, None, "hip_stability.quadruped_hip_extension"),
            ("2026-09-14T19:02:54+02:00", 44.1, None, "hip_stability.quadruped_hip_extension"),
            ("2026-09-14T19:04:25+02:00", 35.0, None, "hip_stability.quadruped_hip_extension"),
        ],
    ),
    "cut-off.toml": (
        "2026-08-01-080000-bridge-progression.fit",
        [  # running, no end: 30 s apart
            ("2026-08-01T08:00:00+02:00", 30.0, None, "hip_raise.single_leg_hip_raise"),
            ("2026-08-01T08:01:00+02:00", 30.0, None, "hip_raise.single_leg_hip_raise"),
        ],
    ),
}
UNUSABLE = {
    "corrupt.toml": "not valid TOML",
    "other-schema.toml": "unknown schema 2",
    "no-results.toml": "no results to export",
}


def export(tmp_path: Path, *names: str, force: bool = False) -> list[tuple[Outcome, Path | None, str | None]]:
    folder = tmp_path / "fit"
    prepare_folder(folder)
    done = export_logs([DATA / name for name in names], folder, force=force)
    return [(d.outcome, d.path, d.reason) for d in done]


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.mark.parametrize("log", sorted(EXPECTED))
def test_each_log_decodes_with_both_decoders_to_its_own_sets(tmp_path: Path, log: str) -> None:
    name, wanted = EXPECTED[log]
    ((outcome, path, _),) = export(tmp_path, log)
    assert outcome is Outcome.WRITTEN and path == tmp_path / "fit" / name
    sets = read_sets(path)
    active = [s for s in sets if s.kind == "active"]
    assert [(s.start, s.duration, s.repetitions, s.exercise) for s in active] == [
        (moment(start), seconds, reps, exercise) for start, seconds, reps, exercise in wanted
    ]
    rests = [s for s in sets if s.kind == "rest"]
    assert [s.kind for s in sets] == ["active", "rest"] * (len(active) - 1) + ["active"]
    for rest, before, after in zip(rests, active[:-1], active[1:], strict=True):
        assert rest.repetitions is None and rest.exercise is None
        assert abs(rest.start - before.start - timedelta(seconds=before.duration)) <= timedelta(seconds=1)
        assert abs(rest.duration - (after.start - before.start).total_seconds() + before.duration) < 1.001


def test_the_messages_follow_garmins_activity_recipe(tmp_path: Path) -> None:
    ((_, path, _),) = export(tmp_path, "new-runners-six.toml")
    assert path is not None
    found = fitdecode_messages(path)
    names = [name for name, _ in found]
    assert names == ["file_id", "event"] + ["set"] * 13 + ["event", "lap", "session", "activity"]
    fields = dict(found[:2] + found[-4:])
    assert fields["file_id"]["type"] == "activity" and fields["file_id"]["manufacturer"] == "development"
    assert fields["file_id"]["product_name"] == "hamtimer"
    assert found[1][1]["event"] == "timer" and found[1][1]["event_type"] == "start"
    assert found[-4][1]["event"] == "timer" and found[-4][1]["event_type"] == "stop"
    messages = garmin_messages(path.read_bytes())
    (session,) = messages["session_mesgs"]
    assert (session["sport"], session["sub_sport"]) == ("training", "strength_training")
    assert session["start_time"] == moment("2026-12-01T18:00:00+01:00")
    assert session["total_elapsed_time"] == session["total_timer_time"] == 390.0  # 18:00:00 to 18:06:30
    (lap,) = messages["lap_mesgs"]
    assert lap["start_time"] == session["start_time"] and lap["total_elapsed_time"] == 390.0
    (activity,) = messages["activity_mesgs"]
    assert activity["num_sessions"] == 1
    local = datetime(1989, 12, 31) + timedelta(seconds=activity["local_timestamp"])  # FIT's local time
    assert local == datetime(2026, 12, 1, 18, 6, 30)  # the session's own offset, +01:00


def test_a_crashed_log_ends_with_its_last_set(tmp_path: Path) -> None:
    ((_, path, _),) = export(tmp_path, "cut-off.toml")
    assert path is not None
    (session,) = garmin_messages(path.read_bytes())["session_mesgs"]
    assert session["total_elapsed_time"] == 90.0


@pytest.mark.parametrize("log", sorted(UNUSABLE))
def test_an_unusable_log_is_skipped_with_its_reason_and_writes_nothing(tmp_path: Path, log: str) -> None:
    ((outcome, path, reason),) = export(tmp_path, log)
    assert outcome is Outcome.SKIPPED and path is None
    assert reason is not None and UNUSABLE[log] in reason
    assert list((tmp_path / "fit").iterdir()) == []


def test_a_file_already_there_is_kept_unless_forced(tmp_path: Path) -> None:
    ((_, path, _),) = export(tmp_path, "stopped.toml")
    assert path is not None
    path.write_bytes(b"mine")
    assert export(tmp_path, "stopped.toml") == [(Outcome.KEPT, path, None)]
    assert path.read_bytes() == b"mine"
    assert export(tmp_path, "stopped.toml", force=True) == [(Outcome.WRITTEN, path, None)]
    assert read_sets(path)[0].duration == 25.0


def test_files_are_private_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = default_folder(data)
    prepare_folder(folder, data)
    done = list(export_logs([DATA / n for n in EXPECTED], folder))
    assert {d.outcome for d in done} == {Outcome.WRITTEN}
    for level in (data, data / "exports", folder):
        assert stat.S_IMODE(level.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert not path.name.startswith(".")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_write_that_fails_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "fit"
    prepare_folder(folder)
    real = os.write

    def half(descriptor: int, data: bytes | memoryview) -> int:
        real(descriptor, bytes(data)[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", half)
    with pytest.raises(FolderError, match="No space left on device"):
        list(export_logs([DATA / "stopped.toml"], folder))
    assert list(folder.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(FolderError) as raised:
        prepare_folder(blocker / "fit")
    assert str(raised.value) == f"{blocker / 'fit'}: cannot write FIT files there (Not a directory)"


def test_since_leaves_out_older_sessions_by_their_folder_day(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for day, log in (("2026-11-22", "old-bridge.toml"), ("2026-12-01", "new-runners-six.toml")):
        (data / "sessions" / day).mkdir(parents=True)
        (data / "sessions" / day / log).write_bytes((DATA / log).read_bytes())
    folder = tmp_path / "fit"
    prepare_folder(folder)
    logs = sorted((data / "sessions").glob("*/*.toml"))
    done = list(export_logs(logs, folder, since=datetime(2026, 11, 23).date()))
    assert [d.path.name for d in done if d.path] == ["2026-12-01-180000-runners-six.fit"]
    named = list(export_logs([DATA / "old-bridge.toml"], folder, since=datetime(2026, 11, 23).date()))
    assert named == []


def test_two_sessions_in_one_second_get_two_files(tmp_path: Path) -> None:
    day = tmp_path / "sessions" / "2026-12-02"
    day.mkdir(parents=True)
    for name in ("070000-bridge-progression.toml", "070000-bridge-progression-2.toml"):
        (day / name).write_bytes((DATA / "stopped.toml").read_bytes())
    other = tmp_path / "copy.toml"
    other.write_bytes((DATA / "stopped.toml").read_bytes())
    folder = tmp_path / "fit"
    prepare_folder(folder)
    done = list(export_logs([*sorted(day.iterdir()), other], folder))
    assert [d.path.name for d in done if d.path] == [
        "2026-12-02-070000-bridge-progression-2.fit",  # the journal's -2 is kept
        "2026-12-02-070000-bridge-progression.fit",
        "2026-12-02-070000-bridge-progression-3.fit",  # a third log of the same second
    ]


def test_after_a_session_the_file_is_written_again_and_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    line = export_session(DATA / "stopped.toml", data)
    path = default_folder(data) / "2026-12-02-070000-bridge-progression.fit"
    assert line == f"FIT file: {path}"
    path.write_bytes(b"old")
    assert export_session(DATA / "stopped.toml", data) == line
    assert [s.duration for s in read_sets(path) if s.kind == "active"] == [25.0, 18.3]


def test_after_a_session_a_failure_is_a_line_and_the_log_is_untouched(tmp_path: Path) -> None:
    log = tmp_path / "log.toml"
    log.write_bytes((DATA / "stopped.toml").read_bytes())
    before = log.stat()
    (tmp_path / "data").write_text("not a folder")
    line = export_session(log, tmp_path / "data")
    assert line == (
        f"FIT file not written: {tmp_path / 'data' / 'exports' / 'fit'}: cannot write FIT files there "
        f"(File exists: {tmp_path / 'data'})"
    )
    assert log.read_bytes() == (DATA / "stopped.toml").read_bytes() and log.stat().st_mtime == before.st_mtime
    assert export_session(DATA / "no-results.toml", tmp_path / "ok") == (
        "FIT file not written: no results to export"
    )


def test_without_the_sdk_the_hint_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "garmin_fit_sdk", None)
    line = export_session(DATA / "stopped.toml", tmp_path / "data")
    assert line == (
        "FIT file not written: FIT export needs Garmin's FIT SDK: "
        "pip install 'hamtimer[fit]' (or pip install garmin-fit-sdk)"
    )


def test_decoded_sets_compare_by_value() -> None:
    """The helper's own check: two decoders that disagree would fail read_sets."""
    one = DecodedSet("active", moment("2026-01-01T00:00:00Z"), 1.0, None, None)
    assert one != DecodedSet("active", moment("2026-01-01T00:00:00Z"), 1.5, None, None)


def test_values_fit_cannot_hold_skip_the_log_instead_of_wrapping_round(tmp_path: Path) -> None:
    """The SDK writes what it is given modulo 2**32: a 1e9 s hold or a 1980 session must not pass."""
    text = (DATA / "stopped.toml").read_text()
    (tmp_path / "long.toml").write_text(text.replace("seconds = 25.0", "seconds = 1e9"))
    (tmp_path / "early.toml").write_text(text.replace("2026-12-02T07:00:00-05:00", "1980-01-01T00:00:00Z"))
    folder = tmp_path / "fit"
    prepare_folder(folder)
    done = list(export_logs([tmp_path / "long.toml", tmp_path / "early.toml"], folder))
    assert [(d.outcome, d.reason) for d in done] == [
        (
            Outcome.SKIPPED,
            "cannot be written as FIT: it lasts 1000000023 s or ends too late for FIT (49 days at most)",
        ),
        (
            Outcome.SKIPPED,
            "cannot be written as FIT: it starts on 1980-01-01, before FIT's first day (1989-12-31)",
        ),
    ]
    assert list(folder.iterdir()) == []


def test_an_older_log_of_a_program_of_yours_finds_it_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`hamtimer run mine` logs program_file = "mine": the program is found among yours by its name."""
    (tmp_path / "config" / "programs").mkdir(parents=True)
    (tmp_path / "config" / "programs" / "mine.toml").write_text(
        '[program]\nname = "Garage"\n[[block]]\n[[block.exercise]]\nname = "Romanian deadlift"\n'
        'reps = 10\nfit = "deadlift.romanian_deadlift"\n'
    )
    monkeypatch.setenv("HAMTIMER_CONFIG_DIR", str(tmp_path / "config"))
    text = (
        (DATA / "both-legs.toml")
        .read_text()
        .replace('program_file = "/nowhere/garage.toml"', 'program_file = "mine"')
    )
    (tmp_path / "log.toml").write_text(text.replace('fit = "deadlift.romanian_deadlift"\n', ""))
    folder = tmp_path / "fit"
    prepare_folder(folder)
    (done,) = export_logs([tmp_path / "log.toml"], folder)
    assert done.path is not None
    exercises = [s.exercise for s in read_sets(done.path) if s.kind == "active"]
    assert exercises == [
        "deadlift.romanian_deadlift",
        "deadlift.romanian_deadlift",
        "squat",
        "carry.farmers_walk",
    ]


MIXED = """\
schema = 1
program = "Bridge progression"
started = 2026-12-06T08:00:00+01:00
ended = 2026-12-06T08:05:00+01:00
status = "completed"

[[result]]
exercise = "Single-leg bridge"
work = "hold"
fit = "hip_raise.single_leg_hip_raise"

[result.left]
step = 1
seconds = 30.0

[result.right]
step = 3
seconds = 30.0

[[result]]
exercise = "Double-leg hamstring pull"
work = "reps"
fit = "leg_curl.sliding_leg_curl"

[result.both]
step = 5
started_at = 2026-12-06T08:03:00+01:00
reps = 10
"""


def test_sides_without_a_time_are_spread_up_to_the_next_known_one(tmp_path: Path) -> None:
    """An older log gone on with by a newer hamtimer: the two sides before the known start share
    the 180 s up to it, rests included (60 s of work, two rests of 60 s)."""
    (tmp_path / "mixed.toml").write_text(MIXED)
    folder = tmp_path / "fit"
    prepare_folder(folder)
    (done,) = export_logs([tmp_path / "mixed.toml"], folder)
    assert done.path is not None
    active = [(s.start, s.duration, s.repetitions) for s in read_sets(done.path) if s.kind == "active"]
    assert active == [
        (moment("2026-12-06T08:00:00+01:00"), 30.0, None),
        (moment("2026-12-06T08:01:30+01:00"), 30.0, None),
        (moment("2026-12-06T08:03:00+01:00"), 30.0, 10),
    ]
