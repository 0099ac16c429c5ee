"""The real `hamtimer run` in a real terminal (tmux), its sound captured with no sound card.

ALSA_CONFIG_PATH points the program's ALSA at the `file` plugin over `null`: every opening of
the device writes what was played to a new file in tmp_path. The captured sound is split on
silence into cues, each cue into notes, and each note's pitch found by a DFT at the cue set's
pitches: the cues must be the plan's, in order, with the left and right signatures where each
side starts, and no ALSA text may reach the screen.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import time
from pathlib import Path

import pytest

from hamtimer.audio.cues import SOUNDS
from tests.support.audio import Capture, capture_config, captures, dominant, no_device_config, runs
from tests.support.dirs import user_env
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
PITCHES = sorted({note.freq for sound in SOUNDS.values() for note in sound.notes})
SIGNATURES = {tuple(note.freq for note in sound.notes): key for key, sound in SOUNDS.items()}
IN_PROCESS = importlib.util.find_spec("simpleaudio") is not None

TINY = """\
[program]
name = "Tiny sound"
prepare = 1

[rest]
between_sides = 2
between_exercises = 1

[[block]]
[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 2

[[block.exercise]]
name = "Hamstring pull"
reps = 3
"""

PLAYED = [
    "get-ready",  # prepare 1 s: too short for a countdown
    "go", "left", "pip",  # left hold, 2 s: one pip at 1 s
    "done", "side-switch", "right", "pip",  # the rest between sides, 2 s
    "rest-over", "go", "right", "pip",  # right hold
    "done",  # the rest between exercises, 1 s
    "rest-over", "go",  # the reps step, both legs
    "rep", "rep",  # two reps counted by space, each on its own
    "done", "finished",  # the third rep ends the step and the session
]  # fmt: skip


def heard(capture: Capture) -> list[tuple[str, tuple[float, ...], float]]:
    """Each cue in a capture: its name (or "?"), its notes' pitches, and its dominant pitch."""
    found = []
    for start, end in runs(capture.samples, 0.09):
        cue = capture.samples[start:end]
        notes = tuple(dominant(cue[a:b], PITCHES, capture.rate) for a, b in runs(cue, 0.015))
        found.append((SIGNATURES.get(notes, "?"), notes, dominant(cue, PITCHES, capture.rate)))
    return found


def environment(tmp_path: Path, alsa_config: Path, **extra: str) -> dict[str, str]:
    return user_env(tmp_path, ALSA_CONFIG_PATH=str(alsa_config), **extra)


def run_to_the_end(term: Tmux, backend: str, quick: bool) -> list[str]:
    """Type a whole session (`quick`: end holds and rests with enter rather than wait for them);
    returns the screens seen on the way, the last one the summary."""
    seen = [term.wait_for(f"♪ {backend}", timeout=15)]  # the backend is chosen: every probe done
    term.keys("Space")
    seen.append(term.wait_for("LEFT LEG", timeout=10))
    if quick:
        term.keys("Enter")
    seen.append(term.wait_for("how hard?", timeout=10))
    term.keys("7")
    if quick:
        term.keys("Enter")
    seen.append(term.wait_for("RIGHT LEG", timeout=10))
    if quick:
        term.keys("Enter")
    seen.append(term.wait_for("RIGHT Single-leg bridge", timeout=10))
    term.keys("9")
    if quick:
        term.keys("Enter")
    seen.append(term.wait_for("space counts a rep", timeout=10))
    for _ in range(3):
        term.keys("Space")
        time.sleep(0.4)  # as a person counts: each rep its own moment
    seen.append(term.wait_for("Session complete", timeout=10))
    term.keys("Enter")
    assert term.wait_exit() == 0
    seen.append(term.transcript())
    return seen


def assert_no_alsa_text(screens: list[str]) -> None:
    for screen in screens:
        assert "ALSA" not in screen and "Traceback" not in screen, screen


def played(folder: Path) -> list[tuple[str, tuple[float, ...], float]]:
    """Every cue captured, in order, once the last clip has been written."""
    sizes: list[int] = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        now = [path.stat().st_size for path in folder.glob("cap-*")]
        if now == sizes:
            break
        sizes = now
        time.sleep(0.2)
    return [cue for capture in captures(folder) for cue in heard(capture)]


def check_capture(cues: list[tuple[str, tuple[float, ...], float]], expected: list[str]) -> None:
    names = [name for name, _, _ in cues]
    assert names == expected, f"heard {cues}"
    assert len(cues) >= 10
    assert len({pitch for _, _, pitch in cues}) >= 4
    left = [notes for name, notes, _ in cues if name == "left"]
    right = [notes for name, notes, _ in cues if name == "right"]
    assert left and right and set(left).isdisjoint(right)
    assert all(a > b for a, b in left) and all(a < b for a, b in right)  # falling, rising
    first_go = names.index("go")
    assert names[first_go + 1] == "left"  # the left side starts first ...
    assert names.index("right") > first_go + 1  # ... then the right


@pytest.mark.skipif(not IN_PROCESS, reason="simpleaudio is not installed (pip install -e '.[audio]')")
def test_a_session_s_sound_in_process_matches_the_plan(tmp_path: Path) -> None:
    folder = tmp_path / "captured"
    with Tmux(80, 24) as term:
        program = tmp_path / "tiny.toml"
        program.write_text(TINY)
        term.start([HAMTIMER, "run", str(program)], env=environment(tmp_path, capture_config(folder)))
        assert_no_alsa_text(run_to_the_end(term, "simpleaudio", quick=False))
    check_capture(played(folder), PLAYED)


@pytest.mark.skipif(shutil.which("aplay") is None, reason="no aplay (apt-get install alsa-utils)")
def test_without_simpleaudio_the_system_player_plays_the_session(tmp_path: Path) -> None:
    folder = tmp_path / "captured"
    with Tmux(80, 24) as term:
        program = tmp_path / "tiny.toml"
        program.write_text(TINY)
        env = environment(tmp_path, capture_config(folder), HAMTIMER_AUDIO="aplay")
        term.start([HAMTIMER, "run", str(program)], env=env)
        assert_no_alsa_text(run_to_the_end(term, "aplay", quick=True))
    no_pips = [name for name in PLAYED if name != "pip"]  # every hold and rest ended by enter
    check_capture(played(folder), no_pips)


def test_with_no_sound_device_the_session_completes_with_the_bell(tmp_path: Path) -> None:
    with Tmux(80, 24) as term:
        program = tmp_path / "tiny.toml"
        program.write_text(TINY)
        term.start([HAMTIMER, "run", str(program)], env=environment(tmp_path, no_device_config(tmp_path)))
        screens = run_to_the_end(term, "bell", quick=True)
    assert "Hamstring pull" in screens[-2]  # the summary
    assert_no_alsa_text(screens)
