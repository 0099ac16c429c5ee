"""Big figures for the clock: two small bitmap fonts scaled up with full and half blocks.

A glyph pixel becomes `sx` columns by `sy` half-rows; each cell shows two half-rows with one of
" ", "▀", "▄", "█", so the vertical resolution is twice the row count. Pixels may be stretched up
to 2:1 either way, which lets the figures use a box that is not of their own shape.

`render` picks the largest size whose rows fit both the width and the height: the most rows, then
the most columns. Every size is on a fixed list and fitting is monotone, so a larger box never
gives smaller figures. Below the smallest big size it falls back to plain text, cut at the width.

Sizing assumption (issue 10) for the session screen: the clock gets the full width minus 4
columns and at least half of the rows. With "12:30" that gives 7 rows at 60x18 (56x9), 11 at
80x24 (76x12) and 25 at 200x55 (196x27); "0:30" and "30" give as many or more.

Glyph rows are cached per (font, character, scale) and whole renderings per (text, box): a tick
only joins cached strings, or finds the answer cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

_SMALL: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    " ": ("..", "..", "..", "..", ".."),
}
"""3x5 digits: the 3-row font at scale 1, and 5 rows at scale 2."""

_BIG: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": (".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    ":": (".", ".", "#", ".", "#", ".", "."),
    "-": ("...", "...", "...", "###", "...", "...", "..."),
    "/": ("....#", "...#.", "...#.", "..#..", ".#...", ".#...", "#...."),
    " ": ("..", "..", "..", "..", "..", "..", ".."),
}
"""5x7 digits: every size from 4 rows up."""

FONTS: dict[str, dict[str, tuple[str, ...]]] = {"small": _SMALL, "big": _BIG}
CHARACTERS = frozenset(_BIG)
"""What the big figures can show; any other character means plain text."""
MAX_SCALE = 40
_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


class Scale(NamedTuple):
    """One size of the figures: a font, and columns and half-rows per pixel."""

    font: str
    sx: int
    sy: int

    @property
    def rows(self) -> int:
        return rows_of(self.font, self.sy)

    def width(self, text: str) -> int:
        """Columns that `text` takes: glyphs with one pixel of space between them."""
        return pixels(self.font, text) * self.sx


def rows_of(font: str, sy: int) -> int:
    return (len(FONTS[font]["0"]) * sy + 1) // 2


def pixels(font: str, text: str) -> int:
    glyphs = FONTS[font]
    return sum(len(glyphs[character][0]) for character in text) + max(len(text) - 1, 0)


def _widths(sy: int) -> range:
    """The columns per pixel allowed with `sy` half-rows: pixels at most 2:1 either way."""
    return range(max(1, (sy + 1) // 2), min(2 * sy, MAX_SCALE) + 1)


HEIGHTS = tuple(
    sorted(
        [("small", sy) for sy in (1, 2)] + [("big", sy) for sy in range(1, MAX_SCALE + 1)],
        key=lambda height: rows_of(*height),
    )
)
"""Every (font, half-rows per pixel), fewest rows first; no two give the same row count."""


def fits(text: str) -> bool:
    """Whether the fonts have every character of `text`."""
    return bool(text) and all(character in CHARACTERS for character in text)


def choose(text: str, max_width: int, max_height: int, fit: str = "") -> Scale | None:
    """The largest size at which `text` (and `fit`, if given) fit the box: the most rows, then the
    most columns per pixel. None when only plain text fits."""
    if not fits(text) or (fit and not fits(fit)):
        return None
    widest = tuple(max(pixels(font, text), pixels(font, fit) if fit else 0) for font in FONTS)
    return _largest(widest, max_width, max_height)


@lru_cache(maxsize=256)
def _largest(widest: tuple[int, ...], max_width: int, max_height: int) -> Scale | None:
    """The largest size for figures `widest` pixels wide in each font (of FONTS, in order): the
    same for every text of one shape, so a countdown finds it cached."""
    pixels_in = dict(zip(FONTS, widest, strict=True))
    best: Scale | None = None
    for font, sy in HEIGHTS:
        if rows_of(font, sy) > max_height:
            break
        allowed = _widths(sy)
        sx = min(allowed[-1], max_width // pixels_in[font])
        if sx >= allowed[0]:
            best = Scale(font, sx, sy)
    return best


@lru_cache(maxsize=1024)
def glyph(character: str, scale: Scale) -> tuple[str, ...]:
    """The rows of one character at one size (built once per size)."""
    bitmap = FONTS[scale.font][character]
    half_rows = [row for row in bitmap for _ in range(scale.sy)]
    if len(half_rows) % 2:
        half_rows.append("." * len(bitmap[0]))
    rows = []
    for top, bottom in zip(half_rows[::2], half_rows[1::2], strict=True):
        cells = (_HALF_BLOCKS[upper == "#", lower == "#"] for upper, lower in zip(top, bottom, strict=True))
        rows.append("".join(cell * scale.sx for cell in cells))
    return tuple(rows)


@lru_cache(maxsize=512)
def render(text: str, max_width: int, max_height: int, fit: str = "") -> tuple[str, ...]:
    """`text` as rows of equal length, as large as fits in max_width x max_height.

    `fit` is a text whose width the size must also leave room for ("0:00" keeps a countdown from
    growing when it drops from "1:00" to "59"). Plain text, cut at max_width, when no big size fits
    or `text` has a character the fonts lack; nothing when the box is empty.
    """
    if max_width <= 0 or max_height <= 0 or not text:
        return ()
    scale = choose(text, max_width, max_height, fit if fits(fit) else "")
    if scale is None:
        return (text[:max_width],)
    gap = " " * scale.sx
    glyphs = [glyph(character, scale) for character in text]
    return tuple(gap.join(rows) for rows in zip(*glyphs, strict=True))


def digit_rows(rows: tuple[str, ...]) -> int:
    """How many of `rows` carry block characters: the height of the figures as seen."""
    return sum(1 for row in rows if any(block in row for block in "█▀▄"))
