"""Choosing a backend and degrading: fakes for the devices, real child processes for the
system player (a small script stands in for aplay)."""

from __future__ import annotations

import stat
import sys
import time
from pathlib import Path

import pytest

from hamtimer.audio.backends import (
    BellBackend,
    Chain,
    FlashBackend,
    SilentBackend,
    SimpleaudioBackend,
    SystemPlayerBackend,
    Unavailable,
    candidates,
)
from hamtimer.audio.cues import Bank, Clip
from hamtimer.core.kinds import Side


@pytest.fixture(scope="module")
def go_left() -> Clip:
    return Bank(0.5).clip(("go", "left"))


@pytest.fixture(scope="module")
def metronome() -> Clip:
    return Bank(0.5).clip(("metronome",))


class FakeBackend:
    def __init__(self, name: str, opens: bool = True, fails_after: int | None = None) -> None:
        self.name = name
        self.opens = opens
        self.fails_after = fails_after
        self.played: list[Clip] = []
        self.closed = False

    def open(self) -> None:
        if not self.opens:
            raise Unavailable(f"{self.name} cannot open")

    def play(self, clip: Clip) -> None:
        if self.fails_after is not None and len(self.played) >= self.fails_after:
            raise OSError("device unplugged")
        self.played.append(clip)

    def close(self) -> None:
        self.closed = True


