"""What the terminal shows, as text, through Textual's public screenshot (no private attributes)."""

from __future__ import annotations

import html
import re

from textual.app import App

CELL_WIDTH = 12.2
"""Pixels per cell in Rich's SVG export (0.61 × its 20 px font)."""
TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>'
)


def screen_lines(app: App[object]) -> list[str]:
    """One string per row, as wide as the terminal, of the active screen (and any under a modal)."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, row, text in TEXT.findall(app.export_screenshot()):
        chars = html.unescape(text).replace("\xa0", " ")
        if chars == "\n" or int(row) >= height:
            continue
        column = round(float(x) / CELL_WIDTH)
        for offset, char in enumerate(chars[: max(0, width - column)]):
            rows[int(row)][column + offset] = char
    return ["".join(row) for row in rows]
