"""Time the big figures: bigfont.render per call, and what one clock tick costs in a headless app.

- render, cold: glyph and render caches emptied before each call (what a resize costs)
- render, warm: a countdown's texts at one box, glyphs cached, render cache emptied (a tick's join)
- tick: CPU seconds per changed second in a headless Textual app (BigFigures on a session-like
  layout, text changed and the screen drawn), minus the same app idle; with one tick a second this
  is the figures' share of a core

Run: .venv/bin/python bench/bench_bigfont.py [--ticks 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hamtimer.ui import bigfont
from hamtimer.ui.widgets.figures import BigFigures
from tests.support.figures import FiguresApp, clock_box, shown_digit_rows

TERMINALS = [(60, 18), (80, 24), (120, 40), (200, 55)]


def countdown(seconds: int) -> list[str]:
    return [f"{second // 60}:{second % 60:02d}" for second in range(seconds, -1, -1)]


def time_render(width: int, height: int, repeat: int) -> tuple[float, float, int]:
    """Median microseconds per cold and per warm render of "12:30", and its rows."""
    cold = []
    for _ in range(repeat):
        bigfont.glyph.cache_clear()
        bigfont.render.cache_clear()
        start = time.perf_counter()
        rows = bigfont.render("12:30", width, height)
        cold.append(time.perf_counter() - start)
    texts = countdown(599)
    for text in texts:
        bigfont.render(text, width, height)
    bigfont.render.cache_clear()
    start = time.perf_counter()
    for text in texts:
        bigfont.render(text, width, height)
    warm = (time.perf_counter() - start) / len(texts)
    return statistics.median(cold) * 1e6, warm * 1e6, bigfont.digit_rows(rows)


async def time_ticks(size: tuple[int, int], ticks: int) -> tuple[float, int]:
    """CPU milliseconds per tick (text change and redraw) beyond the idle app, and digit rows."""
    app = FiguresApp("9:59", fit="0:00")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        interval = 0.01
        start = time.process_time()
        for _ in range(ticks):
            await asyncio.sleep(interval)
        idle = time.process_time() - start
        texts = countdown(ticks)
        start = time.process_time()
        for text in texts[:ticks]:
            figures.text = text
            await asyncio.sleep(interval)
        busy = time.process_time() - start
        rows = shown_digit_rows(figures)
    return max(busy - idle, 0.0) / ticks * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ticks", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(f"{'terminal':>9} {'box':>7} {'rows':>4} {'cold µs':>8} {'warm µs':>8} {'app rows':>8}", end="")
    print(f" {'tick ms CPU':>11} {'% core @1Hz':>11}")
    for terminal in TERMINALS:
        box = clock_box(*terminal)
        cold, warm, rows = time_render(*box, args.repeat)
        tick, app_rows = asyncio.run(time_ticks(terminal, args.ticks))
        size = f"{terminal[0]}x{terminal[1]}"
        shown = f"{box[0]}x{box[1]}"
        print(f"{size:>9} {shown:>7} {rows:>4} {cold:>8.1f} {warm:>8.1f} {app_rows:>8}", end="")
        print(f" {tick:>11.3f} {tick / 10:>11.3f}")


if __name__ == "__main__":
    main()
