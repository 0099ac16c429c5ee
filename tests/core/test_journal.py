"""The session log on disk: DESIGN.md's schema, atomic rewrites, private files, failing disks, resuming.

A session is driven with the engine on a fake clock, and every batch of events goes through
`follow`, as the app does; the file is read back with tomllib after each step that matters.
"""

from __future__ import annotations

import errno
import os
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.history.sessions import collect
from hamtimer.core.log.journal import Journal, SessionLog, follow, new_session_path, restore
from hamtimer.core.log.logfile import from_document
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Event
from hamtimer.core.session.plan import Plan, WorkStep, build_plan
from hamtimer.core.storage import slug, write_atomic
from tests.support.programs import data_text

PROGRAM = data_text("journal-test.toml")
"""Steps: 0 prepare, 1 left set 1, 2 rest, 3 right set 1, 4 rest, 5 left set 2, 6 rest, 7 right set 2,
8 rest, 9 the curl (both legs). From the start: prepare 0-5, left 5-35, rest 35-45, right 45-75."""

T0 = 1000.0
STARTED = datetime(2026, 11, 22, 7, 30, 0).astimezone()


def make_plan(text: str = PROGRAM) -> Plan:
    return build_plan(parse_program(text, "programs/journal-test.toml"))


class Driver:
    """An engine on a fake clock whose every batch of events goes to the journal, as in the app."""

    def __init__(self, data_dir: Path, plan: Plan | None = None, started: datetime = STARTED) -> None:
        self.plan = plan or make_plan()
        self.clock = FakeClock(T0)
        self.engine = Engine(self.plan, self.clock)
        self.journal = Journal(SessionLog(self.plan, "programs/journal-test.toml", started=started), data_dir)
        self.events: list[Event] = []
        self.saves = 0
        """Saves that reached the disk."""

    def __call__(self, command: Callable[[], list[Event]], at: float | None = None) -> list[Event]:
        """Run an engine command (with the clock at T0 + `at`), hand its events to the journal."""
        if at is not None:
            self.clock.now = T0 + at
        events = command()
        self.events += events
        if follow(self.journal, self.engine, events) and self.journal.error is None:
            self.saves += 1
        return events

    def at(self, seconds: float) -> list[Event]:
        return self(self.engine.tick, seconds)

    def doc(self) -> dict[str, Any]:
        assert self.journal.path is not None
        with self.journal.path.open("rb") as handle:
            return tomllib.load(handle)


def sides(doc: dict[str, Any]) -> dict[tuple[str, int, str], dict[str, Any]]:
    """(exercise, set, side) -> the side's table, without our `step` and `started_at` extensions."""
    found = {}
    for table in doc.get("result", []):
        for name in ("left", "right", "both"):
            if name in table:
                entry = {k: v for k, v in table[name].items() if k not in ("step", "started_at")}
                found[(table["exercise"], table["set"], name)] = entry
    return found


def full_session(d: Driver) -> None:
    """Left 30 s rated 6 with a hip drop, right ended at 15 s rated 8 with a cramp, set 2 unrated,
    then 9 curls ended by enter and rated 7 after the end."""
    d(d.engine.start, 0)
    d.at(35)
    d(lambda: d.engine.rate(6), 36)
    d(lambda: d.engine.toggle_check("hip drop"), 37)
    d(d.engine.end_step, 60)  # right side ended at 15 s
    d(lambda: d.engine.rate(8), 62)
    d(lambda: d.engine.toggle_check("cramp"), 63)
    d.at(180)  # rest 60-80, left 80-110, rest 110-120, right 120-150, rest 150-180: the curl starts
    for second in range(181, 190):
        d(d.engine.count_rep, second)
    d(d.engine.end_step, 191)
    d(lambda: d.engine.rate(7), 195)


# ----- the document


