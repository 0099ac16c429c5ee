"""The command line's words: the options every command takes, each command and its arguments.

`build_parser(argv)` builds the parser of the command argv names, or of every command when argv
names none (for --help and for a mistyped command's list of choices)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from hamtimer import export_command
from hamtimer import phone_setup as phone
from hamtimer.authoring import commands as authoring


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


class _Version(argparse.Action):
    """--version: the installed version, looked up only when asked (see hamtimer.__getattr__)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import hamtimer

        print(f"hamtimer {hamtimer.__version__}")
        parser.exit()


def _check(check: argparse.ArgumentParser) -> None:
    check.add_argument("files", nargs="+", metavar="FILE")


def _plan(plan: argparse.ArgumentParser) -> None:
    plan.add_argument("program", metavar="PROGRAM", help="a bundled name or a path")
    plan.add_argument("--json", action="store_true", help="machine-readable output")
    plan.add_argument("--fresh", action="store_true", help="the file's own targets, ignoring history")


def _history(history: argparse.ArgumentParser) -> None:
    output = history.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="machine-readable report")
    output.add_argument("--csv", action="store_true", help="one row per side per result")
    output.add_argument("--plot", action="store_true", help="left and right over time, a chart per exercise")
    output.add_argument(
        "--calendar", action="store_true", help="the last 26 weeks, a cell a day, and the weekly target"
    )
    history.add_argument("--exercise", metavar="NAME", help="only this exercise")
    history.add_argument("--last", metavar="N", type=_positive, default=3,
                         help="sessions in the window for means (default 3)")  # fmt: skip


def _run(run: argparse.ArgumentParser) -> None:
    run.add_argument("program", metavar="PROGRAM", help="a bundled name or a path")
    run.add_argument("--trace", metavar="FILE", help="write one JSON line per engine event")
    run.add_argument("--plain", action="store_true", help="no full-screen UI: one line of text per event")
    run.add_argument("--all", action="store_true", help="include exercises waiting behind a gate, this once")
    phone.add_arguments(run)


def _sound(sound: argparse.ArgumentParser) -> None:
    sound.add_argument("--render", metavar="FILE.wav", help="write every cue to one WAV file instead")


def _nothing(_: argparse.ArgumentParser) -> None:
    pass


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("validate program files", _check),
    "plan": ("show the expanded timeline", _plan),
    "list": ("programs found, with estimated duration", _nothing),
    "history": ("the left/right symmetry report", _history),
    "run": ("run a program", _run),
    "sound": ("play every cue and say which backend plays them", _sound),
    **authoring.PARSERS,
    **export_command.PARSERS,
}
"""Each command: its help line, and what adds its arguments."""


def _command_named(argv: Sequence[str]) -> str | None:
    """The command argv names, if it names one: the first word that is not an option (nor the
    value of --data-dir)."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given argv, only the command it names gets its own parser:
    every one built is about 0.2 ms before a session's first frame (bench_session.py)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="hamtimer",
        parents=[common],
        description="A terminal interval timer for hamstring strength work, with a left/right log.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = _command_named(sys.argv[1:] if argv is None else argv)
    for name, (summary, add_arguments) in COMMANDS.items():
        if named is None or name == named:
            add_arguments(commands.add_parser(name, parents=[common], help=summary))
    return parser
