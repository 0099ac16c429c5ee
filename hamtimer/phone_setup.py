"""`--phone`, `--phone-host`, `--phone-port` and config.toml's [phone], merged; and the hint when
the phone's packages are missing. Light on purpose: with the phone off, nothing of aiohttp, segno
or hamtimer.phone is imported (tests/phone/test_imports.py)."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import TYPE_CHECKING

from hamtimer.core.record import Record, record

if TYPE_CHECKING:
    from hamtimer.core.settings import Settings

PACKAGES = ("aiohttp", "segno")
HINT = "the phone needs aiohttp and segno: pip install 'hamtimer[phone]' (./dev installs them)"


@record
class PhoneSetup(Record):
    view: bool = False
    """--phone=view: the page only shows; every command gets 403."""
    host: str | None = None
    """The address to listen on; None: the default route's."""
    port: int = 0
    """0: a free port."""


def add_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--phone", nargs="?", const="on", choices=("on", "view"), metavar="view",
        help="serve the session to a phone on this network (--phone=view: it only shows)",
    )  # fmt: skip
    run.add_argument(
        "--phone-host", metavar="ADDR", type=address,
        help="the address the phone server listens on (default: the default route's)",
    )  # fmt: skip
    run.add_argument("--phone-port", metavar="N", type=port, help="its port (default: a free one)")


def address(text: str) -> str:
    import ipaddress

    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        expected = f"expected an IPv4 address like 192.168.1.20, not {text!r}"
        raise argparse.ArgumentTypeError(expected) from None


def port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 (any free one) to 65535, not {text!r}")
    return value


class PhoneMissing(Exception):
    """--phone was given and aiohttp or segno is not installed (the message is the hint)."""


def phone_setup(args: argparse.Namespace, settings: Settings) -> PhoneSetup | None:
    """What was asked, on the command line or else in config.toml; None with the phone off.

    Without aiohttp or segno: PhoneMissing for --phone; for config.toml, the hint on stderr and
    the session goes on without the phone."""
    asked = getattr(args, "phone", None)
    if asked is None and not settings.phone:
        return None
    if (hint := missing()) is not None:
        if asked is not None:
            raise PhoneMissing(hint)
        print(f"config.toml: [phone] enabled, but {hint}", file=sys.stderr)
        return None
    view = asked == "view" or (asked is None and settings.phone_view)
    host = getattr(args, "phone_host", None) or settings.phone_host
    chosen = getattr(args, "phone_port", None)
    return PhoneSetup(view=view, host=host, port=settings.phone_port if chosen is None else chosen)


def missing() -> str | None:
    """The one-line hint when aiohttp or segno is not installed (found without importing them)."""
    if all(importlib.util.find_spec(name) is not None for name in PACKAGES):
        return None
    return HINT
