"""The history index shared by real processes (DESIGN.md, The history index: many processes):
`hamtimer history` runs side by side, beside a session saving its log, and beside a process
that holds the index's write lock. None fails, and each answers what the files say."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from hamtimer.core.history.index import index_path
from hamtimer.core.history.reader import files_report, work_done_of
from hamtimer.core.history.sessions import collect
from hamtimer.history_weeks import history_json, weeks_of, weeks_since
from tests.support.dirs import user_env
from tests.support.generated import generate

HAMTIMER = [sys.executable, "-m", "hamtimer"]
TODAY = date(2026, 12, 4)


def start_history(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*HAMTIMER, "history", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> dict[str, object]:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert err == ""
    found: dict[str, object] = json.loads(out)
    return found


def expected(data: Path) -> dict[str, object]:
    """What `history --json` says, computed straight from the files (weeks as of TODAY)."""
    weeks = weeks_of(work_done_of(collect(data).sessions, weeks_since(TODAY)), None, TODAY)
    report: dict[str, object] = json.loads(json.dumps(history_json(files_report(data), weeks)))
    return report


def test_two_history_runs_at_once_both_answer(tmp_path: Path) -> None:
    env = user_env(tmp_path, HAMTIMER_TODAY=TODAY.isoformat())
    data = Path(env["HAMTIMER_DATA_DIR"])
    generate(data, 120)
    want = expected(data)
    for _ in range(2):  # both building the index, then both reading it
        runs = [start_history(env) for _ in range(3)]
        assert [finish(run) for run in runs] == [want] * 3
    assert index_path(data, Path(env["HAMTIMER_CACHE_DIR"]) / "history").is_file()


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from hamtimer.core.storage import write_atomic

    data, rounds = Path(sys.argv[1]), int(sys.argv[2])
    logs = sorted(data.glob("sessions/*/*.toml"))
    texts = [path.read_bytes() for path in logs]
    folder = data / "sessions" / "2030-01-01"
    folder.mkdir(mode=0o700, exist_ok=True)
    for n in range(rounds):  # a session saved side after side, as the journal does (atomic rewrite)
        body = texts[n % len(texts)].replace(b"status = ", b"# save %d\\nstatus = " % n)
        write_atomic(folder / "073000-growing.toml", body)
        write_atomic(logs[n % len(logs)], texts[n % len(logs)])  # an older log rewritten whole
    print("done", flush=True)
    """
)


def test_history_runs_beside_a_session_saving_its_log(tmp_path: Path) -> None:
    env = user_env(tmp_path, HAMTIMER_TODAY=TODAY.isoformat())
    data = Path(env["HAMTIMER_DATA_DIR"])
    generate(data, 60)
    base = finish(start_history(env))["sessions"]  # the index built first: the runs below race the saver
    assert isinstance(base, int)
    saver = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(data), "400"], env=env, stdout=subprocess.PIPE, text=True
    )
    answered = []
    while saver.poll() is None:
        runs = [start_history(env) for _ in range(2)]
        answered += [finish(run) for run in runs]
    assert saver.communicate()[0] == "done\n" and saver.returncode == 0
    assert answered and {found["sessions"] for found in answered} <= {base, base + 1}
    assert finish(start_history(env)) == expected(data)


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path

    index, release = sys.argv[1], Path(sys.argv[2])
    connection = sqlite3.connect(index, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")  # the write lock, held until told
    print("holding", flush=True)
    while not release.exists():
        time.sleep(0.02)
    connection.execute("ROLLBACK")
    print("released", flush=True)
    """
)


def test_a_writer_holding_the_index_sends_history_to_the_files_without_waiting_for_it(tmp_path: Path) -> None:
    env = user_env(tmp_path, HAMTIMER_TODAY=TODAY.isoformat())
    data = Path(env["HAMTIMER_DATA_DIR"])
    logs = generate(data, 30)
    finish(start_history(env))
    logs[4].unlink()  # a change this run must write to the index, which it cannot
    release = tmp_path / "release"
    index = index_path(data, Path(env["HAMTIMER_CACHE_DIR"]) / "history")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(index), str(release)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        found = finish(start_history(env))  # answered while the lock is still held
        assert holder.poll() is None and not release.exists()
        assert found == expected(data)
    finally:
        release.touch()
        holder.communicate(timeout=30)
    assert finish(start_history(env)) == expected(data)
