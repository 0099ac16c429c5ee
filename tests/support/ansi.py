"""Read a `tmux capture-pane -e -p` capture: every cell's character and the colours it is drawn in."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][0-9A-B])")
BLOCKS = frozenset("█▀▄")
DEFAULT = "default"


@dataclass(frozen=True)
class Cell:
    char: str
    fg: str
    bg: str

    @property
    def seen_bg(self) -> str:
        return self.bg


@dataclass
class _Pen:
    fg: str = DEFAULT
    bg: str = DEFAULT
    reverse: bool = False

    def cell(self, char: str) -> Cell:
        fg, bg = (self.bg, self.fg) if self.reverse else (self.fg, self.bg)
        return Cell(char, fg, bg)


def _colour(codes: list[int], at: int) -> tuple[str, int]:
    """The colour of an extended 38/48 sequence starting at codes[at], and how many codes it used."""
    if at + 1 < len(codes) and codes[at + 1] == 5 and at + 2 < len(codes):
        return f"idx{codes[at + 2]}", 3
    if at + 1 < len(codes) and codes[at + 1] == 2 and at + 4 < len(codes):
        red, green, blue = codes[at + 2 : at + 5]
        return f"#{red:02x}{green:02x}{blue:02x}", 5
    return DEFAULT, 1


def _apply(pen: _Pen, parameters: str) -> None:
    codes = [int(code) if code else 0 for code in re.split("[;:]", parameters)] if parameters else [0]
    at = 0
    while at < len(codes):
        code = codes[at]
        step = 1
        if code == 0:
            pen.fg, pen.bg, pen.reverse = DEFAULT, DEFAULT, False
        elif code == 7:
            pen.reverse = True
        elif code == 27:
            pen.reverse = False
        elif code in (38, 48):
            colour, step = _colour(codes, at)
            if code == 38:
                pen.fg = colour
            else:
                pen.bg = colour
        elif code == 39:
            pen.fg = DEFAULT
        elif code == 49:
            pen.bg = DEFAULT
        elif 30 <= code <= 37 or 90 <= code <= 97:
            pen.fg = f"idx{code - 30 if code < 90 else code - 82}"
        elif 40 <= code <= 47 or 100 <= code <= 107:
            pen.bg = f"idx{code - 40 if code < 100 else code - 92}"
        at += step


def parse(capture: str, width: int, height: int) -> list[list[Cell]]:
    """The capture as `height` rows of `width` cells (short rows padded with default cells)."""
    rows: list[list[Cell]] = []
    pen = _Pen()
    for line in capture.split("\n")[:height]:
        row: list[Cell] = []
        position = 0
        for match in SGR.finditer(line):
            row += [pen.cell(char) for char in OTHER_ESCAPE.sub("", line[position : match.start()])]
            _apply(pen, match.group(1))
            position = match.end()
        row += [pen.cell(char) for char in OTHER_ESCAPE.sub("", line[position:])]
        rows.append((row + [Cell(" ", DEFAULT, DEFAULT)] * width)[:width])
    while len(rows) < height:
        rows.append([Cell(" ", DEFAULT, DEFAULT)] * width)
    return rows


def text_of(cells: list[list[Cell]]) -> str:
    return "\n".join("".join(cell.char for cell in row) for row in cells)


def block_rows(cells: list[list[Cell]]) -> int:
    """The height of the big figures: the rows from the first to the last holding a block character."""
    found = [y for y, row in enumerate(cells) if any(cell.char in BLOCKS for cell in row)]
    return found[-1] - found[0] + 1 if found else 0


def background_share(cells: list[list[Cell]]) -> tuple[str, float]:
    """The most common background and the share of the cells that carry it."""
    counts = Counter(cell.seen_bg for row in cells for cell in row)
    colour, count = counts.most_common(1)[0]
    return colour, count / sum(counts.values())
