"""The program picker: bundled programs and the user's own, with a preview of each."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from hamtimer.core import paths
from hamtimer.core.formatting import clock
from hamtimer.core.history.reader import history_report
from hamtimer.core.history.report import Report
from hamtimer.core.program.catalog import ProgramEntry, all_programs
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.session.plan import Plan, build_plan
from hamtimer.core.training.progression import progress_lines
from hamtimer.ui.messages import OpenHistory, ProgramChosen


def goal_lines(plan: Plan, report: Report | None) -> list[str]:
    """Each progression goal of the program with how far the logs say it is."""
    if report is None:
        return []
    by_name = {item.exercise: item for item in report.exercises}
    lines = []
    seen: set[str] = set()
    for block in plan.program.blocks:
        for exercise in block.exercises:
            goal = exercise.goal
            if goal is None or exercise.name in seen:
                continue
            seen.add(exercise.name)
            unit = "reps" if goal.kind.value == "reps" else "s"
            each = " each side" if exercise.one_leg else ""
            status = by_name.get(exercise.name)
            streak = status.goal.streak if status is not None and status.goal is not None else 0
            if streak >= goal.sessions:
                state = f"[b green]met[/b green], {streak} in a row: time to progress"
            else:
                state = f"{streak}/{goal.sessions} sessions in a row"
            lines.append(
                f"  {escape(exercise.name)}: {goal.value:g} {unit}{each}, no check flagged · {state}"
            )
    return ["", "[b]Goals[/b]", *lines] if lines else []


def label(entry: ProgramEntry, loaded: Plan | ProgramError) -> str:
    if isinstance(loaded, Plan):
        text = f"{escape(loaded.program.name)}  [dim]{clock(loaded.estimated_seconds)}[/dim]"
    else:
        text = f"{escape(entry.name)}  [red]invalid[/red]"
    return text + ("  [dim](yours)[/dim]" if entry.origin == "yours" else "")


def preview(plan: Plan, report: Report | None = None) -> str:
    """The program as today runs it (the plan `hamtimer plan` shows): today's targets, the
    exercises left waiting, today's estimate."""
    program = plan.program
    lines = [
        f"[b]{escape(program.name)}[/b] · about {clock(plan.estimated_seconds)}",
        "",
        escape(program.about),
        "",
    ]
    if plan.progress is not None and (today := progress_lines(program, plan.progress)):
        lines += ["[b]Today[/b]", *(f"  {escape(line)}" for line in today), ""]
    for number, block in enumerate(program.blocks, 1):
        rounds = f" · {block.rounds} rounds" if block.rounds > 1 else ""
        lines.append(f"[b]{escape(block.name or f'Block {number}')}[/b]{rounds}")
        for exercise in block.exercises:
            sets = f"{exercise.sets} × " if exercise.sets > 1 else ""
            sides = " each side" if exercise.one_leg else ""
            load = f" · {escape(exercise.load)}" if exercise.load else ""
            lines.append(f"  {escape(exercise.name)}: {sets}{exercise.work.describe()}{sides}{load}")
    return "\n".join(lines + goal_lines(plan, report))


class PickerScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "choose", "Start", priority=True),
        Binding("h", "history", "History"),
    ]

    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir or paths.data_dir()
        self.entries: list[tuple[ProgramEntry, Plan | ProgramError]] = []
        """Each program with its file's own plan, until history is read: then today's."""
        self.report: Report | None = None
        for entry in all_programs():
            try:
                self.entries.append((entry, build_plan(entry.load())))
            except ProgramError as err:
                self.entries.append((entry, err))

    def compose(self) -> ComposeResult:
        options = [Option(label(entry, loaded)) for entry, loaded in self.entries]
        yield Static("[b]hamtimer[/b] · choose a program · enter starts · ctrl+q quits", id="picker-title")
        with Horizontal(id="picker"):
            yield OptionList(*options, id="programs")
            with VerticalScroll(id="preview-box"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        if self.entries:
            self.query_one(OptionList).highlighted = 0
            self.show(0)
            self.load_report()
        else:
            self.query_one("#preview", Static).update("No programs found.")

    @work(exclusive=True)
    async def load_report(self) -> None:
        """Today's plan of each program and the history report, for the preview (off the loop)."""
        data_dir, entries = self.data_dir, list(self.entries)

        def read() -> tuple[Report, list[tuple[ProgramEntry, Plan | ProgramError]]]:
            from hamtimer.core.training.progression import plan_today

            today = [
                (entry, plan_today(loaded.program, data_dir) if isinstance(loaded, Plan) else loaded)
                for entry, loaded in entries
            ]
            return history_report(data_dir), today

        self.report, self.entries = await asyncio.to_thread(read)
        if not self.is_attached:
            return
        options = self.query_one(OptionList)
        for number, (entry, loaded) in enumerate(self.entries):
            options.replace_option_prompt_at_index(number, label(entry, loaded))
        index = options.highlighted
        if index is not None:
            self.show(index)

    def show(self, index: int) -> None:
        loaded = self.entries[index][1]
        if isinstance(loaded, Plan):
            text = preview(loaded, self.report)
        else:
            text = f"[red]{escape(loaded.render())}[/red]"
        self.query_one("#preview", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option_index)

    def action_choose(self) -> None:
        if not self.is_attached:
            return
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.choose(index)

    def action_history(self) -> None:
        self.post_message(OpenHistory())

    def choose(self, index: int) -> None:
        loaded = self.entries[index][1]
        if isinstance(loaded, Plan):
            from hamtimer.core.settings import load_settings
            from hamtimer.core.training.progression import plan_today

            program = loaded.file_program or loaded.program
            per_week = load_settings().per_week  # issue 20: config.toml's weekly target
            self.post_message(ProgramChosen(plan_today(program, self.data_dir, per_week=per_week)))
        else:
            self.notify("This program has errors: run hamtimer check on it.", severity="error")
