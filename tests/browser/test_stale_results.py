"""After a refused request the page says so, keeps what was typed, and shows no stale answer as if it were new.

Chromium (Playwright) against a real `sdcoach web`: an estimator value the server refuses leaves the last
result marked outdated until an accepted one replaces it; an interview answer refused because a terminal
has the interview open stays in the answer box, and is stored once when sent again.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.browser.test_pages import page, server  # noqa: F401  (the fixtures; the browser is conftest.tour_browser)


def test_a_refused_estimate_marks_the_last_result_outdated_and_keeps_the_input(server: str, page: object) -> None:  # noqa: F811
    page.goto(f"{server}/estimate")  # type: ignore[attr-defined]
    form = page.locator("form[hx-post='/estimate/training']")  # type: ignore[attr-defined]
    form.locator("button").click()
    page.wait_for_selector("#training-result table, #training-result p")  # type: ignore[attr-defined]
    form.locator("input[name=tokens]").fill("a lot of")
    form.locator("button").click()
    page.wait_for_selector("#flash [role=alert]")  # type: ignore[attr-defined]
    result = page.locator("#training-result")  # type: ignore[attr-defined]
    assert result.get_attribute("data-outdated") is not None
    assert "Outdated" in result.locator(".outdated-note").inner_text()
    assert form.locator("input[name=tokens]").input_value() == "a lot of"  # what was typed is still there
    form.locator("input[name=tokens]").fill("15T")
    form.locator("button").click()
    page.locator("#training-result[data-outdated]").wait_for(state="detached")  # type: ignore[attr-defined]
    assert result.locator(".outdated-note").count() == 0


def test_a_refused_answer_stays_in_the_box_and_is_stored_once_when_sent_again(
    server: str,  # noqa: F811
    page: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    from sdcoach.store.database import forget_database, open_database
    from sdcoach.store.locks import SessionLocks

    page.goto(f"{server}/interviews")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Start", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_selector("#turns .turn.interviewer")  # type: ignore[attr-defined]
    session_id = page.url.rstrip("/").rsplit("/", 1)[-1]  # type: ignore[attr-defined]
    url = f"sqlite:///{tmp_path / 'home' / 'sdcoach.db'}"
    locks = SessionLocks(open_database(url))
    terminal = locks.acquire(session_id, "terminal")  # this test process plays a terminal that has it open
    answer = "What peak QPS and p99 latency do the online callers need?"
    page.fill("#text", answer)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send", exact=True).click()  # type: ignore[attr-defined]
    alert = page.wait_for_selector("#flash [role=alert]")  # type: ignore[attr-defined]
    assert "another terminal" in alert.inner_text()
    assert page.input_value("#text") == answer  # type: ignore[attr-defined]
    locks.release(session_id, terminal.token)
    forget_database(url)
    page.get_by_role("button", name="Send", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_selector("#turns .turn.candidate")  # type: ignore[attr-defined]
    expect(page.locator("#text")).to_have_value("")  # type: ignore[attr-defined]
    assert page.locator("#turns .turn.candidate").count() == 1  # type: ignore[attr-defined]
    engine = create_engine(url)
    with engine.connect() as db:
        marked = db.execute(text("SELECT submit_id FROM turns WHERE speaker = 'candidate'")).scalars().all()
    engine.dispose()
    assert len(marked) == 1 and re.fullmatch(r"[0-9a-f]{32}", marked[0] or "")  # the page gave its post an id
