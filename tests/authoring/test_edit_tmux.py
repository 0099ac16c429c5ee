"""`hamtimer edit` in a real terminal: the question is answered by one key, or a key and enter."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.support.editing import DATA, ScriptedEditor
from tests.support.tmux import Tmux

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def _setup(tmp_path: Path) -> tuple[Path, ScriptedEditor, dict[str, str]]:
    config = tmp_path / "config"
    program = config / "programs" / "mine.toml"
    program.parent.mkdir(parents=True)
    program.write_text((DATA / "fixed.toml").read_text())
    editor = ScriptedEditor(tmp_path / "edits")
    env = {"HAMTIMER_CONFIG_DIR": str(config), **editor.env()}
    return program, editor, env


def test_one_key_edits_again_and_the_fixed_program_is_saved(tmp_path: Path) -> None:
    program, editor, env = _setup(tmp_path)
    editor.queue("typo", "two-seconds")
    with Tmux(100, 24) as term:
        term.start([HAMTIMER, "edit", "mine"], env=env)
        shown = term.wait_for("[e]dit again, [k]eep the draft, [d]rop?")
        assert 'hodl: unknown key; did you mean "hold"?' in shown
        term.keys("e")
        shown = term.wait_for(f"saved {program}")
        assert term.wait_exit() == 0
    assert 'name = "Two seconds"' in program.read_text()
    assert [call["waiting_keys"] for call in editor.calls()] == [False, False]


def test_a_key_and_enter_keeps_the_draft_and_the_enter_goes_nowhere(tmp_path: Path) -> None:
    program, editor, env = _setup(tmp_path)
    before = program.read_bytes()
    editor.queue("typo", "typo", "fixed")
    with Tmux(100, 24) as term:
        term.start([HAMTIMER, "edit", "mine"], env=env)
        term.wait_for("[d]rop?")
        term.keys("e", "Enter")
        deadline = time.monotonic() + 10
        while term.screen().count("[d]rop?") < 2:
            assert time.monotonic() < deadline, term.screen()
            time.sleep(0.05)
        term.keys("k", "Enter")
        shown = term.wait_for("draft kept in")
        assert term.wait_exit() == 1
        assert "please answer" not in shown
    assert program.read_bytes() == before
    assert "hodl = 30" in program.with_name("mine.draft.toml").read_text()
    assert [call["waiting_keys"] for call in editor.calls()] == [False, False], "the enter reached the editor"
