"""Plain-text tables for the command line: plans and program lists."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from hamtimer.core.plan import Plan, PrepareStep, RestStep, WorkStep, estimate_seconds
from hamtimer.core.quantities import format_seconds


def clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


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
    title = f"{plan.program.name}: {len(plan.work_steps)} work steps, about {clock(plan.estimated_seconds)}"
    return f"{title}\n\n{table(header, rows, right={0, 1})}\nend at {clock(at)}"


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
