"""The history index: one SQLite database per data folder (DESIGN.md, The history index).

This module owns the connection: where the file is, how it is opened (WAL, a busy timeout), the
schema (one SQL text) and its version (`PRAGMA user_version`; another version is rebuilt, never
migrated), and what happens to a file that is not a usable index: it is moved aside with one line
on stderr and a new one is made. The TOML logs stay the only source of truth: deleting the index
costs time, nothing else.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from hamtimer.core.storage import FILE_MODE, make_private_dir

VERSION = 1
"""The schema's version, in `PRAGMA user_version`: an index of another version is rebuilt."""
APPLICATION_ID = 0x68616D74
"""`PRAGMA application_id` ("hamt"): tells hamtimer's index from any other SQLite file."""
BUSY_TIMEOUT = 0.8
"""Seconds a writer waits for another's transaction (each is short); past it, history reads the
files instead, so no run waits more than a second (DESIGN.md, Many processes)."""
ASIDE = ".broken"
"""What an unusable index is renamed to (its name + this)."""
OLD_CACHE = ("[0-9][0-9][0-9][0-9]-[0-9][0-9].json", "other.json")
"""The JSON month files of hamtimer's earlier history cache, in the same folder: removed."""

SCHEMA = """
CREATE TABLE logs (                -- every *.toml under sessions/, usable or not
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,       -- relative to the data folder, with /
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  skip TEXT                        -- why the file is not a usable log; NULL when it is
);
CREATE TABLE sessions (            -- one per usable log
  log INTEGER PRIMARY KEY,
  started REAL NOT NULL,           -- POSIX seconds, for ordering (then by path)
  started_text TEXT NOT NULL,      -- as logged, ISO 8601 with its offset
  day TEXT NOT NULL,               -- the date it started on, in its own offset (YYYY-MM-DD)
  program TEXT NOT NULL,
  status TEXT NOT NULL,
  exercises INTEGER NOT NULL,      -- exercises with results: 0 is no session for history
  results INTEGER NOT NULL,        -- [[result]] tables (sets and rounds)
  sides INTEGER NOT NULL,          -- side tables over all results
  soreness_left INTEGER,
  soreness_right INTEGER
);
CREATE INDEX sessions_by_start ON sessions (started);
CREATE TABLE exercises (           -- one per session and exercise (core/history/tally.py)
  log INTEGER NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,       -- order of first appearance in the session
  started REAL NOT NULL,           -- the session's
  work TEXT NOT NULL,
  target,                          -- no type: an int stays an int
  goal TEXT,                       -- JSON, the last goal logged
  sides INTEGER NOT NULL,          -- held: 1 left, 2 right, 4 both
  first_side TEXT,
  marked INTEGER NOT NULL,
  PRIMARY KEY (log, name)
) WITHOUT ROWID;
CREATE INDEX exercises_by_name ON exercises (name, started, sides);
CREATE TABLE names (               -- per exercise, counts over its rows in exercises (kept with them)
  name TEXT PRIMARY KEY,
  sessions INTEGER NOT NULL,
  one_leg INTEGER NOT NULL,        -- sessions holding a left or right side
  holding_pair INTEGER NOT NULL,   -- sessions holding both left and right
  holding_both INTEGER NOT NULL    -- sessions holding both legs together
) WITHOUT ROWID;
CREATE TABLE tallies (             -- one per session, exercise and side
  log INTEGER NOT NULL,
  name TEXT NOT NULL,
  side TEXT NOT NULL,
  started REAL NOT NULL,
  value REAL,                      -- mean over the sets (seconds or reps); NULL without values
  best REAL,                       -- the best set
  difficulty REAL,                 -- mean difficulty
  sets INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  at_target INTEGER NOT NULL,
  flagged INTEGER NOT NULL,        -- checks flagged, counted over the sets
  PRIMARY KEY (log, name, side)
) WITHOUT ROWID;
CREATE INDEX tallies_by_time ON tallies (name, side, started);
CREATE INDEX tallies_by_value ON tallies (name, side, value);
CREATE TABLE flags (               -- per session, exercise, side and check: sets flagged
  log INTEGER NOT NULL,
  name TEXT NOT NULL,
  side TEXT NOT NULL,
  position INTEGER NOT NULL,
  flag TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (log, name, side, position)
) WITHOUT ROWID;
CREATE TABLE marks (               -- per session, exercise, side and check: mean time marked
  log INTEGER NOT NULL,
  name TEXT NOT NULL,
  side TEXT NOT NULL,
  position INTEGER NOT NULL,
  check_name TEXT NOT NULL,
  at REAL NOT NULL,
  PRIMARY KEY (log, name, side, position)
) WITHOUT ROWID;
CREATE TABLE results (             -- each [[result]] table as logged
  log INTEGER NOT NULL,
  position INTEGER NOT NULL,
  exercise TEXT NOT NULL,
  block TEXT,
  set_number INTEGER,
  round_number INTEGER,
  work TEXT NOT NULL,
  target,
  minimum,
  load TEXT,
  goal TEXT,                       -- JSON
  PRIMARY KEY (log, position)
) WITHOUT ROWID;
CREATE TABLE sides (               -- each side table of a result, as logged
  log INTEGER NOT NULL,
  position INTEGER NOT NULL,       -- the result's
  side TEXT NOT NULL,
  rank INTEGER NOT NULL,           -- the side's place in the result (left, right, both)
  step INTEGER,
  seconds,
  reps,
  value REAL,                      -- what symmetry compares: seconds or reps
  difficulty INTEGER,
  flags TEXT,                      -- JSON list; NULL when absent
  completed INTEGER,               -- NULL when absent
  marks TEXT,                      -- JSON [[check, at], ...]; NULL when none
  PRIMARY KEY (log, position, rank)
) WITHOUT ROWID;
"""

