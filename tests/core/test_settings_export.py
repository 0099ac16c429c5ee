"""config.toml's `[export] fit` (issue 19): off unless asked, and a bad value is told with the default."""

from __future__ import annotations

from hamtimer.core.settings import Settings, parse_settings


def test_export_fit_is_off_unless_asked() -> None:
    assert Settings().fit is False
    assert parse_settings("[export]\nfit = true\n").fit is True


def test_a_bad_value_or_place_is_told_and_the_default_kept() -> None:
    bad = parse_settings('[export]\nfit = "yes"\n', "config.toml")
    assert bad.fit is False
    assert bad.problems == ("config.toml: [export] › fit: 'yes': expected true or false; using false",)
    misplaced = parse_settings("fit = true\n", "config.toml")
    assert misplaced.problems == ("config.toml: fit: belongs in the [export] table",)
    typo = parse_settings("[export]\nfitt = true\n", "config.toml")
    assert typo.problems == ('config.toml: [export] › fitt: unknown key; did you mean "fit"?',)
