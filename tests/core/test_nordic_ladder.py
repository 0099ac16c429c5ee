"""The bundled Nordic ladder (issue 20) climbed session by session, on the protocol's schedule
(1 session in week 1, 2 in week 2, then 3 a week), every set done in full with control: the
targets its README section promises."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from hamtimer.core.program.catalog import resolve
from hamtimer.core.program.loader import load_program
from hamtimer.core.session.plan import Plan
from hamtimer.core.training.progression import plan_today
from tests.support.logs import result, side, write_log

SETS = ("Nordic curl, set 1", "Nordic curl, set 2", "Nordic curl, set 3")
WEEK_1 = date(2027, 1, 4)
SCHEDULE = [0, 7, 10] + [14 + 7 * week + day for week in range(8) for day in (0, 2, 4)]
"""Days from the first session: Monday of week 1; Monday and Thursday of week 2; then Monday,
Wednesday and Friday."""


def targets(plan: Plan) -> dict[str, int]:
    found: dict[str, int] = {}
    for step in plan.work_steps:
        target = step.exercise.work.bounds.target
        assert target is not None
        found[step.exercise.name] = int(target)
    return found


def climb(data: Path, sessions: int, flagged: int | None = None) -> list[dict[str, int]]:
    """Today's targets before each session; each done in full (session `flagged`: set 1's check)."""
    program = load_program(resolve("nordic-ladder").path)
    assert program.per_week == 3
    seen = []
    for n, offset in enumerate(SCHEDULE[:sessions], start=1):
        today = WEEK_1 + timedelta(days=offset)
        plan = plan_today(program, data, today=today)
        wanted = targets(plan)
        seen.append(wanted)
        started = datetime(today.year, today.month, today.day, 18, 0).astimezone()
        done = []
        for name, reps in wanted.items():
            flags = ["could not control the descent"] if n == flagged and name == SETS[0] else []
            done.append(
                result(name, "reps", target=reps, block="Nordic hamstring curls", both=side(reps, 8, flags))
            )
        write_log(data, started.isoformat(), *done, program="Nordic ladder")
    return seen


def test_the_ladder_climbs_from_2x5_to_12_10_8(tmp_path: Path) -> None:
    seen = climb(tmp_path, 12)
    rows = [tuple(t.get(name) for name in SETS) for t in seen]
    assert rows == [
        (5, 5, None),  # week 1
        (6, 6, None),  # week 2
        (7, 7, None),
        (8, 8, None),  # week 3
        (9, 9, None),
        (10, 10, None),
        (11, 10, None),  # week 4: set 2 at its goal, 2 sessions in a row
        (12, 10, 6),  # the third set joins
        (12, 10, 7),
        (12, 10, 8),  # week 5 on: 3 sets of 12, 10 and 8
        (12, 10, 8),
        (12, 10, 8),
    ]


def test_a_descent_out_of_control_holds_the_set(tmp_path: Path) -> None:
    seen = climb(tmp_path, 4, flagged=2)
    assert [t[SETS[0]] for t in seen] == [5, 6, 6, 7]
    assert [t[SETS[1]] for t in seen] == [5, 6, 7, 8]


def test_the_week_count_follows_the_schedule(tmp_path: Path) -> None:
    climb(tmp_path, 5)  # the fifth on Wednesday of week 3
    program = load_program(resolve("nordic-ladder").path)
    friday = WEEK_1 + timedelta(days=18)  # week 3 after Monday and Wednesday
    week = plan_today(program, tmp_path, today=friday).progress
    assert week is not None and week.week is not None
    assert (week.week.sessions, week.week.target) == (2, 3)
