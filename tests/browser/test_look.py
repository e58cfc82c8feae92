"""The web app checked like a product, in Debian's chromium: every page passes axe-core (no serious or critical
violation) in light and dark, on a desktop and at 375 px, and no page scrolls sideways on a phone.

One server and one seeded tour (tests/browser/tour.py, the ``site`` fixture) serve the whole module; axe-core
is vendored in tests/browser/vendor and injected as an init script, so it runs under the pages' own
Content-Security-Policy.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import needs_chromium
from tests.browser.tour import DESKTOP, PHONE, settle

pytestmark = needs_chromium
SERIOUS = """async () => {
  const found = await axe.run(document, { resultTypes: ["violations"] });
  return found.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_page_has_no_serious_or_critical_accessibility_violation(
    site: tuple[str, dict[str, str]], tab_for: Any, scheme: str, width: str
) -> None:
    url, pages = site
    tab = tab_for(DESKTOP if width == "desktop" else PHONE, scheme)
    found = {}
    for name, path in pages.items():
        tab.goto(url + path)
        settle(tab, name)
        violations = tab.evaluate(SERIOUS)
        if violations:
            found[name] = violations
    assert found == {}


def test_no_page_scrolls_sideways_at_375_px(site: tuple[str, dict[str, str]], tab_for: Any) -> None:
    url, pages = site
    tab = tab_for(PHONE)
    too_wide = {}
    for name, path in pages.items():
        tab.goto(url + path)
        settle(tab, name)
        scroll, inner = tab.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            too_wide[name] = scroll
    assert too_wide == {}, f"wider than 375 px: {too_wide}"


def test_the_dark_theme_follows_the_system_setting(site: tuple[str, dict[str, str]], tab_for: Any) -> None:
    url, _ = site
    backgrounds = {}
    for scheme in ("light", "dark"):
        tab = tab_for(DESKTOP, scheme)
        tab.goto(url + "/")
        backgrounds[scheme] = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert backgrounds == {"light": "rgb(255, 255, 255)", "dark": "rgb(15, 20, 26)"}
