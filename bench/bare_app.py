"""The baseline for first-frame timing: a bare Textual app that shows one word."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("READY")


if __name__ == "__main__":
    Bare().run()
