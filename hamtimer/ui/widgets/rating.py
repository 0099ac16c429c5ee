"""The one-key difficulty prompt shown after each side, during the following rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.markup import escape
from textual.reactive import reactive
from textual.widgets import Static

from hamtimer.core.session.rating import ANCHORS, difficulty_words
from hamtimer.core.session.runner import Command
from hamtimer.core.session.state import prompt_of
from hamtimer.ui.messages import RunnerCommand

if TYPE_CHECKING:
    from hamtimer.core.session.results import SideResult


class RatingPanel(Static):
    """Hidden until a side is done; digits rate it, letters toggle its checks, esc hides.

    `compact` (a short terminal) drops the scale's words and shortens the line, so the prompt
    takes 2 rows and the clock keeps its size while the next hold runs under an unrated prompt."""

    compact: reactive[bool] = reactive(False, init=False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.result: SideResult | None = None
        self.keys: dict[str, str] = {}

    def ask(self, result: SideResult) -> None:
        self.result = result
        self.keys = {check.key: check.name for check in prompt_of(result).checks}
        self.redraw()
        self.display = True

    def close(self) -> None:
        self.result = None
        self.keys = {}
        self.display = False

    @property
    def open(self) -> bool:
        return self.result is not None

    def watch_compact(self) -> None:
        self.redraw()

    def command(self, character: str | None) -> RunnerCommand | None:
        """The command a key means while the prompt is open: a rating or a check toggle."""
        if not self.open or character is None:
            return None
        if character.isascii() and character.isdigit():
            return RunnerCommand(Command.RATE, int(character) or 10)
        check = self.keys.get(character)
        if check is not None:
            return RunnerCommand(Command.CHECK, check)
        return None

    def redraw(self) -> None:
        if self.result is None:
            return
        prompt = prompt_of(self.result)
        side = prompt.side.value.upper() if prompt.side else "BOTH LEGS"
        done = f"{prompt.seconds:g} s" if prompt.seconds is not None else f"{prompt.reps} reps"
        if prompt.difficulty is None:
            rating = "how hard? [b]1-9[/b], [b]0[/b] = 10"
        elif self.compact:
            rating = f"rated [b]{prompt.difficulty}[/b]"
        else:
            rating = f"rated [b]{prompt.difficulty}[/b] ({difficulty_words(prompt.difficulty)})"
        name = escape(prompt.exercise)
        if self.compact:
            lines = [f"[b]{side}[/b] {name} {done} · {rating} · esc"]
        else:
            lines = [f"[b]{side}[/b] {name}: {done} · {rating} · esc closes", ANCHORS]
        if prompt.checks:
            marks = []
            for check in prompt.checks:
                answer = "[reverse]YES[/reverse]" if check.name in prompt.flags else "no"
                marks.append(f"[b]\\[{check.key}][/b] {escape(check.name)}: {answer}")
            lines.append(("  " if self.compact else "    ").join(marks))
        self.update("\n".join(lines))