def test_a_whole_session_is_written_in_designs_schema(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    full_session(d)
    assert d.engine.status is Status.FINISHED
    doc = d.doc()
    assert {k: v for k, v in doc.items() if k != "result"} == {
        "schema": 1,
        "program": "Journal test",
        "program_file": "programs/journal-test.toml",
        "started": STARTED,
        "ended": doc["ended"],
        "status": "completed",
        "side_order": "left-first",
    }
    assert isinstance(doc["ended"], datetime) and doc["ended"].tzinfo is not None
    assert abs(doc["ended"] - datetime.now().astimezone()) < timedelta(minutes=1)  # when it ended, for real
    heads = [
        {k: v for k, v in table.items() if k not in ("left", "right", "both")} for table in doc["result"]
    ]
    bridge_head = {
        "exercise": "Single-leg bridge", "block": "Bridges", "round": 1, "work": "hold", "target": 30,
        "load": "bodyweight", "goal": {"hold": 30, "sessions": 2},
    }  # fmt: skip
    assert heads == [
        {**bridge_head, "set": 1},
        {**bridge_head, "set": 2},
        {"exercise": "Hamstring curl", "block": "Bridges", "set": 1, "round": 1, "work": "reps",
         "target": 10, "minimum": 8},
    ]  # fmt: skip
    assert sides(doc) == {
        ("Single-leg bridge", 1, "left"): {
            "seconds": 30.0,
            "difficulty": 6,
            "flags": ["hip drop"],
            "completed": True,
        },
        ("Single-leg bridge", 1, "right"): {
            "seconds": 15.0,
            "difficulty": 8,
            "flags": ["cramp"],
            "completed": False,
        },
        ("Single-leg bridge", 2, "left"): {"seconds": 30.0, "flags": [], "completed": True},
        ("Single-leg bridge", 2, "right"): {"seconds": 30.0, "flags": [], "completed": True},
        ("Hamstring curl", 1, "both"): {"reps": 9, "difficulty": 7, "completed": True},
    }
    steps = [table[s]["step"] for table in doc["result"] for s in ("left", "right", "both") if s in table]
    assert steps == [1, 3, 5, 7, 9]


def test_the_file_follows_the_session_side_by_side(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    doc = d.doc()
    assert doc["status"] == "running" and "ended" not in doc and doc.get("result", []) == []
    d.at(20)
    assert d.doc().get("result", []) == []  # the hold in progress is not recorded
    d.at(35)
    assert sides(d.doc()) == {
        ("Single-leg bridge", 1, "left"): {"seconds": 30.0, "flags": [], "completed": True}
    }
    d(lambda: d.engine.rate(9), 40)
    assert sides(d.doc())[("Single-leg bridge", 1, "left")]["difficulty"] == 9
    d(lambda: d.engine.toggle_check("cramp"), 41)
    assert sides(d.doc())[("Single-leg bridge", 1, "left")]["flags"] == ["cramp"]
    d(lambda: d.engine.toggle_check("cramp"), 42)
    assert sides(d.doc())[("Single-leg bridge", 1, "left")]["flags"] == []
    d.at(75)
    assert set(sides(d.doc())) == {("Single-leg bridge", 1, "left"), ("Single-leg bridge", 1, "right")}
    assert d.doc()["status"] == "running"


def test_pauses_and_rest_changes_do_not_rewrite_the_file(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    saves = d.saves
    d(d.engine.toggle_pause, 10)
    d(d.engine.toggle_pause, 12)
    d.at(20)
    assert d.saves == saves
    d.at(37)
    assert d.saves == saves + 1  # the side done


def test_back_takes_the_side_back_out_of_the_file(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d.at(35)
    d(lambda: d.engine.rate(6), 36)
    d(d.engine.back, 38)  # during the rest: back to the left side
    assert d.engine.index == 1
    assert d.doc().get("result", []) == []
    d.at(38 + 30)
    assert sides(d.doc()) == {
        ("Single-leg bridge", 1, "left"): {"seconds": 30.0, "flags": [], "completed": True}
    }


def test_stop_marks_the_log_stopped_and_keeps_what_was_done(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d.at(35)
    d(lambda: d.engine.rate(7), 36)
    d.at(60)  # the right side is under way
    d(d.engine.stop, 61)
    doc = d.doc()
    assert doc["status"] == "stopped"
    assert isinstance(doc["ended"], datetime)
    assert sides(doc) == {
        ("Single-leg bridge", 1, "left"): {"seconds": 30.0, "difficulty": 7, "flags": [], "completed": True}
    }


def test_skipped_steps_are_not_recorded(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d(d.engine.skip, 1)  # the prepare
    d(d.engine.skip, 2)  # the left side
    d.at(2 + 10 + 30)
    assert set(sides(d.doc())) == {("Single-leg bridge", 1, "right")}


# ----- files and folders


def test_files_are_0600_and_folders_0700_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = os.umask(0)
    try:
        d = Driver(data)
        full_session(d)
    finally:
        os.umask(old)
    path = d.journal.path
    assert path is not None
    assert path == data / "sessions" / "2026-11-22" / "073000-journal-test.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    for folder in (data, data / "sessions", path.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_an_existing_open_sessions_folder_is_made_private(tmp_path: Path) -> None:
    (tmp_path / "sessions").mkdir(mode=0o755)
    os.chmod(tmp_path / "sessions", 0o755)
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    assert (tmp_path / "sessions").stat().st_mode & 0o777 == 0o700


def test_two_sessions_started_the_same_second_get_two_files(tmp_path: Path) -> None:
    first, second = Driver(tmp_path), Driver(tmp_path)
    first(first.engine.start, 0)
    second(second.engine.start, 0)
    assert first.journal.path is not None and second.journal.path is not None
    assert first.journal.path.name == "073000-journal-test.toml"
    assert second.journal.path.name == "073000-journal-test-2.toml"
    first.at(35)
    first(lambda: first.engine.rate(3), 36)
    second.at(35)
    second(lambda: second.engine.rate(9), 36)
    assert sides(first.doc())[("Single-leg bridge", 1, "left")]["difficulty"] == 3
    assert sides(second.doc())[("Single-leg bridge", 1, "left")]["difficulty"] == 9


def test_new_session_path_reserves_a_free_name(tmp_path: Path) -> None:
    paths = [new_session_path(tmp_path, STARTED, "Runner's six") for _ in range(3)]
    assert [p.name for p in paths] == [
        "073000-runners-six.toml",
        "073000-runners-six-2.toml",
        "073000-runners-six-3.toml",
    ]
    assert all(p.exists() and p.stat().st_mode & 0o777 == 0o600 for p in paths)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bridge progression", "bridge-progression"),
        ("Runner's six", "runners-six"),
        ("Ischio / Jambes é", "ischio-jambes-e"),
        ("../../etc", "etc"),
        ("***", "program"),
    ],
)
def test_file_names_are_safe_slugs(name: str, expected: str) -> None:
    assert slug(name) == expected


# ----- atomic rewrites


REAL_WRITE, REAL_OPEN = os.write, os.open
"""The os functions a test replaces (os.write, os.replace, os.open), for the fakes to call through."""


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "log.toml"
    path.write_bytes(b"old")
    write_atomic(path, b"new contents")
    assert path.read_bytes() == b"new contents"
    assert leftovers(tmp_path) == []


def test_a_write_failing_midway_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "log.toml"
    path.write_bytes(b"schema = 1\nold = true\n")
    written: list[int] = []

    def write_then_fail(fd: int, data: bytes) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(REAL_WRITE(fd, bytes(data[:10])))
        return written[-1]

    monkeypatch.setattr(os, "write", write_then_fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"schema = 1\n" + b"new = true\n" * 100)
    assert written == [10]
    assert path.read_bytes() == b"schema = 1\nold = true\n"
    assert leftovers(tmp_path) == []


def test_a_failing_rename_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.toml"
    path.write_bytes(b"old")

    def refuse(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_failed_rewrite_during_a_session_keeps_the_last_good_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d.at(35)
    good = d.doc()

    def no_space(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    d(lambda: d.engine.rate(6), 36)
    assert d.journal.error is not None and "No space left" in d.journal.error
    assert d.doc() == good  # still the file as it was, whole
    monkeypatch.undo()
    d.at(75)
    assert d.journal.error is None
    assert sides(d.doc())[("Single-leg bridge", 1, "left")]["difficulty"] == 6


# ----- a folder that cannot be written


def record_two_sides(d: Driver) -> None:
    d(d.engine.start, 0)
    d.at(35)
    d(lambda: d.engine.rate(6), 36)
    d(lambda: d.engine.toggle_check("hip drop"), 37)
    d.at(75)
    d(lambda: d.engine.rate(8), 76)


EXPECTED_TWO_SIDES = {
    ("Single-leg bridge", 1, "left"): {
        "seconds": 30.0,
        "difficulty": 6,
        "flags": ["hip drop"],
        "completed": True,
    },
    ("Single-leg bridge", 1, "right"): {"seconds": 30.0, "difficulty": 8, "flags": [], "completed": True},
}


def chmod_denies_writing(tmp_path: Path) -> bool:
    """Whether a 0500 folder stops this process writing (not for root with CAP_DAC_OVERRIDE)."""
    probe = tmp_path / "probe"
    probe.mkdir()
    os.chmod(probe, 0o500)
    try:
        (probe / "x").write_text("")
    except PermissionError:
        return True
    finally:
        os.chmod(probe, 0o700)
    return False


def test_a_sessions_folder_made_read_only_mid_session(tmp_path: Path) -> None:
    if not chmod_denies_writing(tmp_path):
        pytest.skip("this process writes into 0500 folders anyway (root): see the os.open and file tests")
    d = Driver(tmp_path / "data")
    d(d.engine.start, 0)
    assert d.journal.path is not None
    folder = d.journal.path.parent
    os.chmod(folder, 0o500)
    try:
        d.at(35)
        d(lambda: d.engine.rate(6), 36)
        d(lambda: d.engine.toggle_check("hip drop"), 37)
        d.at(75)
        d(lambda: d.engine.rate(8), 76)
        assert d.journal.error is not None and "Permission denied" in d.journal.error
        assert d.engine.status is Status.RUNNING
        assert len(d.journal.log.results) == 2
        assert d.doc().get("result", []) == []  # the file as first written, whole
    finally:
        os.chmod(folder, 0o700)
    d(d.engine.stop, 81)
    assert d.journal.error is None
    assert sides(d.doc()) == EXPECTED_TWO_SIDES
    assert leftovers(folder) == []


def test_a_data_folder_under_a_file_fails_then_recovers(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    d = Driver(blocker / "data")
    record_two_sides(d)
    assert d.journal.error is not None and "Not a directory" in d.journal.error
    assert d.journal.path is None and d.saves == 0
    assert d.engine.status is Status.RUNNING and d.engine.index == 4  # the session goes on
    assert [r.difficulty for r in d.journal.log.results] == [6, 8]  # the log is kept in memory
    blocker.unlink()
    d(d.engine.stop, 80)
    assert d.journal.error is None
    doc = d.doc()
    assert doc["status"] == "stopped"
    assert sides(doc) == EXPECTED_TWO_SIDES


def test_a_folder_that_turns_read_only_mid_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    assert d.journal.path is not None

    def read_only(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return REAL_OPEN(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", read_only)
    d.at(35)
    d(lambda: d.engine.rate(6), 36)
    d(lambda: d.engine.toggle_check("hip drop"), 37)
    d.at(75)
    assert d.journal.error is not None and "Read-only file system" in d.journal.error
    assert d.doc().get("result", []) == []  # the first save is all that reached the disk
    monkeypatch.undo()
    d(lambda: d.engine.rate(8), 76)
    assert d.journal.error is None
    assert sides(d.doc()) == EXPECTED_TWO_SIDES


def test_move_to_writes_everything_to_another_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    d = Driver(blocker / "data")
    record_two_sides(d)
    assert d.journal.error is not None
    elsewhere = tmp_path / "elsewhere"
    assert d.journal.move_to(elsewhere) is True
    assert d.journal.error is None
    assert d.journal.path == elsewhere / "sessions" / "2026-11-22" / "073000-journal-test.toml"
    assert sides(d.doc()) == EXPECTED_TWO_SIDES
    d.at(200)
    d(d.engine.end_step, 201)
    doc = d.doc()
    assert doc["status"] == "completed" and len(sides(doc)) == 5
    assert (elsewhere / "sessions").stat().st_mode & 0o777 == 0o700


def test_move_to_a_folder_that_fails_too_keeps_the_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    d = Driver(blocker / "data")
    record_two_sides(d)
    assert d.journal.move_to(blocker / "other") is False
    assert d.journal.error is not None and len(d.journal.log.results) == 2


def test_a_failed_first_write_leaves_no_empty_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"

    def no_space(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    d = Driver(data)
    record_two_sides(d)
    assert d.journal.error is not None
    monkeypatch.undo()
    assert d.journal.move_to(tmp_path / "elsewhere")
    found = collect(data)
    assert found.skipped == []


# ----- restore: going on with an unfinished session


@contextmanager
def stopped_after_the_first_set(tmp_path: Path) -> Iterator[tuple[Driver, Path, dict[str, Any]]]:
    d = Driver(tmp_path)
    record_two_sides(d)
    d(d.engine.stop, 80)
    assert d.journal.path is not None
    yield d, d.journal.path, d.doc()


def test_restore_gives_the_sides_back_and_resumes_after_the_last(tmp_path: Path) -> None:
    with stopped_after_the_first_set(tmp_path) as (_, path, doc):
        plan = make_plan()
        found = restore(plan, path, from_document(doc))
    assert found is not None
    assert (found.path, found.started, found.status, found.sides_done) == (path, STARTED, "stopped", 2)
    assert found.resume_at == 4  # right after the right side of set 1: the rest between sets
    left, right = found.results[1], found.results[3]
    assert (left.seconds, left.difficulty, left.flags, left.completed) == (30.0, 6, ["hip drop"], True)
    assert (right.seconds, right.difficulty, right.flags, right.completed) == (30.0, 8, [], True)
    assert isinstance(left.step, WorkStep) and left.step is plan.steps[1]


def test_a_resumed_session_finishes_in_the_same_file(tmp_path: Path) -> None:
    with stopped_after_the_first_set(tmp_path) as (_, path, doc):
        plan = make_plan()
        found = restore(plan, path, from_document(doc))
    assert found is not None
    again = Driver(tmp_path, plan)
    again.journal.path = found.path
    again.engine.restore(found.results)
    again(lambda: again.engine.start(from_index=found.resume_at), 0)
    assert again.engine.index == 4
    again.at(20 + 30 + 10 + 30 + 30)  # the rest, both sides of set 2, the rest between exercises
    again(again.engine.end_step, 111)
    doc = again.doc()
    assert doc["status"] == "completed" and doc["started"] == STARTED
    assert (
        sides(doc)[("Single-leg bridge", 1, "left")] == EXPECTED_TWO_SIDES[("Single-leg bridge", 1, "left")]
    )
    assert len(sides(doc)) == 5
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_restore_of_a_running_log_left_by_a_crash(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d.at(35)  # left done, not rated; then the process dies
    assert d.journal.path is not None
    found = restore(make_plan(), d.journal.path, from_document(d.doc()))
    assert found is not None and found.status == "running" and found.resume_at == 2
    assert found.results[1].difficulty is None


def test_restore_of_a_completed_log_is_nothing(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    full_session(d)
    assert d.journal.path is not None
    assert restore(make_plan(), d.journal.path, from_document(d.doc())) is None


def test_restore_when_only_rests_are_left_is_nothing(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d.at(195)
    d(d.engine.end_step, 196)  # the last work step done
    doc = d.doc()
    doc["status"] = "running"  # as if killed before the status was written
    assert d.journal.path is not None
    assert restore(make_plan(), d.journal.path, from_document(doc)) is None


def test_restore_of_a_log_with_nothing_done_is_nothing(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    d(d.engine.start, 0)
    d(d.engine.stop, 3)
    assert d.journal.path is not None
    assert restore(make_plan(), d.journal.path, from_document(d.doc())) is None


def test_restore_keeps_only_sides_that_still_match_the_program(tmp_path: Path) -> None:
    with stopped_after_the_first_set(tmp_path) as (_, path, doc):
        changed = make_plan(PROGRAM.replace('name = "Hamstring curl"', 'name = "Nordic curl"'))
        assert restore(changed, path, from_document(doc)) is not None
        renamed = make_plan(PROGRAM.replace('name = "Single-leg bridge"', 'name = "Glute bridge"'))
        assert restore(renamed, path, from_document(doc)) is None
        doc["result"][0]["right"]["step"] = 999
        found = restore(make_plan(), path, from_document(doc))
    assert found is not None and set(found.results) == {1}


def test_the_log_written_for_a_session_reads_back_in_history(tmp_path: Path) -> None:
    d = Driver(tmp_path, started=STARTED - timedelta(days=1))
    full_session(d)
    found = collect(tmp_path)
    assert found.skipped == [] and len(found.sessions) == 1
    done = found.sessions[0].exercises["Single-leg bridge"]
    assert done.sides["left"].values == [30.0, 30.0] and done.sides["right"].values == [15.0, 30.0]
    assert done.goal == {"hold": 30, "sessions": 2}
