"""`hamtimer export --fit [--out DIR] [--since YYYY-MM-DD] [--force] [LOG...]`: FIT activity files
of session logs, for Garmin Connect and Strava.

The FIT file of every usable log is printed on stdout, one path a line, whether it was written
now or kept from before (so the list always names each log's file and can go on to an uploader);
which were kept, and the logs skipped with their reasons, are told on stderr, with a count.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

EXIT_OK, EXIT_INVALID = 0, 1


def _day(text: str) -> date:
    from datetime import date  # not at start-up: cli imports this module for every command

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def _arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--fit", action="store_true", required=True, help="write FIT activity files (the one format so far)"
    )
    export.add_argument("--out", metavar="DIR", help="where the files go (default: <data dir>/exports/fit)")
    export.add_argument("--since", metavar="YYYY-MM-DD", type=_day, help="only sessions from this day on")
    export.add_argument("--force", action="store_true", help="write files that are already there again")
    export.add_argument("logs", nargs="*", metavar="LOG", help="session logs (default: every log)")


PARSERS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "export": ("FIT activity files of session logs, for Garmin Connect and Strava", _arguments),
}
"""The subcommand: its help line, and what adds its arguments (hamtimer.arguments builds the parser)."""


def run(args: argparse.Namespace) -> int:
    from hamtimer.core.history.fit import FitSdkMissing
    from hamtimer.core.history.fit_export import (
        FolderError,
        Outcome,
        default_folder,
        export_logs,
        prepare_folder,
    )
    from hamtimer.core.log.folder import log_files
    from hamtimer.core.paths import data_dir

    folder_of_data = data_dir(getattr(args, "data_dir", None))
    folder = Path(args.out).expanduser() if args.out else default_folder(folder_of_data)
    named = [Path(log).expanduser() for log in args.logs]
    logs = named or log_files(folder_of_data)
    if not logs:
        print(f"no session logs in {folder_of_data}", file=sys.stderr)
        return EXIT_OK
    counts = dict.fromkeys(Outcome, 0)
    bad_named = False
    try:
        prepare_folder(folder, None if args.out else folder_of_data)
        for done in export_logs(logs, folder, force=args.force, since=args.since):
            counts[done.outcome] += 1
            if done.outcome is Outcome.WRITTEN:
                print(done.path, flush=True)
            elif done.outcome is Outcome.KEPT:
                print(f"kept {done.path} (already there; --force writes it again)", file=sys.stderr)
                print(done.path, flush=True)
            else:
                print(f"skipped {done.log}: {done.reason}", file=sys.stderr)
                bad_named = bad_named or bool(named)
    except (FolderError, FitSdkMissing) as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    written, kept, skipped = (counts[o] for o in (Outcome.WRITTEN, Outcome.KEPT, Outcome.SKIPPED))
    print(f"{written} written, {kept} kept, {skipped} skipped, in {folder}", file=sys.stderr)
    return EXIT_INVALID if bad_named else EXIT_OK
