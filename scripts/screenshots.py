"""Photograph every page of the web app at desktop and phone widths, in light and dark, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py                 # every page
    .venv/bin/python scripts/screenshots.py home interview  # just these

Starts ``sdcoach web`` on a fresh home in a temporary folder, plays a short interview, leaves one in
progress and answers a drill through the pages (tests/browser/tour.py, the same tour the accessibility
tests walk), then saves the visible part of each page (not the full page: the files stay small) as
``<page>-<desktop|phone>-<light|dark>.png`` as a 64-colour palette PNG (a third of the size, text still sharp).
Needs Debian's chromium, like the browser tests, and Pillow (in the dev set).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.tour import DESKTOP, PHONE, seed, serving, settle  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Pages whose interesting part is below the top: scroll there first.
SCROLL_TO = {"diagram": "figure.diagram", "scorecard-diagram": "#diagram"}


def _save_small(png: bytes, out: Path) -> None:
    """A screenshot as a palette PNG: UI colours survive 64 entries, and the file is a third of the size."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(out, optimize=True)


def shoot(browser: object, url: str, pages: dict[str, str], only: list[str]) -> list[Path]:
    """Every page (or ``only`` these) in both widths and both colour schemes; the files written."""
    written = []
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[attr-defined]
            tab = context.new_page()
            for name, path in pages.items():
                if only and name not in only:
                    continue
                tab.goto(url + path)
                settle(tab, "walkthrough" if name == "diagram" else name)
                if name in SCROLL_TO:
                    tab.locator(SCROLL_TO[name]).scroll_into_view_if_needed()
                    tab.evaluate("window.scrollBy(0, -60)")
                out = OUT / f"{name}-{width}-{scheme}.png"
                _save_small(tab.screenshot(animations="disabled", caret="initial"), out)
                written.append(out)
            context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names from the tour (default: all)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home, serving(Path(home)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        pages = seed(browser, url)
        pages["diagram"] = pages["walkthrough"]
        pages["scorecard-diagram"] = pages["scorecard"]  # the candidate's diagram marked beside the reference
        written = shoot(browser, url, pages, args.pages)
        browser.close()
    total = sum(f.stat().st_size for f in written)
    print(f"{len(written)} screenshots in {OUT.relative_to(ROOT)}, {total // 1024} KB")


if __name__ == "__main__":
    main()
