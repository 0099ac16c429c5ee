"""Reading the keys of an exercise that make a ladder: `progress` and `after` (DESIGN.md,
Program files, More keys of an exercise). Kept apart from `loader` so that it stays short."""

from __future__ import annotations

import difflib
import math
from typing import Any

from hamtimer.core.kinds import WorkKind
from hamtimer.core.program.fields import FieldReader
from hamtimer.core.program.model import Goal, Work
from hamtimer.core.program.quantities import is_number

LIMIT_PROGRESS = 600.0


class LadderFields(FieldReader):
    earlier: dict[str, bool]
    """The exercises read so far, by name: whether each has a goal."""

    def progress(
        self, table: dict[str, Any], place: list[str], work: Work | None, goal: Goal | None
    ) -> float | None:
        if "progress" not in table:
            return None
        value = table["progress"]
        reps = work is not None and work.kind is WorkKind.REPS
        unit = "reps" if reps else "seconds"
        if not is_number(value) or not math.isfinite(value) or not 0 < value <= LIMIT_PROGRESS:
            self.bad(place, "progress", value, f"expected a positive number of {unit}, e.g. progress = 1")
            return None
        if reps and not float(value).is_integer():
            self.bad(place, "progress", value, "expected a whole number of reps, e.g. progress = 1")
            return None
        if work is None:
            return None
        key = [*place, "progress"]
        if work.kind is WorkKind.DISTANCE:
            self.fail(key, "a distance has no target to raise; remove progress")
            return None
        if work.bounds.target is None:
            self.fail(
                key, f'"max" {work.kind} has no target to raise; give a number or a range, or remove progress'
            )
            return None
        if goal is None:
            example = "12" if reps else "30"
            self.fail(
                key, f"needs a goal to progress to: add goal = {{ {work.kind} = {example}, sessions = 2 }}"
            )
            return None
        if goal.value < work.bounds.target:
            self.fail(
                [*place, "goal"],
                (
                    f"{goal.value:g} is below the target ({work.bounds.target:g}); with progress the goal "
                    f"is where the target rises to: give a goal of at least {work.bounds.target:g}"
                ),
            )
            return None
        return float(value)

    def after(self, table: dict[str, Any], place: list[str], name: str | None) -> str | None:
        if "after" not in table:
            return None
        value = table["after"]
        if not isinstance(value, str) or not value.strip():
            self.bad(
                place,
                "after",
                value,
                'expected the name of an earlier exercise, e.g. after = "Single-leg bridge"',
            )
            return None
        wanted = value.strip()
        key = [*place, "after"]
        if wanted == name:
            self.fail(key, f'"{wanted}" is this exercise; name an exercise earlier in the program')
            return None
        if wanted not in self.earlier:
            found = difflib.get_close_matches(wanted, list(self.earlier), n=1, cutoff=0.6)
            tip = f'did you mean "{found[0]}"?' if found else "name an exercise earlier in the program"
            self.fail(key, f'"{wanted}" names no exercise before this one; {tip}')
            return None
        if not self.earlier[wanted]:
            self.fail(
                key, f'"{wanted}" has no goal, so it never opens; give it goal = {{ ... , sessions = 2 }}'
            )
            return None
        return wanted
