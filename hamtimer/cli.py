"""The `hamtimer` command: argument parsing and wiring of the layers."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer import export_command
from hamtimer import phone_setup as phone
from hamtimer.arguments import build_parser
from hamtimer.authoring import commands as authoring
from hamtimer.core.formatting import clock
from hamtimer.core.program.problems import ProgramError

if TYPE_CHECKING:
    from hamtimer.audio.player import DeferredPlayer
    from hamtimer.core.session.plan import Plan
    from hamtimer.core.settings import Settings

# Each command imports what it needs: `history` pays for neither the loader nor the plan, and
# start-up stays a small part of its 0.3 s budget (bench/bench_history.py).

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _load(spec: str, args: argparse.Namespace) -> Plan:
    """Today's plan of a program, from the logs under the data dir (see core/progression)."""
    from hamtimer.core.paths import data_dir
    from hamtimer.core.program.catalog import resolve
    from hamtimer.core.program.loader import load_program
    from hamtimer.core.settings import load_settings
    from hamtimer.core.training.progression import plan_today

    entry = resolve(spec)
    program = load_program(entry.path, entry.display if entry.origin == "bundled" else spec)
    return plan_today(
        program,
        data_dir(getattr(args, "data_dir", None)),
        fresh=getattr(args, "fresh", False),
        include_waiting=getattr(args, "all", False),
        per_week=load_settings().per_week,  # its problems are told by the commands that run
    )


def cmd_check(files: Sequence[str]) -> int:
    from hamtimer.core.program.loader import load_program
    from hamtimer.core.session.plan import build_plan

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


def cmd_plan(args: argparse.Namespace) -> int:
    from hamtimer.render import plan_text

    plan = _load(args.program, args)
    as_json = args.json
    if as_json:
        import json

        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
    else:
        print(plan_text(plan))
    return EXIT_OK


def cmd_list() -> int:
    from hamtimer.core.program.catalog import all_programs
    from hamtimer.core.session.plan import build_plan
    from hamtimer.render import table

    rows = []
    bad = 0
    for entry in all_programs():
        try:
            plan = build_plan(entry.load())
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
    """The report, from the data folder's history index (core/history/reader.py). The process
    ends right after it: Python's cycle collector is left off (what is built holds no cycle)."""
    import gc

    from hamtimer.core.paths import data_dir

    gc.disable()
    folder = data_dir(getattr(args, "data_dir", None))
    from hamtimer.core.history.reader import history_report, report_and_work, work_done
    from hamtimer.history_weeks import print_weeks, weeks_since  # imports little: the rest on use

    if args.calendar:  # issue 20: the weeks need no report
        print_weeks(work_done(folder, weeks_since()), None)
        return EXIT_OK
    since = weeks_since() if args.json else None  # the days the weeks are read by, from then on
    report, done = report_and_work(folder, args.last, args.exercise, series=args.plot, since=since)
    if args.csv:
        from hamtimer.core.history.reader import write_history_csv

        verdicts = {item.exercise: item.verdict for item in report.exercises}
        skipped, rows = write_history_csv(folder, sys.stdout, args.exercise, verdicts)
        for file, reason in skipped:
            print(f"skipped {file}: {reason}", file=sys.stderr)
        if args.exercise and not rows:
            print(f"no session holds an exercise called {args.exercise!r}", file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    from hamtimer.render import history_table

    if args.exercise and not report.exercises:
        known = history_report(folder, args.last)
        names = ", ".join(sorted(e.exercise for e in known.exercises)) or "none yet"
        print(f"no session holds an exercise called {args.exercise!r}; exercises: {names}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print_weeks(done, report)
        return EXIT_OK
    if args.plot:
        from hamtimer.charts import plot_report

        print(plot_report(report, colour=sys.stdout.isatty(), width=shutil.get_terminal_size().columns))
    elif not report.sessions and not report.skipped:
        print(f"no sessions yet in {folder}")
    else:
        print(history_table(report, colour=sys.stdout.isatty()))
    return EXIT_OK


def _settings() -> Settings:
    """config.toml, its problems told on stderr (the app shows them too)."""
    from hamtimer.core.settings import load_settings

    settings = load_settings()
    for problem in settings.problems:
        print(problem, file=sys.stderr)
    return settings


def _backend(settings: Settings) -> str:
    from hamtimer.core.settings import backend_choice

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
    from hamtimer.core.settings import no_color
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
        soreness=settings.soreness,
        theme=settings.theme,
        no_color=no_color(os.environ),
        fit=settings.fit,
        phone=phone.phone_setup(args, settings),
    )
    app = HamtimerApp(plan, options, player=player)
    app.run()
    player.stop()
    from hamtimer.core.session.engine import Status

    engine = app.engine
    if engine is not None and engine.status is Status.STOPPED:
        from rich.console import Console

        from hamtimer.core.history.summary import active_seconds
        from hamtimer.summary_table import summary_table

        console = Console()
        with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
            console.print(
                f"Session stopped: {engine.plan.program.name}, {len(engine.results)} sides or sets "
                f"done in {clock(active_seconds(engine))}."
            )
            if engine.results:
                console.print(summary_table(engine))
            if app.fit_note:
                console.print(app.fit_note, markup=False)
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
        soreness=settings.soreness,
        fit=settings.fit,
        phone=phone.phone_setup(args, settings),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args.files)
        if args.command == "plan":
            return cmd_plan(args)
        if args.command == "list":
            return cmd_list()
        if args.command == "history":
            return cmd_history(args)
        if args.command == "run" and args.plain:
            return cmd_plain(args, _load(args.program, args))
        if args.command in ("run", None):
            # Start-up makes many objects and frees few: collecting meanwhile cost about 8 % of
            # the first frame (bench_session.py). HamtimerApp.on_ready turns collection back on.
            import gc

            gc.disable()
        if args.command == "run":
            return cmd_app(args, _load(args.program, args))
        if args.command == "sound":
            return cmd_sound(args)
        if args.command in authoring.COMMANDS:
            return authoring.run(args)
        if args.command == "export":
            return export_command.run(args)
        return cmd_app(args, None)
    except (ProgramError, phone.PhoneMissing) as err:
        print(err.render() if isinstance(err, ProgramError) else err, file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
