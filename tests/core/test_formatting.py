"""Numbers and counts as every frontend shows them."""

from __future__ import annotations

import pytest

from hamtimer.core.formatting import clock, counted, decimal, format_seconds


@pytest.mark.parametrize(("count", "shown"), [(0, "0 work steps"), (1, "1 work step"), (6, "6 work steps")])
def test_a_count_of_one_is_singular(count: int, shown: str) -> None:
    assert counted(count, "work step") == shown


def test_durations_and_decimals() -> None:
    assert format_seconds(30) == "30 s" and format_seconds(7.5) == "7.5 s" and format_seconds(90) == "1:30"
    assert decimal(28.33) == "28.3" and decimal(30.0) == "30"
    assert clock(3725) == "1:02:05"
