"""`hamtimer sound`: the backend in use and every cue with its name; `--render` writes them all
to one WAV file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from hamtimer.audio.cues import SHOWCASE, Bank
from hamtimer.audio.showcase import RENDER_GAP, play_showcase
from hamtimer.audio.sound import SoundPlayer
from hamtimer.audio.synth import RATE
from hamtimer.cli import main
from tests.support.audio import capture_config, captures, dominant, no_device_config, runs

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def test_render_writes_one_valid_wav_of_the_whole_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cues.wav"
    assert main(["sound", "--render", str(out)]) == 0
    with wave.open(str(out), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (44100, 1, 2)
        frames = wav.getnframes()
        data = wav.readframes(frames)
    bank = Bank(0.8)
    expected = sum(bank.clip(keys).seconds for _, keys in SHOWCASE) + RENDER_GAP * (len(SHOWCASE) - 1)
    assert frames / RATE == pytest.approx(expected, abs=0.01)
    assert len(data) == 2 * frames
    printed = capsys.readouterr().out
    assert f"wrote {out}: {len(SHOWCASE)} cues" in printed and "44100 Hz mono 16-bit" in printed


def test_render_holds_each_cue_apart(tmp_path: Path) -> None:
    from array import array

    out = tmp_path / "cues.wav"
    main(["sound", "--render", str(out)])
    with wave.open(str(out), "rb") as wav:
        samples = array("h", wav.readframes(wav.getnframes()))
    assert len(runs(samples, RENDER_GAP * 0.9)) == len(SHOWCASE)


def test_render_uses_the_configured_volume(tmp_path: Path, user_dirs: object) -> None:
    from array import array

    config = Path(os.environ["HAMTIMER_CONFIG_DIR"])
    loud, soft = tmp_path / "loud.wav", tmp_path / "soft.wav"
    main(["sound", "--render", str(loud)])
    (config / "config.toml").write_text("[sound]\nvolume = 0.2\n")
    main(["sound", "--render", str(soft)])
    peaks = []
    for path in (loud, soft):
        with wave.open(str(path), "rb") as wav:
            peaks.append(max(array("h", wav.readframes(wav.getnframes()))))
    assert peaks[1] == pytest.approx(peaks[0] / 4, rel=0.02)


def test_render_to_a_folder_that_does_not_exist_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sound", "--render", str(tmp_path / "nope" / "x.wav")]) == 1
    assert "cannot be written" in capsys.readouterr().err


def test_sound_names_the_backend_and_every_cue(tmp_path: Path) -> None:
    env = {**os.environ, "HAMTIMER_AUDIO": "silent"}
    done = subprocess.run(
        [HAMTIMER, "sound", "--mute"], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "sound backend: silent"
    for label, _ in SHOWCASE:
        assert any(line.strip().startswith(label) for line in lines), label
    assert "falling pair" in done.stdout and "rising pair" in done.stdout
    assert "; then right leg, a rising pair" in done.stdout


def test_sound_with_no_device_says_why_each_backend_was_passed_over(tmp_path: Path) -> None:
    env = {**os.environ, "ALSA_CONFIG_PATH": str(no_device_config(tmp_path))}
    done = subprocess.run(
        [HAMTIMER, "sound", "--mute"], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert done.stdout.splitlines()[0] == "sound backend: silent"  # no terminal here: no bell either
    assert (
        "not simpleaudio: no sound device" in done.stdout
        or "not simpleaudio: simpleaudio is not" in done.stdout
    )
    assert "not aplay: aplay cannot open the sound device" in done.stdout
    assert "ALSA" not in done.stderr


def test_sound_plays_every_cue_on_the_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(capture_config(tmp_path / "cap")))
    player = SoundPlayer(0.8)
    out = io.StringIO()
    name = play_showcase(player, out=out, sleep=lambda _: None)
    assert name in ("simpleaudio", "aplay")
    assert out.getvalue().startswith(f"sound backend: {name}\n")
    deadline = time.monotonic() + 10
    while len(captures(tmp_path / "cap")) < 1 + len(SHOWCASE) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # the last one finishes writing
    played = captures(tmp_path / "cap")[1:]  # the first is the backend's probe: silence
    assert len(played) == len(SHOWCASE)
    for capture, (label, keys) in zip(played, SHOWCASE, strict=True):  # bit-exact, in order
        pcm = player.bank.clip(keys).pcm
        assert capture.samples.tobytes()[: len(pcm)] == pcm, label
    go = played[2].samples
    assert dominant(go, [880, 1319, 330]) == 1319
