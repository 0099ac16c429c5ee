"""Take the README's screenshots of the phone page: `.venv/bin/python docs/phone_screenshots.py`.

Runs the real `hamtimer run --plain --phone` on loopback and taps through a session in Debian's
Chromium at 390 by 844 (and one at 844 by 390), writing docs/phone-*.png.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import PHONE, launch, plain_phone  # noqa: E402

DOCS = ROOT / "docs"


def shot(page: Page, name: str) -> None:
    time.sleep(0.4)
    page.screenshot(path=str(DOCS / f"phone-{name}.png"))
    print(f"docs/phone-{name}.png")


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="hamtimer-shots-"))
    env = {"HAMTIMER_DATA_DIR": str(home / "data"), "HAMTIMER_CONFIG_DIR": str(home / "config"),
           "HAMTIMER_CACHE_DIR": str(home / "cache"), "HAMTIMER_AUDIO": "silent"}  # fmt: skip
    process, url = plain_phone(ROOT / "tests" / "data" / "bridge.toml", env)
    with sync_playwright() as driver:
        browser = launch(driver)
        page = browser.new_page(viewport=PHONE)
        page.goto(url)
        page.wait_for_selector("#main:text-is('Start')")
        shot(page, "ready")
        page.click("#main")
        page.wait_for_selector("body[data-phase='prepare']")
        shot(page, "prepare")
        page.wait_for_selector("body[data-phase='left']", timeout=10000)
        time.sleep(2)
        shot(page, "left")
        page.click("#main")
        page.wait_for_selector("body[data-phase='rest'] #prompt:not([hidden])")
        page.click("#rates button:text-is('8')")
        page.click("#checks button")
        page.wait_for_selector("#checks button.on")
        shot(page, "rest-rating")
        page.click("#main")
        page.wait_for_selector("body[data-phase='right']")
        time.sleep(1.5)
        shot(page, "right")
        page.click("#pause")
        page.wait_for_selector("body[data-phase='paused']")
        shot(page, "paused")
        page.set_viewport_size({"width": PHONE["height"], "height": PHONE["width"]})
        page.click("#pause")
        page.wait_for_selector("body[data-phase='right']")
        shot(page, "landscape")
        page.set_viewport_size(PHONE)
        page.click("#main")
        page.wait_for_selector("body[data-phase='rest']")
        page.click("#rates button:text-is('7')")
        page.click("#main:text-is('End rest')")
        page.wait_for_selector("body[data-phase='both']")
        for count in range(1, 6):
            page.click("#main")
            if count < 5:
                page.wait_for_selector(f"#clock:text-is('{count}')")
        page.wait_for_selector("#summary:not([hidden])")
        shot(page, "summary")
        browser.close()
    assert process.stdin is not None
    process.stdin.write("enter\n")
    process.stdin.close()
    process.wait(10)


if __name__ == "__main__":
    main()
