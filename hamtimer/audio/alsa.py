"""Keep alsa-lib's own error lines ("ALSA lib pcm.c:...") off the terminal.

alsa-lib prints its errors to the process's stderr (file descriptor 2), under Textual's screen,
whatever Python does with sys.stderr. Installing a handler that does nothing with
`snd_lib_error_set_handler` silences them for every user of the library in this process,
simpleaudio included (it loads the same libasound.so.2). Child processes (aplay) have their
stderr sent to /dev/null instead.
"""

from __future__ import annotations

import atexit
import ctypes
import threading
from typing import Any

_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
"""void handler(const char *file, int line, const char *function, int err, const char *fmt, ...):
the variadic tail is never read, so the fixed part is all the callback needs to declare."""


def _ignore(*_: object) -> None:
    return None


_state: dict[str, Any] = {}
_lock = threading.Lock()


def silence_alsa_errors() -> bool:
    """Install the no-op handler once; False where there is no alsa-lib (macOS, say)."""
    with _lock:
        if "handler" in _state:
            return True
        try:
            library = ctypes.CDLL("libasound.so.2")
            install = library.snd_lib_error_set_handler
        except (OSError, AttributeError):
            return False
        install.argtypes = [_HANDLER_TYPE]
        install.restype = ctypes.c_int
        handler = _HANDLER_TYPE(_ignore)
        if install(handler) != 0:
            return False
        _state["handler"] = handler  # the C side keeps only a pointer: this keeps the callback alive
        _state["library"] = library
        atexit.register(_restore)
        return True


def _restore() -> None:
    """Give alsa-lib its own handler back before the interpreter goes, so that no late error
    from a playback thread calls into a finished Python."""
    library = _state.get("library")
    if library is None:
        return
    try:
        reset = library.snd_lib_error_set_handler
        reset.argtypes = [ctypes.c_void_p]
        reset(None)
    except (OSError, AttributeError, ctypes.ArgumentError):
        return
