"""Save a PNG of the map panel of a faultlines report, drawn by headless Chromium (offline).

Usage:  .venv/bin/python tools/map_screenshot.py report.html map.png [--since DATE] [--until DATE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--since")
    parser.add_argument("--until")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(args.report.resolve().as_uri())
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
            for name, value in (("#fl-since", args.since), ("#fl-until", args.until)):
                if value:
                    page.fill(name, value)
                    page.dispatch_event(name, "change")
            page.wait_for_timeout(500)
            page.locator("#fl-map-panel").screenshot(path=str(args.out))
        finally:
            browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
