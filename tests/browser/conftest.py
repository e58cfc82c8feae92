"""Mark a browser test whose body failed, so its page fixture saves a screenshot as an artefact; and the
module-wide seeded site (tests/browser/tour.py) with tabs in a chosen width and colour scheme."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.tour import seed, serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Remember a failure in the test's call phase on the test item."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call" and report.failed:
        item.failed_call = True  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def tour_browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tour_browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    with serving(tmp_path_factory.mktemp("look") / "home") as url:
        yield url, seed(tour_browser, url)


@pytest.fixture
def tab_for(tour_browser: Any) -> Iterator[Any]:
    """Open a tab with a viewport and colour scheme; every request it makes must stay on 127.0.0.1."""
    contexts: list[Any] = []
    foreign: list[str] = []

    def open_tab(viewport: dict[str, int], scheme: str = "light") -> Any:
        context = tour_browser.new_context(viewport=viewport, color_scheme=scheme)
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        tab = context.new_page()
        tab.on("request", lambda r: foreign.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert foreign == [], f"pages loaded from another host: {foreign}"
