"""Issue 18: the phone's address on the start panel, as a QR code and in words; and the mark that
says how many phones are connected. Mounted by hamtimer/ui/phone.py only with --phone."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from hamtimer.phone.qr import qr_lines

PHONE_MARK = "☏"
ROOM = 36
"""Columns the session keeps beside the code."""


class PhonePanel(Static):
    """The URL as a QR code (white on black whatever the theme) above the URL in words; the words
    alone when the terminal is too small for the code."""

    url: reactive[str] = reactive("", layout=True)

    def render(self) -> Text:
        if not self.url:
            return Text("")
        lines = qr_lines(self.url)
        size = self.screen.size
        text = Text()
        if size.width >= len(lines[0]) + ROOM and size.height >= len(lines) + 3:
            text.append("\n".join(lines), style="#ffffff on #000000")
            text.append("\n")
        else:
            text.append("phone: ", style="bold")
        text.append(self.url)
        return text

    def on_resize(self) -> None:
        self.refresh(layout=True)


def phone_mark(count: int) -> str:
    """ "☏1": the phones connected now."""
    return f"{PHONE_MARK}{count}"