def fake_player(folder: Path, name: str = "aplay", status: int = 0, log: Path | None = None) -> Path:
    """A stand-in for a system player: notes its arguments, exits with `status`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    note = f'echo "$@" >> "{log}"\n' if log else ""
    script.write_text(f"#!/bin/sh\n{note}exit {status}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def which_in(folder: Path):  # type: ignore[no-untyped-def]
    def which(name: str) -> str | None:
        path = folder / name
        return str(path) if path.exists() else None

    return which


# ----- the order and the choice


def test_auto_tries_everything_in_order_and_ends_silent() -> None:
    names = [b.name for b in candidates("auto", ring=lambda: None, flash=lambda _: None)]
    assert names == ["simpleaudio", "paplay", "pw-play", "aplay", "afplay", "bell", "flash", "silent"]


@pytest.mark.parametrize(
    ("start", "first"),
    [("system", "paplay"), ("aplay", "aplay"), ("bell", "bell"), ("flash", "flash"), ("silent", "silent"),
     ("nonsense", "simpleaudio")],
)  # fmt: skip
def test_a_forced_start_skips_what_comes_before(start: str, first: str) -> None:
    assert candidates(start)[0].name == first
    assert candidates(start)[-1].name == "silent"


def test_simpleaudio_missing_falls_to_the_system_player(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, go_left: Clip
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import fails as if not installed
    log = tmp_path / "played.txt"
    fake_player(tmp_path / "bin", log=log)
    chain = Chain([SimpleaudioBackend(), SystemPlayerBackend("aplay", which=which_in(tmp_path / "bin"))])
    assert chain.choose().name == "aplay"
    assert chain.tried[0][0] == "simpleaudio" and "not installed" in chain.tried[0][1]
    chain.play(go_left)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and log.read_text().count("\n") < 2:
        time.sleep(0.01)
    probe, played = log.read_text().splitlines()
    assert probe.startswith("-q ") and probe.endswith("probe.wav")
    assert played.endswith("go+left.wav")
    chain.close()


def test_no_system_player_falls_to_the_bell(tmp_path: Path, go_left: Clip, metronome: Clip) -> None:
    rings: list[int] = []
    bell = BellBackend(lambda: rings.append(1), terminal=lambda: True)
    chain = Chain([SystemPlayerBackend("aplay", which=which_in(tmp_path)), bell])
    assert chain.choose() is bell
    assert chain.tried == [("aplay", "aplay is not installed")]
    chain.play(go_left)
    chain.play(metronome)  # a beat is not worth a bell
    assert rings == [1]


def test_a_player_that_cannot_open_the_device_is_passed_over(tmp_path: Path) -> None:
    fake_player(tmp_path, status=1)
    chain = Chain([SystemPlayerBackend("aplay", which=which_in(tmp_path)), SilentBackend()])
    assert chain.choose().name == "silent"
    assert "cannot open the sound device" in chain.tried[0][1]


def test_a_failing_bell_falls_to_the_flash(go_left: Clip) -> None:
    def ring() -> None:
        raise OSError("no terminal")

    flashes: list[Side | None] = []
    notices: list[str] = []
    chain = Chain([BellBackend(ring, terminal=lambda: True), FlashBackend(flashes.append)], notices.append)
    chain.choose()
    chain.play(go_left)
    chain.play(go_left)
    assert chain.name == "flash"
    assert flashes == [Side.LEFT, Side.LEFT]
    assert notices == ["Sound from bell failed (no terminal); now using flash."]


def test_no_terminal_no_bell_and_no_screen_means_silence(go_left: Clip) -> None:
    chain = Chain([BellBackend(lambda: None, terminal=lambda: False), FlashBackend(None)])
    assert chain.choose().name == "silent"
    chain.play(go_left)  # plays nothing, raises nothing


def test_a_failure_while_playing_degrades_once_with_one_notice(go_left: Clip) -> None:
    first, second = FakeBackend("first", fails_after=2), FakeBackend("second")
    notices: list[str] = []
    chain = Chain([first, second], notices.append)
    chain.choose()
    for _ in range(6):
        chain.play(go_left)
    assert len(first.played) == 2 and len(second.played) == 4  # the failed clip is played again
    assert first.closed and notices == ["Sound from first failed (device unplugged); now using second."]


def test_degrading_skips_a_next_backend_that_will_not_open(go_left: Clip) -> None:
    notices: list[str] = []
    chain = Chain([FakeBackend("a", fails_after=0), FakeBackend("b", opens=False), FakeBackend("c")],
                  notices.append)  # fmt: skip
    chain.choose()
    chain.play(go_left)
    assert chain.name == "c" and len(notices) == 1 and "now using c" in notices[0]


def test_a_system_player_that_dies_is_noticed_at_the_next_cue(tmp_path: Path, go_left: Clip) -> None:
    script = fake_player(tmp_path)
    player = SystemPlayerBackend("aplay", which=which_in(tmp_path))
    notices: list[str] = []
    chain = Chain([player, SilentBackend()], notices.append)
    chain.choose()
    script.write_text("#!/bin/sh\nexit 3\n")  # the device goes away
    chain.play(go_left)
    deadline = time.monotonic() + 5
    while chain.name == "aplay" and time.monotonic() < deadline:
        time.sleep(0.02)
        chain.play(go_left)
    assert chain.name == "silent"
    assert notices == ["Sound from aplay failed (aplay failed (exit status 3)); now using silent."]


def test_system_player_files_are_written_once_and_removed_at_close(tmp_path: Path, go_left: Clip) -> None:
    fake_player(tmp_path)
    player = SystemPlayerBackend("aplay", which=which_in(tmp_path))
    player.open()
    first = player.file_for(go_left)
    assert player.file_for(go_left) == first and first.read_bytes()[:4] == b"RIFF"
    assert oct(first.parent.stat().st_mode & 0o777) == "0o700"
    player.close()
    assert not first.parent.exists()


def test_simpleaudio_with_a_fake_module(go_left: Clip) -> None:
    calls: list[tuple[int, int, int, int]] = []

    class Play:
        def wait_done(self) -> None:
            return None

        def is_playing(self) -> bool:
            return False

    class Module:
        @staticmethod
        def play_buffer(data: bytes, channels: int, width: int, rate: int) -> Play:
            calls.append((len(data), channels, width, rate))
            return Play()

    backend = SimpleaudioBackend(Module())
    backend.open()
    backend.play(go_left)
    assert calls == [(882, 1, 2, 44100), (len(go_left.pcm), 1, 2, 44100)]


def test_simpleaudio_with_no_device_is_unavailable() -> None:
    class Module:
        @staticmethod
        def play_buffer(*_: object) -> None:
            raise RuntimeError("Error opening PCM device")

    with pytest.raises(Unavailable, match="no sound device"):
        SimpleaudioBackend(Module()).open()
