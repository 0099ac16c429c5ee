"""A stand-in for $EDITOR: each run writes the next queued text over the file it is given.

$SCRIPTED_EDITS names a folder of numbered files (1.toml, 2.toml, ...); each run takes the
lowest one left. A queued `N.exit` holding a number makes that run exit with that status and
leave the file alone. Every run appends its arguments, the text it was given and whether keys
were already waiting on its terminal (typed for someone else) as JSON to `calls.jsonl`.
"""

from __future__ import annotations

import json
import os
import select
import sys
from pathlib import Path


def main() -> int:
    queue = Path(os.environ["SCRIPTED_EDITS"])
    given = Path(sys.argv[-1])
    waiting_keys = sys.stdin.isatty() and bool(select.select([sys.stdin], [], [], 0.3)[0])
    call = {"argv": sys.argv[1:], "text": given.read_text(), "waiting_keys": waiting_keys}
    with (queue / "calls.jsonl").open("a") as log:
        log.write(json.dumps(call) + "\n")
    waiting = sorted((p for p in queue.iterdir() if p.stem.isdigit()), key=lambda p: int(p.stem))
    if not waiting:
        print("scripted editor: nothing queued", file=sys.stderr)
        return 3
    step = waiting[0]
    text = step.read_text()
    step.unlink()
    if step.suffix == ".exit":
        return int(text)
    given.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
