"""Text that wraps to its width and, when it needs more lines than it may take, ends with "…"."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

ELLIPSIS = "…"


def clamp(text: str, width: int, lines: int) -> tuple[list[str], bool]:
    """`text` wrapped at `width` in at most `lines` lines, and whether some of it was cut."""
    if width <= 0 or lines <= 0 or not text:
        return [], bool(text)
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) <= lines:
        return wrapped, False
    kept = wrapped[:lines]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last[: width - 1].rstrip()) + ELLIPSIS
    return kept, True


class WrappedText(Widget):
    """Plain text, wrapped and centred, at most `max_lines` lines tall; `cut` tells if it is all."""

    DEFAULT_CSS = "WrappedText { height: auto; }"
    text: reactive[str] = reactive("", layout=True)
    max_lines: reactive[int] = reactive(3, layout=True)

    @property
    def cut(self) -> bool:
        return clamp(self.text, self.size.width, self.max_lines)[1]

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(clamp(self.text, width, self.max_lines)[0])

    def render(self) -> Text:
        lines, _ = clamp(self.text, self.size.width, self.max_lines)
        return Text("\n".join(lines), justify="center")
