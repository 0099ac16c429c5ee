"""What screens tell the app: Textual messages, handled by the app with `@on`.

They live apart from the screens so the app can name them without importing a screen that is
kept off the start-up path (the picker, the summary, history).
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.message import Message

from hamtimer.core.session.plan import Plan
from hamtimer.core.session.runner import Command


class RunnerCommand(Message):
    """A key meant for the running session (space, p, a rating...)."""

    def __init__(self, command: Command, argument: int | str | None = None) -> None:
        super().__init__()
        self.command = command
        self.argument = argument


class ToggleMute(Message):
    """m: sound off or on again."""


class ProgramChosen(Message):
    """A program picked in the picker: run it."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan


class OpenHistory(Message):
    """Show the symmetry report."""


class SummaryClosed(Message):
    """The summary is read: back to the picker, or done."""


class IncludeWaiting(Message):
    """a on the start screen: run the exercises waiting behind a gate too, this session."""


class PhoneCommand(Message):
    """Issue 18: a command from the phone page; the app does it as a key's and answers the state."""

    def __init__(self, command: Command, argument: int | str | None, answer: asyncio.Future[Any]) -> None:
        super().__init__()
        self.command = command
        self.argument = argument
        self.answer = answer
