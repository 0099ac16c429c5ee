"""The player the app uses: play() returns at once, a moment's cues go out as one clip from the
worker thread, stale cues are dropped, the voice speaks without delaying anything."""

from __future__ import annotations

import asyncio
import stat
import threading
import time
from pathlib import Path

import pytest

from hamtimer.audio.backends import Unavailable
from hamtimer.audio.cues import Clip
from hamtimer.audio.sound import STALE, Hooks, SoundPlayer, _Batch
from hamtimer.core.kinds import Side
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.plan import build_plan
from hamtimer.core.settings import backend_choice

PROGRAM = """
[program]
name = "Voice"
[[block]]
[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 30
"""


class Recorder:
    name = "recorder"

    def __init__(self, opens: bool = True) -> None:
        self.opens = opens
        self.clips: list[Clip] = []
        self.threads: set[str] = set()
        self.played = threading.Event()

    def open(self) -> None:
        if not self.opens:
            raise Unavailable("nope")

    def play(self, clip: Clip) -> None:
        self.threads.add(threading.current_thread().name)
        self.clips.append(clip)
        self.played.set()

    def close(self) -> None:
        return None


def cue(kind: Cue, side: Side | None = None, value: object = None, step: int = 0) -> Event:
    return Event(EventKind.CUE, step, 1.0, 1.0, cue=kind, side=side, value=value)


def started(player: SoundPlayer, hooks: Hooks | None = None) -> SoundPlayer:
    player.start(hooks)
    assert player.ready.wait(10)
    return player


