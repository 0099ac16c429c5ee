"""The `hamtimer` command: argument parsing and wiring of the layers."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer import __version__
from hamtimer.authoring import commands as authoring
from hamtimer.core.catalog import all_programs, resolve
from hamtimer.core.engine import Status
from hamtimer.core.formatting import clock
from hamtimer.core.loader import ProgramError, load_program
from hamtimer.core.plan import Plan, build_plan
from hamtimer.core.settings import Settings, backend_choice, load_settings, no_color
from hamtimer.render import plan_text, table

if TYPE_CHECKING:
    from hamtimer.audio.player import DeferredPlayer

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _common() -> argparse.ArgumentParser:
    """Options accepted before or after the command (SUPPRESS keeps one from hiding the other)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where session logs go (default: $HAMTIMER_DATA_DIR or the user data dir)",
    )
    common.add_argument("--mute", action="store_true", default=argparse.SUPPRESS, help="no sound")
    common.add_argument(  # sound: spoken side and exercise at each work step
        "--voice", action="store_true", default=argparse.SUPPRESS,
        help="say the side and exercise as each work step starts (needs espeak-ng or say)",
    )  # fmt: skip
    return common


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of sessions, 1 or more, not {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="hamtimer",
        parents=[common],
        description="A terminal interval timer for hamstring strength work, with a left/right log.",
    )
    parser.add_argument("--version", action="version", version=f"hamtimer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", parents=[common], help="validate program files")
    check.add_argument("files", nargs="+", metavar="FILE")
    plan = commands.add_parser("plan", parents=[common], help="show the expanded timeline")
    plan.add_argument("program", metavar="PROGRAM", help="a bundled name or a path")
    plan.add_argument("--json", action="store_true", help="machine-readable output")
    commands.add_parser("list", parents=[common], help="programs found, with estimated duration")
    history = commands.add_parser("history", parents=[common], help="the left/right symmetry report")
    output = history.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="machine-readable report")
    output.add_argument("--csv", action="store_true", help="one row per side per result")
    history.add_argument("--exercise", metavar="NAME", help="only this exercise")
    history.add_argument("--last", metavar="N", type=_positive, default=3,
                         help="sessions in the window for means (default 3)")  # fmt: skip
    run = commands.add_parser("run", parents=[common], help="run a program")
    run.add_argument("program", metavar="PROGRAM", help="a bundled name or a path")
    run.add_argument("--trace", metavar="FILE", help="write one JSON line per engine event")
    run.add_argument("--plain", action="store_true", help="no full-screen UI: one line of text per event")
    sound = commands.add_parser(  # sound: the cue set, played or written to a file
        "sound", parents=[common], help="play every cue and say which backend plays them"
    )
    sound.add_argument("--render", metavar="FILE.wav", help="write every cue to one WAV file instead")
    authoring.add_parsers(commands, common)
    return parser


def _load(spec: str) -> Plan:
    entry = resolve(spec)
    return build_plan(load_program(entry.path, entry.display if entry.origin == "bundled" else spec))


def cmd_check(files: Sequence[str]) -> int:
    failed = 0
    for name in files:
        try:
            plan = build_plan(load_program(name))
        except ProgramError as err:
            failed += 1
            print(err.render(), file=sys.stderr)
            continue
        print(
            f"{name}: ok: {plan.program.name}, {len(plan.steps)} steps, about {clock(plan.estimated_seconds)}"
        )
    if len(files) > 1:
        print(
            f"{len(files) - failed} valid, {failed} invalid",
            file=sys.stderr if failed else sys.stdout,
        )
    return EXIT_INVALID if failed else EXIT_OK


def cmd_plan(spec: str, as_json: bool) -> int:
    plan = _load(spec)
    if as_json:
        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
    else:
        print(plan_text(plan))
    return EXIT_OK


