"""`hamtimer run PROGRAM --plain`: the runner, the sound and the plain frontend wired together."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hamtimer.audio.player import CuePlayer
from hamtimer.core.session.plan import Plan, Step
from hamtimer.core.session.runner import SessionRunner
from hamtimer.plain.frontend import PlainSession
from hamtimer.plain.source import open_source

if TYPE_CHECKING:
    from hamtimer.phone_setup import PhoneSetup


def start_phone(session: PlainSession, setup: PhoneSetup, out: TextIO) -> bool:
    """The phone server in its own thread: `phone: URL` (and the QR code on a terminal). False
    when it cannot listen (the reason said)."""
    from hamtimer.phone.qr import qr_lines
    from hamtimer.phone.thread import PhoneThread

    server = PhoneThread(session.runner, setup, session.post, session.say)
    try:
        url = server.start()
    except OSError as error:
        where = setup.host or "the default address"
        session.say(f"phone: cannot listen on {where} ({error.strerror or error})")
        return False
    session.before_close.append(server.stop)
    session.say(f"phone: {url}")
    if out.isatty():
        for line in qr_lines(url):
            session.say(line)
    return True


def run_plain(
    plan: Plan,
    data_dir: Path,
    player: CuePlayer,
    *,
    mute: bool = False,
    trace: Path | None = None,
    soreness: bool = False,
    fit: bool = False,
    phone: PhoneSetup | None = None,
    stdin: int = 0,
    out: TextIO = sys.stdout,
) -> int:
    """Run one session in plain text; the exit code (128 + n after signal n). With `fit`
    (config.toml's [export] fit), the session's FIT file is written at the end and named."""
    from hamtimer.core.training.progression import replanner

    runner = SessionRunner(
        plan, data_dir, sound=player, muted=mute, trace=trace, replan=replanner(plan, data_dir)
    )
    asked = soreness or plan.program.soreness
    session = PlainSession(runner, open_source(stdin), out, soreness=asked)
    if phone is not None and not start_phone(session, phone, out):
        session.source.close()
        return 1
    start = getattr(player, "start", None)
    if start is not None:
        from hamtimer.audio.sound import Hooks

        def step(index: int) -> Step | None:
            steps = runner.engine.plan.steps  # a resumed session runs on the plan it started with
            return steps[index] if 0 <= index < len(steps) else None

        def ring() -> None:
            out.write("\a")
            out.flush()

        start(Hooks(notice=lambda text: session.say(f"sound: {text}"), ring=ring, step=step))
    try:
        code = session.run()
        if fit and runner.log_path is not None:
            from hamtimer.core.history.fit_export import export_session

            session.say(export_session(runner.log_path, data_dir))
        return code
    finally:
        stop = getattr(player, "stop", None)
        if stop is not None:
            stop(0.5)
