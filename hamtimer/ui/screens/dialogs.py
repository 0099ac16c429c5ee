"""Small modal screens: confirm quit, the key help, and the full text of a step."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Static

KEYS = (
    ("space", "count a rep on a reps step; elsewhere the same as enter"),
    ("enter", "end the step now: a hold keeps its time, a rest ends"),
    ("p", "pause / resume"),
    ("s", "skip the step (nothing recorded)"),
    ("b", "back to the previous work step (or restart this one)"),
    ("+ / -", "15 s more / less rest; on reps, - takes back a rep"),
    ("1-9, 0", "rate the side just done (0 = 10)"),
    ("letters", "a check in the rating prompt; during one-leg work, the moment form broke"),
    ("esc", "close the rating prompt"),
    ("i", "the whole text: exercise, note, cues, checks"),
    ("a", "start screen: include the exercises behind a gate"),
    ("r", "go on with an unfinished session, when offered"),
    ("m", "mute / unmute"),
    ("w", "write the log to another folder, when it cannot be saved"),
    ("ctrl+p", "command palette: change the theme"),
    ("ctrl+q", "quit; what was done is kept"),
)
DIFFICULTY = (
    "Difficulty: 10 = not one more rep or second, 9 = one more, 8 = two more, "
    "7 = three more, 6 or less = easy."
)


def keys_table() -> Table:
    """The keys beside what they do; a long line wraps under its own column."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in KEYS:
        table.add_row(key, what)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys, in a dialog as tall as its text that scrolls where the terminal is shorter."""

    BINDINGS = [Binding("escape,question_mark,q,enter,space", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("[b]Keys[/b]   esc closes · ↑ ↓ scroll", classes="title")
            yield Static(keys_table())
            yield Static(DIFFICULTY, classes="hint")

    def action_dismiss(self, result: object = None) -> None:  # type: ignore[override]
        self.dismiss(None)


class ConfirmQuit(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Stop"),
        Binding("n,escape", "answer(False)", "Keep going"),
        Binding("w", "app.save_elsewhere", "Save log elsewhere"),
    ]

    def __init__(self, log_problem: str | None = None) -> None:
        super().__init__()
        self.log_problem = log_problem

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static("[b]Stop the session?[/b]", classes="title")
            if self.log_problem:
                yield Static(
                    f"[b]The session log could not be saved[/b] ({escape(self.log_problem)}).\n"
                    "[b]w[/b] writes it to another folder first.\n"
                )
            yield Static("Everything done so far is kept.\n\n[b]y[/b] stop    [b]n[/b] / esc keep going")

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)


class FolderPrompt(ModalScreen[str | None]):
    """Asks for a folder to write the session log to, when the usual one cannot be written."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, problem: str, suggestion: str) -> None:
        super().__init__()
        self.problem = problem
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="folder", classes="dialog"):
            yield Static("[b]Write the session log to another folder[/b]", classes="title")
            yield Static(f"It could not be saved: {escape(self.problem)}")
            yield Input(value=self.suggestion, id="folder-input")
            yield Static("enter writes it there · esc cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FullText(ModalScreen[None]):
    """`i` on the session screen: the whole of what the screen may have cut short."""

    BINDINGS = [Binding("escape,i,enter", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="full-text", classes="dialog"):
            yield Static(f"[b]{escape(self.title_text)}[/b]", classes="title")
            yield Static(self.text or "Nothing more to show.")
            yield Static("esc, i or enter closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
