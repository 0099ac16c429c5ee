"""The authoring subcommands (`new`, `edit`, `schema`): their options and what they run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

EXIT_OK, EXIT_INVALID = 0, 1


def _new(new: argparse.ArgumentParser) -> None:
    new.add_argument("name", metavar="NAME", help="letters, digits, - and _; the file is NAME.toml")
    new.add_argument("--from", dest="source", metavar="PROGRAM", help="copy this program (a name or a path)")


def _edit(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("program", metavar="PROGRAM", help="your program's name, a bundled name or a path")


def _schema(_: argparse.ArgumentParser) -> None:
    pass


PARSERS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "new": ("a new program of your own, from a template", _new),
    "edit": ("edit a program in $VISUAL/$EDITOR", _edit),
    "schema": ("the JSON Schema of program files, for editors", _schema),
}
"""Each subcommand: its help line, and what adds its arguments (hamtimer.arguments builds the parser)."""
COMMANDS = tuple(PARSERS)


def run(args: argparse.Namespace) -> int:
    from hamtimer.authoring.newprog import AuthoringError

    try:
        return _run(args)
    except AuthoringError as err:
        print(err, file=sys.stderr)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"{where}cannot be written or read: {err.strerror or err}", file=sys.stderr)
    return EXIT_INVALID


def _run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        from hamtimer.core.program.schema import schema_text

        sys.stdout.write(schema_text())
        return EXIT_OK
    if args.command == "new":
        from hamtimer.authoring.newprog import create

        path = create(args.name, args.source)
        print(path)
        print(f"edit it with: hamtimer edit {path.stem}", file=sys.stderr)
        return EXIT_OK
    from hamtimer.authoring.edit import edit

    return edit(args.program).code
