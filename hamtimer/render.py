"""Plain-text tables for the command line: plans, program lists and the history report."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from hamtimer.core.formatting import clock, counted, format_seconds, measure
from hamtimer.core.history.report import Report
from hamtimer.core.kinds import Side

if TYPE_CHECKING:  # imported where used: `history` needs no plan (bench/bench_history.py)
    from hamtimer.core.session.plan import Plan, WorkStep


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def plan_text(plan: Plan) -> str:
    from hamtimer.core.session.plan import PrepareStep, RestStep, estimate_seconds
    from hamtimer.core.training.progression import progress_lines

    rows: list[list[str]] = []
    at = 0.0
    for step in plan.steps:
        if isinstance(step, PrepareStep):
            row = ["prepare", "get ready", "", "", format_seconds(step.seconds), ""]
        elif isinstance(step, RestStep):
            row = ["rest", step.reason.label, "", "", format_seconds(step.seconds), ""]
        else:
            row = _work_row(step)
        rows.append([str(step.index), clock(at), *row])
        at += estimate_seconds(step)
    header = ["#", "at", "step", "exercise", "side", "set", "target", "load"]
    steps = counted(len(plan.work_steps), "work step")
    title = f"{plan.program.name}: {steps}, about {clock(plan.estimated_seconds)}"
    today = ""
    if plan.progress is not None and (lines := progress_lines(plan.program, plan.progress)):
        today = "\n\nToday:\n" + "\n".join(f"  {line}" for line in lines)
    return f"{title}{today}\n\n{table(header, rows, right={0, 1})}\nend at {clock(at)}"


def _work_row(step: WorkStep) -> list[str]:
    exercise = step.exercise
    target = exercise.work.describe()
    if exercise.tempo:
        target += f" @{exercise.tempo}"
    if exercise.cadence:
        target += f" ({exercise.cadence} bpm)"
    if step.rounds > 1:
        where = f"round {step.round}/{step.rounds}"
    else:
        where = f"{step.set}/{step.sets}" if step.sets > 1 else ""
    side = step.side.value if step.side else "both"
    return ["work", exercise.name, side, where, target, step.load or ""]


def history_table(report: Report, colour: bool) -> str:
    """The symmetry report as a table, the comparison in words; the band in its colour on a terminal."""
    paint = {"green": "32", "amber": "33", "red": "31", "mixed": "35"}
    rows: list[list[str]] = []
    form: list[str] = []
    for item in report.exercises:
        if item.one_leg:
            left, right = item.sides[Side.LEFT], item.sides[Side.RIGHT]
            sides = [
                f"{measure(left.latest, item.work)} / {measure(left.mean, item.work)}",
                f"{measure(right.latest, item.work)} / {measure(right.mean, item.work)}",
            ]
        else:
            both = item.sides[Side.BOTH]
            sides = [f"both: {measure(both.latest, item.work)} / {measure(both.mean, item.work)}", ""]
        verdict = item.verdict
        if colour and item.band is not None:
            verdict = f"\033[{paint[item.band]}m{verdict}\033[0m"
        gap = "-" if item.difficulty_gap is None else f"{item.difficulty_gap:+.1f}"
        goal = ""
        if item.goal is not None:
            goal = "met" if item.goal.met else f"{item.goal.streak}/{item.goal.needed}"
        rows.append([item.exercise, str(item.sessions), *sides, verdict, gap, goal])
        form += [f"  {item.exercise}: {found.words}" for found in item.form_breaks]
    header = ["exercise", "sessions", "left latest/mean", "right latest/mean", "left vs right",
              "effort R-L", "goal"]  # fmt: skip
    lines = [f"{report.sessions} sessions", "", table(header, rows, right={1})]
    if form:
        lines += ["", "form broke (marked during the work, mean time into the side):", *form]
    if report.soreness is not None:
        lines += ["", report.soreness.words()]
    if report.skipped:
        lines += ["", "skipped:"] + [f"  {file}: {reason}" for file, reason in report.skipped]
    lines += ["", "A training aid, not a diagnosis."]
    return "\n".join(lines)
