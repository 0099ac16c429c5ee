"""The phone: a third frontend of the session runner, a page served to the phone beside the mat.

An aiohttp server (`server.py`) behind the security rules of `guard.py`, fed by `hub.py` with the
state object (core/session/state.py) and handing the page's commands to whichever loop owns the
runner (the Textual app's, or plain mode's through `thread.py`). Imported only with `--phone`:
nothing here is loaded otherwise (tests/phone/test_imports.py).
"""
