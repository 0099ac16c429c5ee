"""The stream's beat while a clock runs: at each change of the shown seconds, never over 1 s apart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.runner import SessionRunner
from hamtimer.phone.server import BEAT_SLACK, HEARTBEAT, next_beat
from tests.support.programs import BRIDGE, plan_of


@pytest.fixture
def running(tmp_path: Path) -> SessionRunner:
    runner = SessionRunner(plan_of(Path(BRIDGE)), tmp_path, clock=FakeClock(100.0))
    runner.start()
    return runner


@pytest.mark.parametrize(
    ("remaining", "wait"), [(118.97, 0.97), (118.5, 0.5), (118.02, 0.02), (118.004, 1.004), (118.0, 1.0)]
)
def test_a_countdown_beats_as_its_shown_seconds_change(
    running: SessionRunner, remaining: float, wait: float
) -> None:
    state = dataclasses.replace(running.state(), remaining=remaining)
    assert next_beat(state) == pytest.approx(wait)
    assert next_beat(state) <= 1 + BEAT_SLACK
    shown_before = -int(-remaining // 1)
    shown_after = -int(-(remaining - wait - 1e-9) // 1)
    skipped = 1 if wait > 1 else 0  # a change closer than BEAT_SLACK is left to the next beat
    assert shown_after == shown_before - 1 - skipped  # the beat comes as the next second shows


@pytest.mark.parametrize(("elapsed", "wait"), [(3.25, 0.75), (3.995, 1.005), (0.0, 1.0)])
def test_a_clock_counting_up_beats_as_its_seconds_change(
    running: SessionRunner, elapsed: float, wait: float
) -> None:
    state = dataclasses.replace(running.state(), remaining=None, elapsed=elapsed)
    assert next_beat(state) == pytest.approx(wait)


def test_without_a_clock_the_plain_heartbeat(running: SessionRunner) -> None:
    state = dataclasses.replace(running.state(), remaining=None, elapsed=None)
    assert next_beat(state) == HEARTBEAT
