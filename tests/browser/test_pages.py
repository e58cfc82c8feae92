"""A real browser (Debian's chromium driven by Playwright) against a real server on a free 127.0.0.1 port.

A short interview to its scorecard, a walkthrough whose diagram renders as SVG, a drill, and the
multi-user login flow. Every request the pages make must stay on 127.0.0.1. A failing test leaves a
screenshot in tests/browser/artifacts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import needs_chromium
from tests.browser.tour import serving

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = needs_chromium


def _serve(home: Path, *args: str, extra: dict[str, str] | None = None) -> Iterator[str]:
    with serving(home, *args, extra=extra) as url:
        yield url


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    yield from _serve(tmp_path / "home")


@pytest.fixture
def team_server(tmp_path: Path) -> Iterator[str]:
    yield from _serve(tmp_path / "home", "--multi-user")


@pytest.fixture
def backend_server(tmp_path: Path) -> Iterator[str]:
    from tests.llm_server import LLMServer

    llm = LLMServer(reply=lambda messages: "Good question. You framed the scope well; practise failure modes.").start()
    backend = {"SDCOACH_BACKEND": "openai", "SDCOACH_BASE_URL": llm.url + "/v1", "SDCOACH_MODEL": "test-model"}
    try:
        yield from _serve(tmp_path / "home", extra=backend)
    finally:
        llm.stop()


@pytest.fixture
def page(tour_browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    context = tour_browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    foreign: list[str] = []
    tab.on("request", lambda r: foreign.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
    tab.foreign = foreign
    refused: list[str] = []  # the Content-Security-Policy blocked something a page tried to run or load
    tab.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield tab
    if getattr(request.node, "failed_call", False):
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert foreign == [], f"pages loaded from another host: {foreign}"
    assert refused == [], f"the CSP refused: {refused}"


def test_a_walkthrough_draws_its_data_flow_diagram_as_svg(server: str, page: object) -> None:
    page.goto(f"{server}/scenarios/feature-store")  # type: ignore[attr-defined]
    page.wait_for_selector("pre.mermaid svg", timeout=20_000)  # type: ignore[attr-defined]
    assert page.locator("pre.mermaid svg g.node").count() >= 6  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Edge Cases / Failure Modes").is_visible()  # type: ignore[attr-defined]


def test_a_short_interview_runs_to_its_scorecard(server: str, page: object) -> None:
    page.goto(f"{server}/interviews")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Start", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_selector("#turns .turn.interviewer")  # type: ignore[attr-defined]
    page.fill("#text", "What peak QPS and p99 latency do the online callers need?")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=Peak is 250k")  # type: ignore[attr-defined]
    assert page.locator("#turns .turn.candidate").count() == 1  # type: ignore[attr-defined]
    page.reload()  # nothing is lost on reload  # type: ignore[attr-defined]
    assert page.locator("#turns .turn").count() == 3  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    page.get_by_role("button", name="End", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_url("**/scorecard")  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Signals").is_visible()  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "scorecard.png"), full_page=True)  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))  # type: ignore[attr-defined]
    page.goto(f"{server}/progress")  # type: ignore[attr-defined]
    page.wait_for_selector("#charts .chart canvas", timeout=10_000)  # type: ignore[attr-defined]
    assert errors == []  # the embedded JSON parses: the charts of the interview just played are drawn


def test_a_tradeoff_drill_is_graded_in_the_page(server: str, page: object) -> None:
    page.goto(f"{server}/drills")  # type: ignore[attr-defined]
    page.locator("#tradeoff-drill textarea").fill(  # type: ignore[attr-defined]
        "I'd go with the hybrid rather than streaming: batch costs $60k a month but loses the fraud counters."
    )
    page.locator("#tradeoff-drill button").click()  # type: ignore[attr-defined]
    page.wait_for_selector("#tradeoff-result .score")  # type: ignore[attr-defined]
    assert "Score" in page.locator("#tradeoff-result").inner_text()  # type: ignore[attr-defined]


def test_a_refused_answer_says_why(server: str, page: object) -> None:
    page.goto(f"{server}/drills")  # type: ignore[attr-defined]
    page.locator("#tradeoff-drill textarea").fill("I'd go with the hybrid: batch costs $60k a month.")  # type: ignore[attr-defined]
    page.locator("#tradeoff-drill button").click()  # type: ignore[attr-defined]
    page.wait_for_selector("#tradeoff-result .score")  # type: ignore[attr-defined]
    page.locator("#tradeoff-drill textarea").fill("   ")  # type: ignore[attr-defined]
    page.locator("#tradeoff-drill button").click()  # type: ignore[attr-defined]
    alert = page.wait_for_selector("#flash [role=alert]", timeout=10_000)  # type: ignore[attr-defined]
    assert "no answer to grade" in alert.inner_text()  # the server's own message, announced
    page.locator("#tradeoff-drill textarea").fill("I'd go with batch: it costs $60k a month less.")  # type: ignore[attr-defined]
    page.locator("#tradeoff-drill button").click()  # type: ignore[attr-defined]
    page.wait_for_selector("#flash [role=alert]", state="detached")  # type: ignore[attr-defined]


def test_the_team_server_signs_people_up_and_in(team_server: str, page: object) -> None:
    page.goto(f"{team_server}/interviews")  # type: ignore[attr-defined]
    page.wait_for_url("**/login")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Create an account").click()  # type: ignore[attr-defined]
    page.fill("input[name=email]", "alice@example.com")  # type: ignore[attr-defined]
    page.fill("input[name=password]", "correct horse battery")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create account").click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=Sign in with the e-mail and password you chose")  # type: ignore[attr-defined]
    page.fill("input[name=email]", "alice@example.com")  # type: ignore[attr-defined]
    page.fill("input[name=password]", "correct horse battery")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=alice@example.com")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/login")  # type: ignore[attr-defined]
    page.fill("input[name=email]", "alice@example.com")  # type: ignore[attr-defined]
    page.fill("input[name=password]", "wrong password here")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=do not match")  # type: ignore[attr-defined]
    page.fill("input[name=email]", "alice@example.com")  # type: ignore[attr-defined]
    page.fill("input[name=password]", "correct horse battery")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=Scenario library")  # type: ignore[attr-defined]


def test_with_a_backend_the_coachs_notes_stream_into_the_scorecard(backend_server: str, page: object) -> None:
    page.goto(f"{backend_server}/interviews")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Start", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_selector("#turns .turn.interviewer")  # type: ignore[attr-defined]
    page.fill("#text", "What peak QPS do the online callers need?")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_selector("#turns .turn.candidate")  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    page.get_by_role("button", name="End", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_url("**/scorecard")  # type: ignore[attr-defined]
    page.wait_for_selector("#narrative:has-text('practise failure modes')")  # type: ignore[attr-defined]  # no eval: the CSP
