"""The phone's address as a QR code drawn in text: two modules a character, with half blocks.

Light modules are drawn (█ ▀ ▄) and dark ones left blank, for a light foreground on a dark
terminal; the TUI draws it white on black whatever the theme. Two light modules of quiet zone.
"""

from __future__ import annotations

import segno

BORDER = 2
BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
"""(top light, bottom light) → the character."""


def qr_matrix(url: str) -> list[list[bool]]:
    """The code's modules with the quiet zone, True where dark."""
    code = segno.make(url, error="l", boost_error=False, micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=BORDER)]


def qr_lines(url: str) -> list[str]:
    matrix = qr_matrix(url)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(BLOCKS[(not top, not bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]


def read_lines(lines: list[str]) -> list[list[bool]]:
    """Back from drawn lines to modules (True where dark): what a test checks the drawing by."""
    light = {char: pair for pair, char in BLOCKS.items()}
    matrix: list[list[bool]] = []
    for line in lines:
        pairs = [light[char] for char in line]
        matrix.append([not top for top, _ in pairs])
        matrix.append([not bottom for _, bottom in pairs])
    return matrix
