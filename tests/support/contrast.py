"""Colour arithmetic for the theme tests: WCAG 2.x contrast and colour-blindness simulation."""

from __future__ import annotations

from textual.color import Color

MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
"""Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB."""


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def linear_rgb(colour: str) -> tuple[float, float, float]:
    parsed = Color.parse(colour)
    assert parsed.a == 1, f"{colour} is not opaque: its contrast depends on what is under it"
    return (_linear(parsed.r), _linear(parsed.g), _linear(parsed.b))


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance, from 0 (black) to 1 (white)."""
    red, green, blue = linear_rgb(colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    red, green, blue = (min(max(channel, 0.0), 1.0) for channel in rgb)
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def seen_difference(first: str, second: str, vision: str | None = None) -> float:
    """CIE76 ΔE between two colours, as seen with normal vision or the given colour blindness."""

    def seen(colour: str) -> tuple[float, float, float]:
        rgb = linear_rgb(colour)
        if vision is None:
            return rgb
        rows = MACHADO[vision]
        return (
            sum(m * c for m, c in zip(rows[0], rgb, strict=True)),
            sum(m * c for m, c in zip(rows[1], rgb, strict=True)),
            sum(m * c for m, c in zip(rows[2], rgb, strict=True)),
        )

    a, b = _lab(seen(first)), _lab(seen(second))
    return float(sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5)
