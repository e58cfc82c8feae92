"""The candidate's diagram in Debian's chromium: type Mermaid and see it drawn, check it and see the findings and
the drawing marked beside the reference, upload an Excalidraw export, see a broken line named, and in an
interview attach two versions that survive a reload and reach the scorecard. Any request to another host, any
script error and anything the Content-Security-Policy refuses fails the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AXE, needs_chromium
from tests.browser.test_look import SERIOUS
from tests.browser.tour import DESKTOP, DIAGRAM, PHONE, serving
from tests.diagram_files import excalidraw

pytestmark = needs_chromium
BROKEN = "flowchart LR\n    A[Client] --> B[API]\n    B -->> C[\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("diagram") / "home") as url:
        yield url


@pytest.fixture
def tab(tour_browser: Any) -> Iterator[Any]:
    context = tour_browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems: list[str] = []
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    yield page
    context.close()
    assert problems == [], f"another host, a script error or the CSP refused: {problems}"


def _type(tab: Any, selector: str, text: str) -> None:
    tab.locator(selector).fill(text)
    tab.locator(selector).press("End")  # a keystroke, as a person would make, for the debounced preview


def test_typed_mermaid_is_drawn_checked_and_marked_beside_the_reference(server: str, tab: Any) -> None:
    tab.goto(f"{server}/diagram")
    _type(tab, "#diagram-text", DIAGRAM)
    preview = tab.locator("#diagram [data-preview] svg")
    preview.wait_for()
    assert preview.locator("g.node").count() == 6
    tab.get_by_role("button", name="Check my diagram").click()
    tab.locator("#diagram-result .diagram-checked.is-ready").wait_for(timeout=30_000)
    findings = tab.locator("#diagram-result ul.findings li")
    kinds = findings.evaluate_all("items => items.map((li) => li.dataset.kind)")
    assert "edge_reversed" in kinds and "component_missing" in kinds
    assert "“Online store” → “Feature serving tier”" in tab.locator("li[data-kind=edge_reversed]").inner_text()
    # the preview is redrawn with the findings marked: the box for nothing dashed, the reversed arrow red
    tab.locator("#diagram [data-preview] svg g.node.unmatched").wait_for()
    assert "#dc2626" in tab.locator("#diagram [data-preview] svg").inner_html()
    reference = tab.locator("figure.diagram.reference svg g.node")
    assert reference.count() >= 10  # the scenario's whole flow beside the candidate's
    assert tab.locator("figure.diagram.checked svg g.node").count() == 6


def test_a_broken_line_is_named_in_the_preview_and_by_the_check_and_the_text_stays(server: str, tab: Any) -> None:
    tab.goto(f"{server}/diagram")
    _type(tab, "#diagram-text", BROKEN)
    error = tab.locator("#diagram .preview-error")
    error.wait_for()
    assert "line 3" in error.inner_text().lower()
    tab.get_by_role("button", name="Check my diagram").click()
    refused = tab.locator("#diagram-result p.error[role=alert]")
    refused.wait_for()
    assert refused.inner_text().startswith("Line 3, column ")
    assert tab.locator("#diagram-text").input_value() == BROKEN


def test_an_excalidraw_upload_is_checked_and_opens_in_the_editor(server: str, tab: Any, tmp_path: Path) -> None:
    drawing = tmp_path / "sketch.excalidraw"
    boxes = [("bus", "Event bus"), ("engine", "Streaming feature engine"), ("store", "Online store")]
    drawing.write_text(excalidraw(boxes, [("bus", "engine", "events"), ("engine", "store", "upserts")]))
    tab.goto(f"{server}/diagram")
    tab.locator("#diagram-file").set_input_files(str(drawing))
    tab.get_by_role("button", name="Upload and check").click()
    tab.locator("#diagram-result .diagram-checked.is-ready").wait_for(timeout=30_000)
    assert "in sketch.excalidraw" in tab.locator("#diagram-result .summary").inner_text()
    assert '"Streaming feature engine"' in tab.locator("#diagram-text").input_value()  # now Mermaid to edit
    assert tab.locator("figure.diagram.checked svg g.node").count() == 3


def test_an_interview_keeps_two_versions_across_a_reload_and_the_scorecard_shows_the_last(
    server: str, tab: Any
) -> None:
    tab.goto(f"{server}/interviews?scenario=feature-store")
    tab.get_by_role("button", name="Start", exact=True).click()
    tab.locator("#turns .turn.interviewer").first.wait_for()
    tab.locator("#diagram-panel > summary").click()
    for version, text in ((1, DIAGRAM), (2, DIAGRAM + "    serving --> logger[Served-feature logger]\n")):
        _type(tab, "#interview-diagram-text", text)
        tab.get_by_role("button", name="Check my diagram").click()
        tab.locator(f".version-note:has-text('Saved as version {version}')").wait_for(timeout=30_000)
    assert tab.locator("#text").evaluate("el => el === document.activeElement") is False  # the panel kept focus
    question = tab.locator(".diagram-question").inner_text().removeprefix("The interviewer asks: ")
    assert tab.locator("#turns .turn.interviewer").last.locator(".text").inner_text() == question  # in the chat
    assert tab.locator("#turns .turn.interviewer").count() == 3  # the opening and one question per version
    tab.reload()
    tab.locator("#interview-diagram-result .versions").wait_for(state="attached", timeout=30_000)
    assert "2 versions kept" in tab.locator("#interview-diagram-result .versions").text_content()
    assert "Served-feature logger" in tab.locator("#interview-diagram-text").input_value()
    assert tab.locator("#turns .turn.interviewer").count() == 3
    tab.locator("#diagram-panel > summary").click()
    tab.locator("#interview-diagram-result .diagram-checked.is-ready").wait_for(timeout=30_000)
    assert tab.locator("#interview-diagram-result figure.diagram.checked svg g.node").count() == 7
    tab.on("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name="End", exact=True).click()
    tab.wait_for_url("**/scorecard")
    tab.locator("figure.diagram.checked svg g.node").first.wait_for(timeout=30_000)
    assert "version 2" in tab.locator("h2#diagram").inner_text()
    assert tab.locator("figure.diagram.checked svg g.node").count() == 7
    assert tab.locator("figure.diagram.reference svg g.node").count() >= 10


@pytest.mark.parametrize(("viewport", "scheme"), [(DESKTOP, "dark"), (PHONE, "light"), (PHONE, "dark")])
def test_a_checked_diagram_passes_axe_and_fits_a_phone(
    server: str, tour_browser: Any, viewport: dict[str, int], scheme: str
) -> None:
    context = tour_browser.new_context(viewport=viewport, color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    tab = context.new_page()
    try:
        tab.goto(f"{server}/diagram")
        _type(tab, "#diagram-text", DIAGRAM)
        tab.get_by_role("button", name="Check my diagram").click()
        tab.locator("#diagram-result .diagram-checked.is-ready").wait_for(timeout=30_000)
        assert tab.evaluate(SERIOUS) == []
        scroll, inner = tab.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{scroll} px wide at {inner} px"
    finally:
        context.close()
