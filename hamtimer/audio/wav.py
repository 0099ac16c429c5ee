"""WAV files of 16-bit mono samples: for the system player and `hamtimer sound --render`."""

from __future__ import annotations

import io
import os
import wave
from pathlib import Path

from hamtimer.audio.synth import RATE


def wav_bytes(pcm: bytes, rate: int = RATE) -> bytes:
    """A whole WAV file holding `pcm` (mono signed 16-bit little-endian)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def write_wav(path: Path, pcm: bytes, rate: int = RATE) -> Path:
    """Write the file whole or not at all: a temporary file beside it, then a rename."""
    data = wav_bytes(pcm, rate)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
