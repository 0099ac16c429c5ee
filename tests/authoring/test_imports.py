"""new, edit and schema never pay for Textual: neither they nor what they import load it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import contextlib, importlib, io, json, pkgutil, sys
import hamtimer.authoring as authoring
from hamtimer.cli import main
for info in pkgutil.walk_packages(authoring.__path__, "hamtimer.authoring."):
    importlib.import_module(info.name)
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    codes = [main(["schema"]), main(["new", "probe"]), main(["new", "probe"])]
if sys.argv[1:] == ["control"]:
    import textual  # noqa: F401
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "jsonschema"))
print(json.dumps({"codes": codes, "loaded": loaded}))
"""


def probe(config: Path, *args: str) -> dict[str, list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, timeout=60, check=False,
        env={"HAMTIMER_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def test_authoring_commands_load_no_textual(tmp_path: Path) -> None:
    result = probe(tmp_path / "config")
    assert result["codes"] == [0, 0, 1]
    assert result["loaded"] == []


def test_the_probe_would_see_textual(tmp_path: Path) -> None:
    assert "textual" in probe(tmp_path / "config", "control")["loaded"]
