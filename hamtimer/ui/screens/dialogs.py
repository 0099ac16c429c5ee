"""Small modal screens: confirm quit, the key help, and the full text of a step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Static

KEYS = """\
[b]space[/b]    count a rep on a reps step; anywhere else the same as enter
[b]enter[/b]    end the step now (a hold keeps the time reached; a rest is cut short)
[b]p[/b]        pause / resume
[b]s[/b]        skip the step (nothing recorded)
[b]b[/b]        back to the start of the previous work step (or restart this one)
[b]+ / -[/b]    15 s more / less rest; on a reps step, - takes back a rep
[b]1-9, 0[/b]   difficulty of the side just done (0 = 10)
[b]letters[/b]  toggle the checks shown in the rating prompt; during one-leg
         work, mark that check on the side now (when form broke)
[b]esc[/b]      close the rating prompt
[b]i[/b]        the whole text: exercise, note, cues, checks
[b]m[/b]        mute / unmute
[b]ctrl+p[/b]   command palette: change the theme
[b]ctrl+q[/b]   quit; what was done is kept

Difficulty: 10 = could not do one more rep or second, 9 = one more,
8 = two more, 7 = three more, 6 or less = easy."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter,space", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Static("[b]Keys[/b]", classes="title")
            yield Static(KEYS)
            yield Static("esc closes", classes="hint")

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
