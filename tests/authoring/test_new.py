"""`hamtimer new`: a commented template or a copy, in your programs folder, never over a file."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from hamtimer.cli import main
from hamtimer.core.program import loader
from hamtimer.core.program.schema import schema_text
from tests.conftest import UserDirs
from tests.support.editing import DATA


def new(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["new", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_template_is_written_to_your_folder_and_is_valid(
    user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = new(["my-bridges"], capsys)
    path = user_dirs.config / "programs" / "my-bridges.toml"
    assert code == 0 and out == f"{path}\n"
    text = path.read_text()
    assert text.splitlines()[0] == "#:schema ../hamtimer.schema.json"
    schema = user_dirs.config / "hamtimer.schema.json"
    assert (path.parent / "../hamtimer.schema.json").resolve() == schema.resolve()
    assert schema.read_text() == schema_text()
    assert main(["check", str(path)]) == 0
    assert Draft4Validator(json.loads(schema.read_text())).is_valid(tomllib.loads(text))
    assert main(["list"]) == 0
    assert re.search(r"my-bridges\s+My program\s+\S+\s+yours", capsys.readouterr().out)


def test_the_template_explains_every_key_the_loader_knows() -> None:
    text = (Path(loader.__file__).parents[2] / "authoring" / "template.toml").read_text()
    keys = {*loader._PROGRAM_KEYS, *loader._REST_KEYS, *loader._BLOCK_KEYS, *loader._EXERCISE_KEYS}
    keys |= {*loader._GOAL_KEYS} - {"time"}
    missing = [k for k in sorted(keys - {"exercise"}) if not re.search(rf"(^|[{{,#]\s*){k} = ", text, re.M)]
    assert missing == []
    bare = [line for line in text.splitlines() if re.match(r"\w+ = ", line) and "#" not in line]
    assert bare == [], "every key line carries its explanation"


def test_new_never_overwrites(user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(["mine"], capsys)[0] == 0
    path = user_dirs.config / "programs" / "mine.toml"
    path.write_text("# my own work\n")
    code, out, err = new(["mine", "--from", "run-day"], capsys)
    assert code == 1 and out == ""
    assert f"{path} already exists" in err
    assert path.read_text() == "# my own work\n"


@pytest.mark.parametrize("name", ["../escape", ".hidden", "a/b", "a b", "", "..", "x" * 65, "né"])
def test_a_name_that_is_not_a_plain_word_is_refused(
    name: str, user_dirs: UserDirs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(tmp_path.rglob("*"))
    code, out, err = new([name], capsys)
    assert code == 1 and out == ""
    assert "cannot be a program name: use letters, digits, - and _ only" in err
    assert sorted(tmp_path.rglob("*")) == before


def test_a_name_with_toml_says_to_leave_it_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = new(["mine.toml"], capsys)
    assert code == 1 and "give the name without .toml: hamtimer new mine" in err


def test_from_copies_a_bundled_program_with_the_config_schema_line(
    user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(["my-day", "--from", "run-day"], capsys)[0] == 0
    text = (user_dirs.config / "programs" / "my-day.toml").read_text()
    assert text.startswith('#:schema ../hamtimer.schema.json\n[program]\nname = "Run day"')
    assert text.count("#:schema") == 1


def test_from_copies_your_program_or_a_file(user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(["first", "--from", str(DATA / "fixed.toml")], capsys)[0] == 0
    assert new(["second", "--from", "first"], capsys)[0] == 0
    first, second = (user_dirs.config / "programs" / f"{n}.toml" for n in ("first", "second"))
    assert first.read_text() == second.read_text()
    assert first.read_text() == "#:schema ../hamtimer.schema.json\n" + (DATA / "fixed.toml").read_text()


def test_from_an_unknown_program_is_an_error(user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = new(["mine", "--from", "nothing-like-it"], capsys)
    assert code == 1 and "nothing-like-it: no such program; known programs: bridge-progression" in err
    assert not (user_dirs.config / "programs" / "mine.toml").exists()


def test_an_outdated_schema_copy_is_refreshed(
    user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = user_dirs.config / "hamtimer.schema.json"
    schema.write_text("{}")
    assert new(["mine"], capsys)[0] == 0
    assert schema.read_text() == schema_text()
