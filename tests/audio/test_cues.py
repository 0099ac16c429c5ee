"""Which sounds the engine's events make, and how a moment's cues become one clip."""

from __future__ import annotations

from hamtimer.audio.cues import MAJOR, SHOWCASE, SOUNDS, keys_for, merge
from hamtimer.core.kinds import Side
from hamtimer.core.session.events import Cue, Event, EventKind


def cue(kind: Cue, side: Side | None = None, value: object = None) -> Event:
    return Event(EventKind.CUE, 0, 1.0, 1.0, cue=kind, side=side, value=value)


def test_every_cue_of_the_engine_has_a_sound_but_the_rest_start() -> None:
    silent = {Cue.REST}
    for kind in Cue:
        value = "down" if kind is Cue.TEMPO else 1
        keys = keys_for(cue(kind, value=value))
        assert bool(keys) is (kind not in silent), kind
        assert all(key in SOUNDS for key in keys)


def test_a_side_start_carries_its_signature() -> None:
    assert keys_for(cue(Cue.GO, Side.LEFT)) == ("go", "left")
    assert keys_for(cue(Cue.GO, Side.RIGHT)) == ("go", "right")
    assert keys_for(cue(Cue.GO)) == ("go",)
    assert keys_for(cue(Cue.SIDE_SWITCH, Side.RIGHT)) == ("side-switch", "right")


def test_tempo_phases_have_their_own_sounds() -> None:
    keys = [keys_for(cue(Cue.TEMPO, value=phase)) for phase in ("down", "pause", "up", "top")]
    assert keys == [("tempo-down",), ("tempo-pause",), ("tempo-up",), ("tempo-top",)]
    assert keys_for(cue(Cue.TEMPO, value="sideways")) == ()


def test_events_that_are_not_cues_make_no_sound() -> None:
    assert keys_for(Event(EventKind.STEP_STARTED, 0, 1.0, 1.0)) == ()


def keys_for_batch(events: list[Event]) -> tuple[str, ...]:
    return merge(key for event in events for key in keys_for(event))


def test_a_moment_plays_in_order_and_a_rep_blip_only_alone() -> None:
    end_of_side = [cue(Cue.DONE, Side.LEFT), cue(Cue.REST, value="between-sides"),
                   cue(Cue.SIDE_SWITCH, Side.RIGHT)]  # fmt: skip
    assert keys_for_batch(end_of_side) == ("done", "side-switch", "right")
    assert keys_for_batch([cue(Cue.REP, value=3), cue(Cue.DONE), cue(Cue.FINISHED)]) == ("done", "finished")
    assert keys_for_batch([cue(Cue.REP, value=1)]) == ("rep",)
    assert merge(["rep", "rep"]) == ("rep",)


def test_beats_and_blips_are_not_worth_a_bell() -> None:
    assert {"metronome", "rep", "tempo-down"}.isdisjoint(MAJOR)
    assert {"go", "done", "side-switch", "rest-over", "finished"} <= MAJOR


def test_the_showcase_names_every_sound() -> None:
    shown = {key for _, keys in SHOWCASE for key in keys}
    assert shown == set(SOUNDS)