def cmd_list() -> int:
    rows = []
    bad = 0
    for entry in all_programs():
        try:
            plan = entry.load_plan()
        except ProgramError as err:
            bad += 1
            count = len(err.problems)
            rows.append(
                [
                    entry.name,
                    "(invalid: run hamtimer check)",
                    "",
                    f"{count} problem" + "s" * (count > 1),
                    str(entry.path),
                ]
            )
            continue
        rows.append(
            [
                entry.name,
                plan.program.name,
                clock(plan.estimated_seconds),
                entry.origin,
                str(entry.path),
            ]
        )
    if not rows:
        print("no programs found")
        return EXIT_OK
    print(table(["name", "program", "about", "from", "file"], rows, right={2}))
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    """The report. The process ends right after it: Python's cycle collector, which would walk
    every summary read again and again as more are made, is left off (none of them is a cycle)."""
    import gc

    from hamtimer.core.paths import data_dir

    gc.disable()
    folder = data_dir(getattr(args, "data_dir", None))
    if args.csv:
        from hamtimer.core.export import write_csv

        skipped, rows = write_csv(folder, sys.stdout, args.exercise)
        for file, reason in skipped:
            print(f"skipped {file}: {reason}", file=sys.stderr)
        if args.exercise and not rows:
            print(f"no session holds an exercise called {args.exercise!r}", file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    from hamtimer.core.history import build_report
    from hamtimer.core.paths import history_cache_dir
    from hamtimer.core.sessions import collect
    from hamtimer.render import history_table

    collection = collect(folder, history_cache_dir())
    report = build_report(collection, args.last, args.exercise)
    if args.exercise and not report.exercises:
        known = build_report(collection, args.last)
        names = ", ".join(sorted(e.exercise for e in known.exercises)) or "none yet"
        print(f"no session holds an exercise called {args.exercise!r}; exercises: {names}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    elif not report.sessions and not report.skipped:
        print(f"no sessions yet in {folder}")
    else:
        print(history_table(report, colour=sys.stdout.isatty()))
    return EXIT_OK


def _settings() -> Settings:
    """config.toml, its problems told on stderr (the app shows them too)."""
    settings = load_settings()
    for problem in settings.problems:
        print(problem, file=sys.stderr)
    return settings


def _backend(settings: Settings) -> str:
    backend, problem = backend_choice(settings.backend, os.environ)
    if problem:
        print(problem, file=sys.stderr)
    return backend


def _sound_player(settings: Settings, voice: bool) -> DeferredPlayer:
    """The app's player: built (and the audio code imported) only after the first frame."""
    from hamtimer.audio.player import DeferredPlayer

    return DeferredPlayer(settings.volume, backend=_backend(settings), voice=voice)


def cmd_sound(args: argparse.Namespace) -> int:
    from hamtimer.audio.showcase import play_showcase, render_file
    from hamtimer.audio.sound import SoundPlayer

    settings = _settings()
    if args.render:
        path = Path(args.render).expanduser()
        try:
            count, seconds = render_file(path, settings.volume)
        except OSError as error:
            print(f"{path}: cannot be written ({error.strerror or error})", file=sys.stderr)
            return EXIT_INVALID
        print(f"wrote {path}: {count} cues, {seconds:.1f} s, 44100 Hz mono 16-bit")
        return EXIT_OK
    player = SoundPlayer(settings.volume, backend=_backend(settings))
    play_showcase(player, muted=getattr(args, "mute", False) or settings.mute)
    return EXIT_OK


def cmd_app(args: argparse.Namespace, plan: Plan | None) -> int:
    from hamtimer.ui.app import HamtimerApp, RunOptions

    data_dir = getattr(args, "data_dir", None)
    trace = getattr(args, "trace", None)
    settings = _settings()
    player = _sound_player(settings, voice=getattr(args, "voice", False) or settings.voice)
    options = RunOptions(
        data_dir=Path(data_dir) if data_dir else None,
        mute=getattr(args, "mute", False) or settings.mute,
        trace=Path(trace) if trace else None,
        notices=settings.problems,
        theme=settings.theme,
        no_color=no_color(os.environ),
    )
    app = HamtimerApp(plan, options, player=player)
    app.run()
    player.stop()
    engine = app.engine
    if engine is not None and engine.status is Status.STOPPED:
        from rich.console import Console

        from hamtimer.core.summary import active_seconds
        from hamtimer.summary_table import summary_table

        console = Console()
        with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
            console.print(
                f"Session stopped: {engine.plan.program.name}, {len(engine.results)} sides or sets "
                f"done in {clock(active_seconds(engine))}."
            )
            if engine.results:
                console.print(summary_table(engine))
    return app.return_code or EXIT_OK


def cmd_plain(args: argparse.Namespace, plan: Plan) -> int:
    from hamtimer.core.paths import data_dir
    from hamtimer.plain.main import run_plain

    settings = _settings()
    player = _sound_player(settings, voice=getattr(args, "voice", False) or settings.voice)
    trace = getattr(args, "trace", None)
    return run_plain(
        plan,
        data_dir(getattr(args, "data_dir", None)),
        player,
        mute=getattr(args, "mute", False) or settings.mute,
        trace=Path(trace) if trace else None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args.files)
        if args.command == "plan":
            return cmd_plan(args.program, args.json)
        if args.command == "list":
            return cmd_list()
        if args.command == "history":
            return cmd_history(args)
        if args.command == "run" and args.plain:
            return cmd_plain(args, _load(args.program))
        if args.command == "run":
            return cmd_app(args, _load(args.program))
        if args.command == "sound":
            return cmd_sound(args)
        if args.command in authoring.COMMANDS:
            return authoring.run(args)
        return cmd_app(args, None)
    except ProgramError as err:
        print(err.render(), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
