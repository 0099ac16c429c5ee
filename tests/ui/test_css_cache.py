"""The parsed stylesheet kept between starts: the same rules as a parse, and a parse whenever the
kept file cannot be trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.css_cache import CachedStylesheet, cache_file
from tests.support.pilot import UiDirs
from tests.support.programs import data_plan

CSS = "Screen { background: $accent; } #clock { height: 5; color: red; }"
PLACE = ("tests.tcss", "")
VARIABLES = {"accent": "#ff8800"}


def parsed(file: Path, css: str = CSS, variables: dict[str, str] = VARIABLES) -> CachedStylesheet:
    sheet = CachedStylesheet(file, variables=variables)
    sheet.add_source(css, read_from=PLACE)
    sheet.parse()
    return sheet


def rules_text(sheet: Stylesheet) -> list[str]:
    return [rule.css for rule in sheet.rules]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each text Textual's own parser is given."""
    seen: list[str] = []
    parse = Stylesheet._parse_rules

    def counting(self: Stylesheet, css: str, *args: object, **kwargs: object) -> object:
        seen.append(css)
        return parse(self, css, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    return seen


def test_a_second_start_reads_the_rules_the_first_one_parsed(tmp_path: Path, parses: list[str]) -> None:
    file = cache_file(tmp_path / "cache")
    first = parsed(file)
    first.save()
    assert file.exists() and file.stat().st_mode & 0o777 == 0o600
    second = parsed(file)
    assert parses == [CSS]
    assert not second.changed
    plain = Stylesheet(variables=VARIABLES)
    plain.add_source(CSS, read_from=PLACE)
    plain.parse()
    assert rules_text(second) == rules_text(first) == rules_text(plain)
    assert "#FF8800" in " ".join(rules_text(second)).upper()


def test_other_variables_or_other_text_are_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    file = cache_file(tmp_path)
    parsed(file).save()
    other = parsed(file, variables={"accent": "#0000ff"})
    other.save()
    changed = parsed(file, css=CSS.replace("5", "7"))
    assert len(parses) == 3
    assert "#0000FF" in " ".join(rules_text(other)).upper()
    assert "height: 7" in " ".join(rules_text(changed))
    parsed(file, variables={"accent": "#0000ff"})  # both kept
    assert len(parses) == 3


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N.", b"\x80\x05K\x01."])
def test_a_corrupt_or_foreign_file_is_parsed_afresh_and_rewritten(
    tmp_path: Path, parses: list[str], content: bytes
) -> None:
    file = cache_file(tmp_path)
    file.write_bytes(content)
    sheet = parsed(file)
    assert parses == [CSS] and sheet.changed
    sheet.save()
    assert not parsed(file).changed
    assert parses == [CSS]


def test_css_with_errors_is_never_kept(tmp_path: Path, parses: list[str]) -> None:
    file = cache_file(tmp_path)
    for _ in range(2):
        with pytest.raises(StylesheetParseError):
            parsed(file, css="Screen { colour: red; }")
    assert len(parses) == 2
    assert not file.exists()


def test_a_folder_that_cannot_be_written_only_costs_the_parse(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    sheet = parsed(cache_file(blocker / "cache"))
    sheet.save()  # quietly nothing
    assert rules_text(sheet)


async def screen_text(ui_dirs: UiDirs) -> str:
    app = HamtimerApp(data_plan("bridge.toml"), RunOptions(mute=True, data_dir=ui_dirs.data))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.export_screenshot()


async def test_the_app_draws_the_same_first_screen_from_kept_rules(ui_dirs: UiDirs) -> None:
    cold = await screen_text(ui_dirs)
    file = cache_file(ui_dirs.cache)
    assert file.exists()
    written = file.stat().st_mtime_ns
    warm = await screen_text(ui_dirs)
    assert warm == cold
    assert file.stat().st_mtime_ns == written  # nothing new was parsed, so nothing was written