def wait_for(predicate, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


async def test_a_moment_s_cues_become_one_clip_played_off_the_loop() -> None:
    recorder = Recorder()
    player = started(SoundPlayer(backends=[recorder]))
    player.play(cue(Cue.DONE, Side.LEFT))
    player.play(Event(EventKind.SIDE_DONE, 0, 1.0, 1.0))
    player.play(cue(Cue.REST, value="between-sides"))
    player.play(cue(Cue.SIDE_SWITCH, Side.RIGHT))
    assert recorder.clips == []  # handed over once the loop is free
    await asyncio.sleep(0)
    wait_for(lambda: len(recorder.clips) == 1)
    assert recorder.clips[0].keys == ("done", "side-switch", "right")
    assert recorder.threads == {"hamtimer-sound"}
    player.stop()


async def test_play_returns_at_once_even_while_the_backend_is_being_chosen() -> None:
    class Slow(Recorder):
        def open(self) -> None:
            time.sleep(0.5)

    slow = Slow()
    player = SoundPlayer(backends=[slow])
    player.start()
    began = time.perf_counter()
    for _ in range(100):
        player.play(cue(Cue.COUNTDOWN, value=1))
        await asyncio.sleep(0)
    assert (time.perf_counter() - began) / 100 < 0.001
    assert player.name == "starting"
    assert player.ready.wait(5)
    wait_for(lambda: len(slow.clips) == 100)
    player.stop()


def test_a_cue_that_waited_too_long_is_dropped() -> None:
    recorder = Recorder()
    player = SoundPlayer(backends=[recorder])
    player._queue.put(_Batch(("go",), at=time.monotonic() - STALE - 0.1))  # waited for the setup
    started(player)
    player.play(cue(Cue.HALFWAY))
    wait_for(lambda: len(recorder.clips) == 1)
    time.sleep(0.05)
    assert [clip.keys for clip in recorder.clips] == [("halfway",)]
    player.stop()


def test_play_never_raises() -> None:
    player = SoundPlayer(backends=[Recorder()])
    player.hooks = Hooks(step=lambda _: 1 / 0)  # type: ignore[arg-type, return-value]
    player.voice_wanted = True
    player.play(cue(Cue.GO))
    player.play(None)  # type: ignore[arg-type]


def test_the_backend_name_is_reported_when_chosen_and_when_it_changes() -> None:
    class Breaks(Recorder):
        name = "breaks"

        def play(self, clip: Clip) -> None:
            raise OSError("gone")

    changes: list[str] = []
    notices: list[str] = []
    player = SoundPlayer(backends=[Recorder(opens=False), Breaks(), Recorder()])
    started(player, Hooks(changed=lambda: changes.append(player.name), notice=notices.append))
    assert changes == ["breaks"]
    player.play(cue(Cue.GO))
    wait_for(lambda: len(changes) == 2)
    assert changes == ["breaks", "recorder"]
    assert notices == ["Sound from breaks failed (gone); now using recorder."]
    player.stop()


def test_a_setup_that_crashes_leaves_the_timer_silent_with_a_notice() -> None:
    class Broken(Recorder):
        def open(self) -> None:
            raise Unavailable("x")

    notices: list[str] = []
    player = SoundPlayer(backends=[Broken()])
    player.bank.warm = lambda: 1 / 0  # type: ignore[method-assign, assignment, return-value]
    started(player, Hooks(notice=notices.append))
    assert player.name == "silent"
    assert notices and notices[0].startswith("Sound is off")
    player.play(cue(Cue.GO))


def test_the_environment_chooses_where_the_chain_starts() -> None:
    assert backend_choice("auto", {}) == ("auto", None)
    assert backend_choice("bell", {}) == ("bell", None)
    assert backend_choice("auto", {"HAMTIMER_AUDIO": "aplay"}) == ("aplay", None)
    assert backend_choice("bell", {"HAMTIMER_AUDIO": " Silent "}) == ("silent", None)
    chosen, problem = backend_choice("bell", {"HAMTIMER_AUDIO": "loud"})
    assert chosen == "bell" and problem is not None and "not one of auto" in problem


# ----- voice


def fake_speaker(folder: Path, log: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "espeak-ng"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s|" "$a"; done >> "{log}"\necho >> "{log}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_voice_says_side_exercise_and_work_after_the_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "said.txt"
    fake_speaker(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    plan = build_plan(parse_program(PROGRAM, "v.toml"))
    recorder = Recorder()
    player = started(SoundPlayer(0.8, voice=True, backends=[recorder]), Hooks(step=lambda i: plan.steps[i]))
    right = next(s for s in plan.work_steps if s.side is Side.RIGHT)
    began = time.perf_counter()
    player.play(cue(Cue.GO, Side.RIGHT, step=right.index))
    assert time.perf_counter() - began < 0.01
    wait_for(lambda: log.exists() and log.read_text().endswith("\n"), timeout=10)
    assert log.read_text() == "-a|120|--|Right leg. Single-leg bridge. 30 seconds.|\n"
    player.stop()


def test_voice_without_a_speaker_is_one_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    notices: list[str] = []
    player = started(SoundPlayer(voice=True, backends=[Recorder()]), Hooks(notice=notices.append))
    player.play(cue(Cue.GO))
    assert notices == ["Voice needs espeak-ng, espeak or (macOS) say: none found."]
    player.stop()


# ----- the app's player: built after the first frame


def test_the_deferred_player_builds_the_real_one_at_start_and_keeps_early_cues(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hamtimer.audio import sound
    from hamtimer.audio.player import DeferredPlayer

    recorder = Recorder()
    real = sound.SoundPlayer
    monkeypatch.setattr(sound, "SoundPlayer", lambda *a, **k: real(*a, **k, backends=[recorder]))
    player = DeferredPlayer(0.5, backend="aplay", voice=False)
    assert player.name == "starting"
    player.play(cue(Cue.GET_READY))  # before the start: kept
    player.start()
    assert isinstance(player.player, real) and player.player.bank.volume == 0.5
    assert player.player.start_at == "aplay"
    assert player.player.ready.wait(10)
    wait_for(lambda: len(recorder.clips) == 1)
    assert recorder.clips[0].keys == ("get-ready",) and player.name == "recorder"
    player.stop()


def test_starting_the_app_imports_no_audio_code_but_the_interface() -> None:
    import subprocess
    import sys

    probe = "import sys, hamtimer.cli, hamtimer.ui.app; print(sorted(m for m in sys.modules if 'audio' in m))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "['hamtimer.audio', 'hamtimer.audio.player']"
