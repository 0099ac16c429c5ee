"""config.toml's [phone] table and how it meets --phone, --phone-host and --phone-port."""

from __future__ import annotations

import pytest

from hamtimer.cli import build_parser
from hamtimer.core.settings import parse_settings
from hamtimer.phone_setup import PhoneSetup, phone_setup


def test_the_phone_table() -> None:
    settings = parse_settings('[phone]\nenabled = true\nview = true\nhost = "192.168.1.20"\nport = 8765\n')
    assert settings.problems == ()
    assert (settings.phone, settings.phone_view, settings.phone_host, settings.phone_port) == (
        True, True, "192.168.1.20", 8765,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("line", "told"),
    [
        ("enabled = 1", "[phone] › enabled: 1: expected true or false; using false"),
        ('host = "phone.local"', "[phone] › host: 'phone.local': expected an IPv4 address"),
        ("host = 3232235796", "[phone] › host: 3232235796: expected an IPv4 address"),
        ("port = 70000", "[phone] › port: 70000: expected a port from 0 (any free one) to 65535; using 0"),
        ("prot = 1", '[phone] › prot: unknown key; did you mean "port"?'),
    ],
)
def test_a_bad_value_is_told_and_the_default_kept(line: str, told: str) -> None:
    settings = parse_settings(f"[phone]\n{line}\n")
    assert len(settings.problems) == 1 and told in settings.problems[0]
    assert (settings.phone, settings.phone_host, settings.phone_port) == (False, None, 0)


def setup(argv: list[str], config: str = "") -> PhoneSetup | None:
    return phone_setup(build_parser().parse_args(["run", "x", *argv]), parse_settings(config))


def test_the_command_line_and_the_config_file_meet() -> None:
    assert setup([]) is None
    assert setup(["--phone"]) == PhoneSetup()
    assert setup(["--phone=view", "--phone-port", "9000"]) == PhoneSetup(view=True, port=9000)
    assert setup([], "[phone]\nenabled = true\nport = 8000\n") == PhoneSetup(port=8000)
    assert setup(["--phone-host", "10.0.0.5"], '[phone]\nenabled = true\nhost = "10.0.0.9"\n') == PhoneSetup(
        host="10.0.0.5"
    )
    assert setup(["--phone"], "[phone]\nview = true\n") == PhoneSetup()  # the flag says: not view


@pytest.mark.parametrize("argv", [["--phone=edit"], ["--phone-host", "phone.local"], ["--phone-port", "-1"]])
def test_bad_phone_options_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        build_parser().parse_args(["run", "x", *argv])
    assert exit.value.code == 2
    assert "error:" in capsys.readouterr().err
