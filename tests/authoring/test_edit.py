"""`hamtimer edit`: a scripted $EDITOR, answers on stdin; the program is replaced only when valid."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hamtimer.cli import main
from hamtimer.core.program.catalog import bundled_dir
from tests.conftest import UserDirs
from tests.support.editing import DATA, ScriptedEditor


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScriptedEditor:
    scripted = ScriptedEditor(tmp_path / "edits")
    for key, value in scripted.env().items():
        monkeypatch.setenv(key, value)
    return scripted


@pytest.fixture
def mine(user_dirs: UserDirs) -> Path:
    assert main(["new", "mine", "--from", str(DATA / "fixed.toml")]) == 0
    return user_dirs.config / "programs" / "mine.toml"


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "mine.toml")


def test_a_valid_edit_replaces_the_program(
    mine: Path, editor: ScriptedEditor, capsys: pytest.CaptureFixture[str]
) -> None:
    mine.chmod(0o640)
    editor.queue("two-seconds")
    assert main(["edit", "mine"]) == 0
    assert 'name = "Two seconds"' in mine.read_text()
    assert mine.stat().st_mode & 0o777 == 0o640, "the program keeps its permissions"
    assert f"saved {mine}" in capsys.readouterr().err
    (call,) = editor.calls()
    assert call["argv"] == [str(mine.parent / ".mine.editing.toml")], "$EDITOR's words, then the file"
    assert 'name = "Fixed"' in call["text"], "the editor is given a copy of the program"
    assert leftovers(mine.parent) == []


def test_an_invalid_edit_shows_the_loader_s_errors_and_drop_keeps_the_program(
    mine: Path, editor: ScriptedEditor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = mine.read_bytes()
    editor.queue("typo")
    answer(monkeypatch, "d\n")
    assert main(["edit", "mine"]) == 1
    err = capsys.readouterr().err
    assert f'{mine}: block 1 › exercise 1 "Bridge" › hodl: unknown key; did you mean "hold"?' in err
    assert "[e]dit again, [k]eep the draft, [d]rop?" in err
    assert f"draft dropped; {mine} is unchanged" in err
    assert mine.read_bytes() == before
    assert leftovers(mine.parent) == []


def test_toml_errors_name_the_line_in_the_file(
    mine: Path, editor: ScriptedEditor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    editor.queue("broken-toml")
    answer(monkeypatch, "d\n")
    assert main(["edit", "mine"]) == 1
    assert f"{mine}: line 6, column 15: not valid TOML" in capsys.readouterr().err


def test_keep_saves_the_draft_beside_the_program_and_the_next_edit_goes_on_from_it(
    mine: Path, editor: ScriptedEditor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = mine.read_bytes()
    editor.queue("typo", "two-seconds")
    answer(monkeypatch, "k\n")
    assert main(["edit", "mine"]) == 1
    draft = mine.with_name("mine.draft.toml")
    assert f"draft kept in {draft}" in capsys.readouterr().err
    assert mine.read_bytes() == before
    assert "hodl = 30" in draft.read_text()
    assert draft.stat().st_mode & 0o777 == 0o600

    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "mine.toml" in listed and "mine.draft" not in listed, "a draft is not a program of its own"

    assert main(["edit", "mine"]) == 0
    assert f"going on from the draft kept earlier: {draft}" in capsys.readouterr().err
    assert "hodl = 30" in editor.calls()[1]["text"]
    assert 'name = "Two seconds"' in mine.read_text()
    assert not draft.exists()


def test_edit_again_then_a_valid_file_is_saved(
    mine: Path, editor: ScriptedEditor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    editor.queue("typo", "two-seconds")
    answer(monkeypatch, "x\ne\n")
    assert main(["edit", "mine"]) == 0
    err = capsys.readouterr().err
    assert "please answer with one of: e, k, d" in err
    assert 'name = "Two seconds"' in mine.read_text()
    assert "hodl = 30" in editor.calls()[1]["text"], "editing again starts from the invalid text"


def test_end_of_input_at_the_question_keeps_the_draft(
    mine: Path, editor: ScriptedEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor.queue("typo")
    answer(monkeypatch, "")
    assert main(["edit", "mine"]) == 1
    assert mine.with_name("mine.draft.toml").exists()
    assert "hodl" not in mine.read_text()


def test_an_editor_that_fails_leaves_the_program_alone(
    mine: Path, editor: ScriptedEditor, capsys: pytest.CaptureFixture[str]
) -> None:
    before = mine.read_bytes()
    editor.queue(5)
    assert main(["edit", "mine"]) == 1
    assert f"exited with status 5; {mine} is unchanged" in capsys.readouterr().err
    assert mine.read_bytes() == before
    assert leftovers(mine.parent) == []


def test_with_no_editor_it_says_how_to_set_one(
    mine: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(mine.parent))
    assert main(["edit", "mine"]) == 1
    assert "no text editor found" in (err := capsys.readouterr().err) and "export EDITOR=" in err


def test_an_editor_that_does_not_exist_is_named(
    mine: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-here --wait")
    assert main(["edit", "mine"]) == 1
    assert "$VISUAL is 'no-such-editor-here --wait', but 'no-such-editor-here' was not found" in (
        capsys.readouterr().err
    )


def test_a_bundled_program_is_copied_to_your_folder_first(
    user_dirs: UserDirs, editor: ScriptedEditor, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = bundled_dir() / "run-day.toml"
    before = bundled.read_bytes()
    editor.queue("two-seconds")
    assert main(["edit", "run-day"]) == 0
    copy = user_dirs.config / "programs" / "run-day.toml"
    assert f"run-day is bundled: your edit is saved as {copy}" in capsys.readouterr().err
    assert bundled.read_bytes() == before
    assert editor.calls()[0]["text"].startswith(
        '#:schema ../hamtimer.schema.json\n[program]\nname = "Run day"'
    )
    assert 'name = "Two seconds"' in copy.read_text()
    assert copy.stat().st_mode & 0o777 == 0o644


def test_a_cancelled_edit_of_a_bundled_program_leaves_no_copy(
    user_dirs: UserDirs,
    editor: ScriptedEditor,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy = user_dirs.config / "programs" / "run-day.toml"
    editor.queue(1, "typo", "fixed")
    assert main(["edit", "run-day"]) == 1
    assert "exited with status 1; nothing saved" in capsys.readouterr().err
    answer(monkeypatch, "k\n")
    assert main(["edit", "run-day"]) == 1
    assert not copy.exists(), "a copy would hide the bundled program from now on"
    assert copy.with_name("run-day.draft.toml").exists()
    assert main(["edit", "run-day"]) == 0
    assert "going on from the draft kept earlier" in capsys.readouterr().err
    assert 'name = "Fixed"' in copy.read_text()


def test_a_path_with_spaces_reaches_the_editor_as_one_argument(
    tmp_path: Path, editor: ScriptedEditor
) -> None:
    folder = tmp_path / "my programs"
    folder.mkdir()
    path = folder / "a program.toml"
    path.write_text((DATA / "fixed.toml").read_text())
    editor.queue("two-seconds")
    assert main(["edit", str(path)]) == 0
    assert editor.calls()[0]["argv"][-1] == str(folder / ".a program.editing.toml")
    assert 'name = "Two seconds"' in path.read_text()


def test_an_unknown_program_suggests_new(capsys: pytest.CaptureFixture[str], editor: ScriptedEditor) -> None:
    assert main(["edit", "nothing-here"]) == 1
    expected = "nothing-here: no such program; start one with hamtimer new nothing-here"
    assert expected in capsys.readouterr().err
