"""alsa-lib's own error lines never reach the terminal once hamtimer has silenced them.

Each check runs in a child process with ALSA_CONFIG_PATH at a config with no default device,
opens that device through alsa-lib itself, and shows what reached its stderr (fd 2)."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.audio import no_device_config

try:
    ctypes.CDLL("libasound.so.2")
except OSError:
    pytest.skip("no alsa-lib here (./dev test installs libasound2-dev)", allow_module_level=True)

OPEN = """
import ctypes, sys
if sys.argv[1] == "silenced":
    from hamtimer.audio.alsa import silence_alsa_errors
    assert silence_alsa_errors()
    assert silence_alsa_errors()  # twice is harmless
lib = ctypes.CDLL("libasound.so.2")
handle = ctypes.c_void_p()
status = lib.snd_pcm_open(ctypes.byref(handle), b"default", 0, 0)
print(status)
"""


def open_default(tmp_path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ALSA_CONFIG_PATH": str(no_device_config(tmp_path))}
    return subprocess.run(
        [sys.executable, "-c", OPEN, mode], capture_output=True, text=True, env=env, timeout=60, check=True
    )


def test_without_the_handler_alsa_prints_its_errors(tmp_path: Path) -> None:
    done = open_default(tmp_path, "plain")
    assert int(done.stdout) < 0
    assert "ALSA lib" in done.stderr  # the check below would see them


def test_with_the_handler_nothing_is_printed(tmp_path: Path) -> None:
    done = open_default(tmp_path, "silenced")
    assert int(done.stdout) < 0
    assert done.stderr == ""


SIMPLEAUDIO = """
from hamtimer.audio.backends import SimpleaudioBackend, Unavailable
try:
    SimpleaudioBackend().open()
except Unavailable as error:
    print(error)
"""


def test_simpleaudio_failing_to_open_prints_nothing(tmp_path: Path) -> None:
    pytest.importorskip("simpleaudio")
    env = {**os.environ, "ALSA_CONFIG_PATH": str(no_device_config(tmp_path))}
    done = subprocess.run(
        [sys.executable, "-c", SIMPLEAUDIO], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert "no sound device" in done.stdout
    assert done.stderr == ""
