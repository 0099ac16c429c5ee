"""The rating prompt's keys: one free letter per check, never a letter that is a command."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hamtimer.core.session.rating import RESERVED, check_keys


def test_a_check_takes_its_initial() -> None:
    assert check_keys(("hip drop", "cramp")) == {"h": "hip drop", "c": "cramp"}


def test_a_taken_initial_moves_on_to_a_free_letter_of_the_check() -> None:
    # "hips sagged": h is taken, s, i and p are commands, so its first free letter is a
    assert check_keys(("hip drop", "hips sagged")) == {"h": "hip drop", "a": "hips sagged"}


def test_the_command_letters_are_never_a_check_key() -> None:
    keys = check_keys(("in line", "wobble", "pelvis tilt", "shaking", "back rounded", "might quit"))
    assert not set(keys) & set("iwpbsmq")
    assert sorted(keys.values()) == sorted(
        ("in line", "wobble", "pelvis tilt", "shaking", "back rounded", "might quit")
    )


@given(st.lists(st.text(min_size=1, max_size=20), max_size=12, unique=True))
def test_every_key_is_a_free_ascii_letter_for_one_check(checks: list[str]) -> None:
    keys = check_keys(tuple(checks))
    assert all(len(k) == 1 and k.isascii() and k.isalpha() and k not in RESERVED for k in keys)
    assert len(set(keys.values())) == len(keys)
