"""With --phone off, nothing of the phone is imported: not aiohttp, not segno, not hamtimer.phone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer import phone_setup
from tests.support.programs import TINY

PHONE_MODULES = """
import json, sys
def phone_modules():
    return sorted(
        m for m in sys.modules
        if m.split(".")[0] in ("aiohttp", "segno", "multidict", "yarl")
        or m == "hamtimer.phone" or m.startswith("hamtimer.phone.") or m == "hamtimer.ui.phone"
    )
"""
PLAIN = (
    PHONE_MODULES
    + """
from hamtimer.cli import main
code = main(["run", sys.argv[1], "--plain", *sys.argv[2:]])
print(json.dumps({"code": code, "loaded": phone_modules()}))
"""
)
APP = (
    PHONE_MODULES
    + """
from hamtimer.cli import _load, build_parser
from hamtimer.ui.app import HamtimerApp, RunOptions
args = build_parser().parse_args(["run", sys.argv[1]])

async def look(pilot):
    await pilot.pause(0.5)
    pilot.app.exit()

HamtimerApp(_load(sys.argv[1], args), RunOptions(mute=True)).run(headless=True, auto_pilot=look)
print(json.dumps({"code": 0, "loaded": phone_modules()}))
"""
)


def loaded(script: str, tmp_path: Path, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(TINY), *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_plain_mode_without_the_phone_imports_none_of_it(tmp_path: Path) -> None:
    assert loaded(PLAIN, tmp_path)["loaded"] == []


def test_the_app_without_the_phone_imports_none_of_it(tmp_path: Path) -> None:
    assert loaded(APP, tmp_path)["loaded"] == []


def test_the_probe_sees_the_phone_when_it_is_on(tmp_path: Path) -> None:
    found = loaded(PLAIN, tmp_path, "--phone", "--phone-host", "127.0.0.1")["loaded"]
    assert isinstance(found, list)
    assert {"aiohttp", "segno", "hamtimer.phone.server"} <= set(found)


def test_missing_packages_get_a_one_line_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hamtimer.cli import main

    monkeypatch.setattr(phone_setup, "missing", lambda: phone_setup.HINT)
    assert main(["run", str(TINY), "--plain", "--phone"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == phone_setup.HINT and "pip install 'hamtimer[phone]'" in err
