"""The cue set, measured: pitch (a DFT at the expected note against its neighbours), length,
headroom, and edges that start and end at zero so nothing clicks."""

from __future__ import annotations

import itertools
from array import array

import pytest

from hamtimer.audio import synth
from hamtimer.audio.cues import GAP, SOUNDS, Bank
from hamtimer.audio.synth import FULL_SCALE, RATE, Note
from tests.support.audio import dominant, peak, power, runs

PITCHES = sorted({note.freq for sound in SOUNDS.values() for note in sound.notes})
SEMITONE = 2 ** (1 / 12)


@pytest.fixture(scope="module")
def bank() -> Bank:
    made = Bank(0.8)
    made.warm()
    return made


def expected_length(key: str) -> float:
    notes = SOUNDS[key].notes
    return sum(n.seconds + n.gap for n in notes) - notes[-1].gap


def note_runs(samples: array[int]) -> list[tuple[int, int]]:
    return runs(samples, 0.015)


@pytest.mark.parametrize("key", list(SOUNDS))
def test_each_note_sounds_at_its_pitch(bank: Bank, key: str) -> None:
    samples = bank.sound(key)
    found = note_runs(samples)
    notes = SOUNDS[key].notes
    assert len(found) == len(notes), f"{key}: {len(found)} notes heard, {len(notes)} written"
    for (start, end), note in zip(found, notes, strict=True):
        part = samples[start:end]
        assert dominant(part, PITCHES) == note.freq
        at = power(part, note.freq)
        for neighbour in (note.freq / SEMITONE, note.freq * SEMITONE):
            assert at > 4 * power(part, neighbour), f"{key}: {note.freq} Hz is not a clear peak"


@pytest.mark.parametrize("key", list(SOUNDS))
def test_length_headroom_and_quiet_edges(bank: Bank, key: str) -> None:
    samples = bank.sound(key)
    assert len(samples) / RATE == pytest.approx(expected_length(key), abs=2 / RATE * len(SOUNDS[key].notes))
    assert 0 < peak(samples) < FULL_SCALE * 0.9
    assert all(abs(x) < 150 for x in samples[:3]), samples[:3]
    assert all(abs(x) < 150 for x in samples[-3:]), samples[-3:]


def test_every_note_starts_and_ends_at_zero_with_no_jump() -> None:
    for freq in (294, 1319, 2093):
        samples = synth.tone(Note(freq, 0.1), 1.0)
        assert samples[0] == 0 and samples[-1] == 0
        steps = [abs(b - a) for a, b in itertools.pairwise(samples)]
        biggest_sine_step = 2 * 3.1416 * freq / RATE * FULL_SCALE * synth.PEAK * 1.3
        assert max(steps) < biggest_sine_step


def test_every_cue_is_short() -> None:
    for key in SOUNDS:
        assert expected_length(key) <= 1.2, key


def test_left_falls_and_right_rises_on_the_same_two_pitches(bank: Bank) -> None:
    def pitches(key: str) -> list[float]:
        samples = bank.sound(key)
        return [dominant(samples[a:b], PITCHES) for a, b in note_runs(samples)]

    left, right = pitches("left"), pitches("right")
    assert left[0] > left[1] and right[0] < right[1]
    assert sorted(left) == sorted(right)
    assert bank.sound("left") != bank.sound("right")


def test_the_three_tempo_beats_differ_in_pitch_or_length() -> None:
    beats = [SOUNDS[f"tempo-{phase}"].notes[0] for phase in ("down", "pause", "up")]
    assert len({(n.freq, n.seconds) for n in beats}) == 3
    assert len({n.freq for n in beats}) == 3


def test_volume_scales_the_peak_and_zero_is_silence() -> None:
    loud = synth.render(SOUNDS["go"].notes, 1.0)
    soft = synth.render(SOUNDS["go"].notes, 0.25)
    assert peak(soft) == pytest.approx(peak(loud) / 4, rel=0.01)
    assert peak(synth.render(SOUNDS["go"].notes, 0.0)) == 0
    assert peak(synth.render(SOUNDS["go"].notes, 7.0)) == peak(loud)  # clamped, never clipped


def test_a_clip_joins_sounds_with_a_gap(bank: Bank) -> None:
    clip = bank.clip(("done", "side-switch", "right"))
    parts = runs(bank.samples(clip.keys), 0.09)
    assert len(parts) == 3
    lengths = sum(len(bank.sound(k)) for k in clip.keys) + 2 * round(GAP * RATE)
    assert len(clip.pcm) == 2 * lengths
    assert clip.side is not None and clip.side.value == "right"
    assert bank.clip(("done", "side-switch", "right")) is clip  # cached


def test_the_whole_set_renders_quickly() -> None:
    import time

    start = time.perf_counter()
    Bank(0.7).warm()
    assert time.perf_counter() - start < 1.0
