"""A stand-in for $EDITOR: each run writes the next queued text over the file it is given.

$SCRIPTED_EDITS names a folder of numbered files (1.toml, 2.toml, ...); each run takes the
lowest one left. A queued `N.exit` holding a number makes that run exit with that status and
leave the file alone. Every run appends its arguments and the text it was given (as JSON) to
`calls.jsonl` in the folder.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main() -> int:
    queue = Path(os.environ["SCRIPTED_EDITS"])
    given = Path(sys.argv[-1])
    with (queue / "calls.jsonl").open("a") as log:
        log.write(json.dumps({"argv": sys.argv[1:], "text": given.read_text()}) + "\n")
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
