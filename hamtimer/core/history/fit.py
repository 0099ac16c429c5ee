"""An activity as a FIT file, written with Garmin's FIT SDK (`garmin-fit-sdk`, its `Encoder`).

The messages follow Garmin's activity recipe: file_id, a timer start event, the sets (active
and rest, in time order), a timer stop event, one lap, one session (training, strength
training) and one activity. The SDK is imported here, when a file is made, never at start-up:
its profile alone takes about 10 ms to import (bench/bench_export.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hamtimer.core.history.fit_sets import Activity, FitSet

PRODUCT_NAME = "hamtimer"
SDK_HINT = "FIT export needs Garmin's FIT SDK: pip install 'hamtimer[fit]' (or pip install garmin-fit-sdk)"
FIT_EPOCH = 631065600
"""1989-12-31T00:00:00Z in Unix seconds: FIT counts time from there."""
SET_REST, SET_ACTIVE = 0, 1
"""The profile's set_type values (numbers spare the encoder a look-up per set)."""
MAX_REPETITIONS = 65534
"""The largest repetitions a uint16 holds (65535 means none)."""
MAX_UINT32 = 2**32 - 2
"""The largest date_time, and the largest duration in milliseconds (2**32 - 1 means none)."""


class FitSdkMissing(RuntimeError):
    """garmin-fit-sdk is not installed; the message is the hint."""


def timestamp(moment: datetime) -> int:
    """A FIT date_time: whole seconds since the FIT epoch (to the nearest)."""
    return round(moment.timestamp()) - FIT_EPOCH


def check(activity: Activity) -> None:
    """ValueError when the activity does not fit FIT's fields (the SDK would wrap it round)."""
    start, end = activity.start.timestamp() - FIT_EPOCH, activity.end.timestamp() - FIT_EPOCH
    if start < 0:
        raise ValueError(f"it starts on {activity.start:%Y-%m-%d}, before FIT's first day (1989-12-31)")
    if end > MAX_UINT32 or activity.elapsed * 1000 > MAX_UINT32:
        raise ValueError(f"it lasts {activity.elapsed:.0f} s or ends too late for FIT (49 days at most)")


def _set(number: int, item: FitSet) -> dict[str, Any]:
    mesg: dict[str, Any] = {
        "timestamp": timestamp(item.end),
        "start_time": timestamp(item.start),
        "duration": item.duration,
        "set_type": SET_ACTIVE if item.active else SET_REST,
        "message_index": number,
    }
    if item.repetitions is not None:
        mesg["repetitions"] = min(item.repetitions, MAX_REPETITIONS)
    if item.fit is not None:
        mesg["category"] = [item.fit.category_number]
        if item.fit.name_number is not None:
            mesg["category_subtype"] = [item.fit.name_number]
    return mesg


def messages(activity: Activity) -> list[tuple[str, dict[str, Any]]]:
    """The file's messages in order, each with its profile name (as `Profile['mesg_num']` keys it)."""
    start, end = timestamp(activity.start), timestamp(activity.end)
    elapsed = activity.elapsed
    offset = activity.start.utcoffset()
    local = end + (int(offset.total_seconds()) if offset is not None else 0)
    summary = {"start_time": start, "total_elapsed_time": elapsed, "total_timer_time": elapsed}
    found: list[tuple[str, dict[str, Any]]] = [
        ("FILE_ID", {"type": "activity", "manufacturer": "development", "product": 0,
                     "product_name": PRODUCT_NAME, "time_created": start}),
        ("EVENT", {"timestamp": start, "event": "timer", "event_type": "start"}),
    ]  # fmt: skip
    found.extend(("SET", _set(number, item)) for number, item in enumerate(activity.sets))
    found += [
        ("EVENT", {"timestamp": end, "event": "timer", "event_type": "stop"}),
        ("LAP", {"timestamp": end, **summary, "message_index": 0, "event": "lap", "event_type": "stop",
                 "sport": "training", "sub_sport": "strength_training"}),
        ("SESSION", {"timestamp": end, **summary, "message_index": 0, "event": "session",
                     "event_type": "stop", "sport": "training", "sub_sport": "strength_training",
                     "first_lap_index": 0, "num_laps": 1}),
        ("ACTIVITY", {"timestamp": end, "total_timer_time": elapsed, "num_sessions": 1, "type": "manual",
                      "event": "activity", "event_type": "stop", "local_timestamp": local}),
    ]  # fmt: skip
    return found


def encode(activity: Activity) -> bytes:
    """The FIT file's bytes; FitSdkMissing when garmin-fit-sdk is not installed, ValueError when
    the activity cannot be a FIT file (see `check`)."""
    check(activity)
    try:
        from garmin_fit_sdk import Encoder, Profile
    except ImportError:
        raise FitSdkMissing(SDK_HINT) from None
    numbers = Profile["mesg_num"]
    encoder = Encoder()
    for name, mesg in messages(activity):
        encoder.on_mesg(numbers[name], mesg)
    return encoder.close()
