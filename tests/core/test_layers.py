"""The core and plain mode never import Textual: they must stay usable (and fast to test) without the UI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import importlib, json, pkgutil, sys
import hamtimer.core as core, hamtimer.plain as plain
names = sorted(
    m.name
    for package in (core, plain)
    for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
)
for name in names:
    importlib.import_module(name)
if sys.argv[1:] == ["control"]:
    import textual  # noqa: F401
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"modules": names, "textual": loaded}))
"""


def probe(*args: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_no_core_module_imports_textual() -> None:
    result = probe()
    for expected in (
        "program.catalog",
        "program.loader",
        "paths",
        "session.plan",
        "program.model",
        "session.runner",
    ):
        assert f"hamtimer.core.{expected}" in result["modules"]
    for expected in ("frontend", "lines", "main", "source"):
        assert f"hamtimer.plain.{expected}" in result["modules"]
    assert result["textual"] == []


def test_the_probe_would_see_textual() -> None:
    assert "textual" in probe("control")["textual"]


def test_no_module_is_over_400_lines() -> None:
    package = Path(__file__).resolve().parents[2] / "hamtimer"
    long = {
        str(path.relative_to(package)): count
        for path in package.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
