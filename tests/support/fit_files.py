"""Reading FIT files back with two decoders: Garmin's own SDK and fitdecode, an independent one.

`read_sets` decodes a file with both, checks that Garmin's decoder finds it whole (integrity and
no errors), that both see the same sets, and returns them. Exercise names are looked up in the
SDK's profile, not in hamtimer's table, so a wrong table shows up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import fitdecode
from garmin_fit_sdk import Decoder, Profile, Stream


@dataclass(frozen=True)
class DecodedSet:
    kind: str
    """"active" or "rest"."""
    start: datetime
    duration: float
    repetitions: int | None
    exercise: str | None
    """"category.name", "category" alone, or None (a rest)."""


def _exercise(category: object, subtype: object) -> str | None:
    if isinstance(category, tuple | list):
        category = category[0] if category else None
    if isinstance(subtype, tuple | list):
        subtype = subtype[0] if subtype else None
    if category is None:
        return None
    if subtype is None:
        return str(category)
    names = Profile["types"].get(f"{category}_exercise_name", {})
    return f"{category}.{names.get(subtype, subtype)}"


def _decoded(fields: dict[str, Any]) -> DecodedSet:
    start = fields["start_time"]
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    return DecodedSet(
        kind=str(fields["set_type"]),
        start=start,
        duration=round(float(fields["duration"]), 3),
        repetitions=fields.get("repetitions"),
        exercise=_exercise(fields.get("category"), fields.get("category_subtype")),
    )


def garmin_messages(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Garmin's decoder's messages; it must find the file whole and read it without an error."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def fitdecode_messages(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """fitdecode's data messages in file order, each as (name, fields with a value)."""
    found = []
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                found.append((frame.name, {f.name: f.value for f in frame.fields if f.value is not None}))
    return found


def read_sets(path: Path) -> list[DecodedSet]:
    """The file's sets, as both decoders read them (they must agree)."""
    by_garmin = [_decoded(m) for m in garmin_messages(path.read_bytes()).get("set_mesgs", [])]
    by_fitdecode = [_decoded(fields) for name, fields in fitdecode_messages(path) if name == "set"]
    assert by_garmin == by_fitdecode
    return by_garmin
