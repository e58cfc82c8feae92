"""A tour of every page of the web app with something on it: a real server on a free 127.0.0.1 port, seeded
through the pages themselves (a finished interview, one in progress, a drill), then each page by name.

The browser tests run axe-core and the 375 px check over this tour, and ``scripts/screenshots.py`` photographs
it, so the pages checked are the pages shown.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.web_server import wait_until_serving

ANSWERS = Path(__file__).parents[1] / "data" / "answers" / "feature-store" / "strong.md"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
# The candidate's diagram the tour attaches to its interviews: some boxes right, one reversed arrow, one box that
# stands for nothing, so the scorecard and the panel show findings marked.
DIAGRAM = """flowchart LR
    bus[Event bus] --> stream[Streaming feature engine]
    stream --> online[(Online store)]
    online --> serving[Feature serving tier]
    ranker[Feed ranking service] --> serving
    stream --> wiki[Team wiki]
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(home: Path, *args: str, extra: dict[str, str] | None = None) -> Iterator[str]:
    """``sdcoach web`` on a free loopback port with ``home`` as its SDCOACH_HOME (and ``extra`` settings); yields
    its URL."""
    port = _free_port()
    env = {**os.environ, "SDCOACH_HOME": str(home), "SDCOACH_SECRET_KEY": "browser-tour-secret", **(extra or {})}
    server = subprocess.Popen(
        [sys.executable, "-m", "sdcoach", "web", "--port", str(port), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _paragraphs() -> list[str]:
    text = ANSWERS.read_text(encoding="utf-8").split("---", 2)[2]
    return [p.strip() for p in text.split("\n\n") if len(p.split()) > 25]


def _interview(tab: Any, url: str, answers: list[str], end: bool) -> str:
    """Start a feature-store interview in ``tab``, send ``answers``, attach the tour's diagram (and /end); its id."""
    tab.goto(f"{url}/interviews?scenario=feature-store")
    tab.get_by_role("button", name="Start", exact=True).click()
    tab.wait_for_selector("#turns .turn.interviewer")
    session_id = str(tab.url.rsplit("/", 1)[-1])
    token = tab.locator("#answer input[name=csrf_token]").get_attribute("value")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    for text in answers:
        sent = tab.request.post(f"{url}/interviews/{session_id}/turns", form={"text": text}, headers=headers)
        assert sent.ok, sent.text()
    attached = tab.request.post(f"{url}/interviews/{session_id}/diagrams", form={"text": DIAGRAM}, headers=headers)
    assert attached.ok, attached.text()
    if end:
        sent = tab.request.post(f"{url}/interviews/{session_id}/turns", form={"text": "/end"}, headers=headers)
        assert sent.ok, sent.text()
    return session_id


def seed(browser: Any, url: str) -> dict[str, str]:
    """Give every page something to show; the tour's pages, name to path."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    answers = _paragraphs()
    finished = _interview(tab, url, answers[:6], end=True)
    open_one = _interview(tab, url, answers[6:8], end=False)
    tab.goto(f"{url}/drills")
    tab.locator("#tradeoff-drill textarea").fill(
        "I'd go with the hybrid rather than streaming: batch costs $60k a month but loses the fraud counters; "
        "streaming only for the Tier-0 features, and I'd revisit if fraud losses passed $25k an hour."
    )
    tab.locator("#tradeoff-drill button").click()
    tab.wait_for_selector("#tradeoff-result .score")
    context.close()
    return {
        "home": "/",
        "walkthrough": "/scenarios/feature-store",
        "interviews": "/interviews",
        "interview": f"/interviews/{open_one}",
        "scorecard": f"/interviews/{finished}/scorecard",
        "drills": "/drills",
        "diagram-editor": "/diagram",
        "review": "/review",
        "review-card": "/review/numbers:training",
        "estimate": "/estimate",
        "progress": "/progress",
        "sign-in": "/login",
        "sign-up": "/signup",
        "not-found": "/scenarios/no-such-scenario",
    }


def settle(tab: Any, name: str) -> None:
    """Wait until the page has drawn what its scripts draw (the diagram, the charts)."""
    tab.wait_for_load_state("networkidle")
    if name in ("walkthrough", "scorecard", "scorecard-diagram"):
        tab.wait_for_selector("figure.diagram.is-ready svg", timeout=30_000)
    if name == "progress":
        tab.wait_for_selector("#charts .chart canvas", timeout=10_000)
