"""A data folder of many hand-format logs with 15 distinct exercises (a circuit-heavy runner), for
comparing history read through the index with history read straight from the files.

Seeded and varied on purpose: holds, reps, times and a distance; both sides mostly, some sessions
with one side only, a few two-leg exercises; difficulty, flags and marks on some sides; goals
(some of them met for a while), soreness now and then; sessions that start in the same second,
a session dated by day only, one with no results, an unreadable file, and sets that fell short.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.support.logs import Side, log_path, result, side, write_log

EXERCISES: list[tuple[str, str, float | None, tuple[str, ...]]] = [
    ("Single-leg bridge", "hold", 30, ("hip drop", "cramp")),
    ("Slider curl", "reps", 10, ("cramp",)),
    ("Single-leg RDL", "reps", 8, ("balance lost",)),
    ("Copenhagen plank", "hold", 25.0, ("groin",)),
    ("Nordic curl", "reps", None, ()),
    ("Hip thrust hold", "hold", None, ("hip drop",)),
    ("Step-down", "reps", 12, ("knee in",)),
    ("Wall sit", "time", 45, ()),
    ("Hamstring walkout", "reps", 6, ("cramp",)),
    ("Side plank", "hold", 40, ("hip drop",)),
    ("Double-leg bridge", "hold", 45, ("low-back ache",)),
    ("Glute march", "reps", 20, ()),
    ("Calf raise", "reps", 15, ("achilles",)),
    ("Skater squat", "reps", 8, ("knee in",)),
    ("Farmer carry", "distance", None, ()),
]
TWO_LEG = {"Double-leg bridge", "Glute march", "Wall sit"}
GOALS = {"Single-leg bridge": {"hold": 27, "sessions": 2}, "Slider curl": {"reps": 9, "sessions": 3}}


def _side(rng: random.Random, work: str, target: float | None, checks: tuple[str, ...], lag: float) -> Side:
    base = target if target is not None else (20 if work == "hold" else 8)
    if work == "distance":
        value = None
    elif work == "reps":
        value = float(max(1, round(base * lag * rng.uniform(0.7, 1.15))))
    else:
        value = round(base * lag * rng.uniform(0.7, 1.1), 1)
    flags = tuple(c for c in checks if rng.random() < 0.12)
    marks = tuple((c, round(rng.uniform(1, 25), 1)) for c in flags if rng.random() < 0.5)
    completed = target is None or value is None or value >= target
    difficulty = rng.randint(3, 10) if rng.random() < 0.7 else None
    return side(value, difficulty, flags, completed, marks=marks, step=rng.randint(1, 40))


def generate(data: Path, sessions: int, seed: int = 7) -> list[Path]:
    """Write `sessions` logs (plus the odd cases above) under `data`; their paths."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for n in range(sessions):
        month, dom = 1 + (n // 28) % 12, 1 + n % 28
        year = 2024 + n // (28 * 12)
        started = f"{year}-{month:02d}-{dom:02d}T{6 + n % 12:02d}:{n % 60:02d}:00+0{1 + n % 2}:00"
        tables = []
        for name, work, target, checks in EXERCISES:
            if rng.random() < 0.08:
                continue  # not done this time
            sets = 2 if rng.random() < 0.2 else 1
            for number in range(1, sets + 1):
                goal = GOALS.get(name)
                if name in TWO_LEG:
                    both = _side(rng, work, target, checks, 1.0)
                    tables.append(
                        result(name, work, both=both, set=number, target=target, goal=goal, block="B")
                    )
                    continue
                left = _side(rng, work, target, checks, 1.0)
                right = _side(rng, work, target, checks, rng.choice((0.9, 0.95, 1.0, 1.05)))
                if rng.random() < 0.05:
                    right = None  # one side only
                tables.append(
                    result(name, work, left=left, right=right, set=number, target=target, goal=goal,
                           load=rng.choice((None, "light")), distance="40 m" if work == "distance" else None)
                )  # fmt: skip
        soreness = {"left": rng.randint(0, 6), "right": rng.randint(0, 6)} if rng.random() < 0.2 else None
        status = rng.choice(("completed", "completed", "completed", "stopped", "running"))
        paths.append(write_log(data, started, *tables, soreness=soreness, status=status))
        if n % 97 == 5:  # another program's session in the same second
            twin = log_path(data, started, slug="another-program")
            paths.append(write_log(data, started, *tables[:3], path=twin, program="Another program"))
    paths.append(
        write_log(data, "2024-02-29", *tables[-4:], path=data / "sessions" / "2024-02-29" / "day.toml")
    )
    paths.append(
        write_log(
            data, "2024-03-01T07:00:00+01:00", path=log_path(data, "2024-03-01T07:00:00+01:00", "empty")
        )
    )
    broken = log_path(data, "2024-03-02T07:00:00+01:00", "broken")
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"schema = 1\n[[result\n")
    paths.append(broken)
    return paths