LOG_TABLES = ("sessions", "exercises", "tallies", "flags", "marks", "results", "sides")
"""The tables keyed by `log`: a file's rows, deleted with it."""

_UNUSABLE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_ERROR})
"""Error codes (primary) that say the file is not an index of ours: move it aside."""


class UnusableIndex(Exception):
    """The file at the index's place is not an index this version can use; the reason."""


class OtherVersion(UnusableIndex):
    """hamtimer's index, of another schema version: dropped and rebuilt without a word."""


def index_path(data_dir: Path, folder: Path) -> Path:
    """`<folder>/<first 16 hex of sha256 of the data folder's resolved path>.sqlite3`."""
    from hashlib import sha256

    key = sha256(os.fsencode(data_dir.resolve())).hexdigest()[:16]
    return folder / f"{key}.sqlite3"


def unusable(error: sqlite3.Error) -> bool:
    """Whether an error says the database file itself is bad (not busy, not unwritable)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is None or code & 0xFF in _UNUSABLE_CODES


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def connect(path: Path) -> sqlite3.Connection:
    """An open index in autocommit mode (transactions are begun explicitly), WAL, busy timeout;
    UnusableIndex when the file is not one of this version."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application != APPLICATION_ID:
            raise UnusableIndex("not a hamtimer history index")
        if version != VERSION:
            raise OtherVersion(f"version {version}, this hamtimer's is {VERSION}")
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise UnusableIndex("cannot use a write-ahead log")
        _whole(connection, path)
        connection.execute("PRAGMA synchronous = NORMAL")  # the index can be rebuilt: no fsync per commit
    except sqlite3.DatabaseError as error:
        connection.close()
        if not unusable(error):
            raise
        raise UnusableIndex(str(error)) from None
    except BaseException:
        connection.close()
        raise
    return connection


def _whole(connection: sqlite3.Connection, path: Path) -> None:
    """UnusableIndex when the file is shorter than its header says (cut short). Only when the
    write-ahead log is empty, in a read transaction: no checkpoint can then be under way."""
    connection.execute("BEGIN")
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        try:
            wal = os.stat(f"{path}-wal").st_size
        except FileNotFoundError:
            wal = 0
        if wal == 0 and os.stat(path).st_size < pages * size:
            raise UnusableIndex(f"cut short: {os.stat(path).st_size} bytes of {pages * size}")
    finally:
        connection.execute("COMMIT")


def create(path: Path) -> None:
    """A new, empty index at `path`, built aside and linked into place (so no other process ever
    sees it half made); an index another process made meanwhile is kept."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE))
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.executescript(SCHEMA)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {VERSION}")
            connection.execute("PRAGMA journal_mode = WAL")  # kept in the file: outside a transaction
        finally:
            connection.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def move_aside(path: Path, reason: str, tell: Callable[[str], None] = _stderr) -> None:
    """Rename an unusable index (and its WAL files) out of the way, saying so in one line."""
    aside = path.with_name(path.name + ASIDE)
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    tell(
        f"hamtimer: the history index {path} could not be used ({reason}); moved it to {aside} and rebuilt it"
    )


def drop(path: Path) -> None:
    """Delete an index (and its WAL files): an old version's, or one found broken mid-read."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _remove_old_cache(folder: Path) -> None:
    """The JSON month files hamtimer's earlier cache wrote here (YYYY-MM.json, other.json)."""
    for pattern in OLD_CACHE:
        for old in folder.glob(pattern):
            with contextlib.suppress(OSError):
                old.unlink()


def open_index(
    data_dir: Path, folder: Path, tell: Callable[[str], None] = _stderr
) -> sqlite3.Connection | None:
    """The data folder's index, made when missing and remade when unusable (said in one line);
    None when the cache folder cannot be written or the index cannot be opened (no index)."""
    try:
        make_private_dir(folder)
        path = index_path(data_dir, folder)
        if not path.exists():
            _remove_old_cache(folder)
            create(path)
        try:
            return connect(path)
        except OtherVersion:
            drop(path)
        except UnusableIndex as reason:
            move_aside(path, str(reason), tell)
        create(path)
        return connect(path)
    except (OSError, sqlite3.Error, UnusableIndex):
        return None
