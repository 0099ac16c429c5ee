"""The program picker: bundled programs and the user's own, with a preview of each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from hamtimer.core.catalog import ProgramEntry, all_programs
from hamtimer.core.loader import ProgramError
from hamtimer.core.plan import Plan
from hamtimer.render import clock


def preview(plan: Plan) -> str:
    program = plan.program
    lines = [
        f"[b]{escape(program.name)}[/b] · about {clock(plan.estimated_seconds)}",
        "",
        escape(program.about),
        "",
    ]
    for number, block in enumerate(program.blocks, 1):
        rounds = f" · {block.rounds} rounds" if block.rounds > 1 else ""
        lines.append(f"[b]{escape(block.name or f'Block {number}')}[/b]{rounds}")
        for exercise in block.exercises:
            sets = f"{exercise.sets} × " if exercise.sets > 1 else ""
            sides = " each side" if exercise.one_leg else ""
            load = f" · {escape(exercise.load)}" if exercise.load else ""
            lines.append(f"  {escape(exercise.name)}: {sets}{exercise.work.describe()}{sides}{load}")
    return "\n".join(lines)


class PickerScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "choose", "Start", priority=True),
        Binding("h", "history", "History"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[ProgramEntry, Plan | ProgramError]] = []
        for entry in all_programs():
            try:
                self.entries.append((entry, entry.load_plan()))
            except ProgramError as err:
                self.entries.append((entry, err))

    def compose(self) -> ComposeResult:
        options = []
        for entry, loaded in self.entries:
            if isinstance(loaded, Plan):
                label = f"{escape(loaded.program.name)}  [dim]{clock(loaded.estimated_seconds)}[/dim]"
            else:
                label = f"{escape(entry.name)}  [red]invalid[/red]"
            if entry.origin == "yours":
                label += "  [dim](yours)[/dim]"
            options.append(Option(label))
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
        else:
            self.query_one("#preview", Static).update("No programs found.")

    def show(self, index: int) -> None:
        loaded = self.entries[index][1]
        text = preview(loaded) if isinstance(loaded, Plan) else f"[red]{escape(loaded.render())}[/red]"
        self.query_one("#preview", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option_index)

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.choose(index)

    def action_history(self) -> None:
        from hamtimer.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.app.data_dir))  # type: ignore[attr-defined]

    def choose(self, index: int) -> None:
        loaded = self.entries[index][1]
        if isinstance(loaded, Plan):
            self.app.start_session(loaded)  # type: ignore[attr-defined]
        else:
            self.notify("This program has errors: run hamtimer check on it.", severity="error")
