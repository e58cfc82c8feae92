"""The web app over a real SQLite file: pages, a whole interview, nothing lost, escaping, CSRF, accounts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sdcoach.config import Settings
from sdcoach.web.app import create_app
from tests.integration.cli_runner import run_sdcoach

PAGES = ["/", "/scenarios/feature-store", "/interviews", "/drills", "/review", "/estimate", "/progress", "/login"]
NASTY = '<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) p99 under 20 ms'


LOCAL = "http://127.0.0.1:8000"  # the app answers only to loopback names (a DNS-rebinding defence)


def client(multi_user: bool = False) -> TestClient:
    return TestClient(create_app(Settings(multi_user=multi_user)), base_url=LOCAL, follow_redirects=False)


def token(c: TestClient, path: str = "/") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', c.get(path).text) or re.search(
        r'"X-CSRF-Token": "([^"]+)"', c.get(path).text
    )
    assert found, "every page carries the CSRF token"
    return found.group(1)


def start(c: TestClient, scenario: str = "feature-store") -> str:
    response = c.post(
        "/interviews",
        data={"scenario": scenario, "persona": "peer", "minutes": "45", "csrf_token": token(c, "/interviews")},
    )
    assert response.status_code == 303
    return response.headers["location"].rsplit("/", 1)[-1]


def say(c: TestClient, session_id: str, text: str) -> object:
    return c.post(
        f"/interviews/{session_id}/turns",
        data={"text": text},
        headers={"HX-Request": "true", "X-CSRF-Token": token(c, f"/interviews/{session_id}")},
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_and_loads_nothing_from_another_host(path: str) -> None:
    response = client().get(path)
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert all(not a.startswith(("http:", "https:", "//")) for a in assets), assets


def test_a_walkthrough_has_its_six_sections_and_a_mermaid_diagram() -> None:
    html = client().get("/scenarios/feature-store").text
    for heading in ("Requirements Clarification", "High-Level Design", "Influence / Communication Tips"):
        assert heading in html
    assert '<pre class="mermaid">' in html and "flowchart" in html
    order = [html.index(h) for h in ("The 35-minute answer", "Requirements Clarification", "Common mistakes")]
    assert order == sorted(order)  # the short answer first, the mistakes and ladders after the six sections


def test_a_whole_interview_is_stored_turn_by_turn_and_survives_a_restart(sdcoach_home: Path) -> None:
    c = client()
    session_id = start(c)
    reply = say(c, session_id, "What peak QPS and p99 latency do the online callers need?")
    assert reply.status_code == 200  # type: ignore[attr-defined]
    assert "Peak is 250k" in reply.text and 'hx-swap-oob="true"' in reply.text  # type: ignore[attr-defined]
    restarted = client()  # a new app on the same database: nothing lived in the old one
    page = restarted.get(f"/interviews/{session_id}").text
    assert "What peak QPS and p99 latency do the online callers need?" in page and "Peak is 250k" in page
    say(restarted, session_id, "I'd build a registry, Spark batch, Flink streaming and a ScyllaDB online store.")
    ended = say(restarted, session_id, "/end")
    assert ended.status_code == 204 and ended.headers["HX-Redirect"].endswith("/scorecard")  # type: ignore[attr-defined]
    card = restarted.get(f"/interviews/{session_id}/scorecard").text
    assert "Signals" in card and "Transcript" in card
    stored = restarted.get(f"/interviews/{session_id}/export.json").json()["scorecard"]
    assert stored["level"]
    hires = {s["hire"].replace("_", " ") for s in stored["signals"].values()}
    assert all(f">{hire}</span>" in card for hire in hires)  # each signal's hire rating is on the page
    exported = restarted.get(f"/interviews/{session_id}/export.md").text
    assert "## Scorecard" in exported and all(hire in exported for hire in hires)


def test_scorecard_evidence_links_to_a_marked_quote_in_the_transcript() -> None:
    strong = (Path(__file__).parents[1] / "data" / "answers" / "feature-store" / "strong.md").read_text()
    paragraphs = [p.strip() for p in strong.split("---", 2)[2].split("\n\n") if len(p.split()) > 25]
    c = client()
    session_id = start(c)
    for paragraph in paragraphs[:8]:
        say(c, session_id, paragraph)
    say(c, session_id, "/end")
    html = c.get(f"/interviews/{session_id}/scorecard").text
    anchors = re.findall(r'<a href="#(ev-[^"]+)">', html)
    assert anchors, "at least one quote links into the transcript"
    assert all(f'<mark id="{a}">' in html for a in anchors)
    quotes = re.findall(r'<a href="#ev-[^"]+">“(.*?)”</a>', html)
    assert quotes and all(len(q.split()) >= 4 for q in quotes), quotes  # sentences, never an index like "9"
    transcript = html[html.index('<div id="transcript">') :]
    for anchor, quote in zip(anchors, quotes, strict=True):
        assert f'<mark id="{anchor}">' in transcript and quote in transcript


def test_what_a_candidate_types_is_shown_as_text_everywhere() -> None:
    c = client()
    session_id = start(c)
    fragment = say(c, session_id, NASTY)
    say(c, session_id, NASTY + " again, with Kafka.")
    say(c, session_id, "/end")
    for html in (
        fragment.text,
        c.get(f"/interviews/{session_id}").text,
        c.get(f"/interviews/{session_id}/scorecard").text,
    ):  # type: ignore[attr-defined]
        assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
        assert "&lt;script&gt;alert" in html
    for fmt, kind in (("md", "text/markdown"), ("json", "application/json")):  # downloads, never rendered as HTML
        export = c.get(f"/interviews/{session_id}/export.{fmt}")
        assert export.headers["content-type"].startswith(kind) and "attachment" in export.headers["content-disposition"]
    drill = c.post(
        "/drills/pitch",
        data={"scenario": "feature-store", "text": NASTY, "audience": "director"},
        headers={"X-CSRF-Token": token(c, "/drills")},
    )
    assert drill.status_code == 200 and "<script>alert" not in drill.text


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing() -> None:
    c = client()
    session_id = start(c)
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        refused = c.post(f"/interviews/{session_id}/turns", data={"text": "hello"}, headers=headers)
        assert refused.status_code == 403
    assert "hello" not in c.get(f"/interviews/{session_id}").text
    assert c.post("/interviews", data={"scenario": "feature-store"}).status_code == 403


def test_multi_user_accounts_see_only_their_own_data() -> None:
    alice, bob = client(multi_user=True), client(multi_user=True)
    assert alice.get("/interviews").status_code == 303  # anonymous: sent to sign in
    for c, email in ((alice, "alice@example.com"), (bob, "bob@example.com")):
        form = {"email": email, "password": "correct horse battery", "csrf_token": token(c, "/signup")}
        assert c.post("/signup", data=form).headers["location"] == "/login?created=true"
        assert c.post("/login", data=form).status_code == 303
    session_id = start(alice)
    say(alice, session_id, "Alice's private answer about sharding.")
    assert bob.get(f"/interviews/{session_id}").status_code == 404
    assert bob.get(f"/interviews/{session_id}/export.json").status_code == 404
    assert say(bob, session_id, "Bob writes into Alice's interview").status_code == 404  # type: ignore[attr-defined]
    assert session_id not in bob.get("/interviews").text and session_id in alice.get("/interviews").text
    wrong = bob.post(
        "/login",
        data={"email": "alice@example.com", "password": "not her password", "csrf_token": token(bob, "/login")},
    )
    assert wrong.status_code == 400 and "do not match" in wrong.text
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from sdcoach.store.database import open_database
    from sdcoach.store.models import UserRecord

    with Session(open_database(Settings().database)) as db:
        hashes = [u.password_hash for u in db.scalars(select(UserRecord))]
    assert len(hashes) == 2 and all(h.startswith("$argon2id$") and "horse" not in h for h in hashes)


def test_serving_beyond_loopback_needs_accounts() -> None:
    result = run_sdcoach("web", "--host", "0.0.0.0")
    assert result.code == 2 and "--multi-user" in result.err


def test_a_backends_narrative_streams_into_the_scorecard_and_is_kept() -> None:
    import json

    from tests.llm_server import LLMServer

    server = LLMServer(reply=lambda messages: "You framed the requirements well; practise failure modes next.").start()
    try:
        settings = Settings(backend="openai", base_url=server.url + "/v1", model="test-model", reply_timeout=5)
        c = TestClient(create_app(settings), base_url=LOCAL, follow_redirects=False)
        session_id = start(c)
        say(c, session_id, "What peak QPS do the online callers need?")
        say(c, session_id, "/end")
        page = c.get(f"/interviews/{session_id}/scorecard").text
        assert f'data-stream="/interviews/{session_id}/narrative"' in page
        stream = c.get(f"/interviews/{session_id}/narrative")
        assert stream.headers["content-type"].startswith("text/event-stream")
        pieces = [
            json.loads(line[6:])
            for line in stream.text.splitlines()
            if line.startswith("data: ") and '"text"' not in line
        ]
        done = json.loads(stream.text.split("event: done\ndata: ", 1)[1].split("\n", 1)[0])
        assert len(pieces) > 1 and "".join(pieces).strip() == done["text"] and done["notice"] is None
        kept = c.get(f"/interviews/{session_id}/scorecard").text
        assert "practise failure modes next" in kept and "data-stream" not in kept
    finally:
        server.stop()
    assert (
        "data-stream" not in client().get(f"/interviews/{start(client())}/scorecard").text
    )  # offline: nothing to stream


def test_review_cards_are_answered_in_the_page_and_rescheduled() -> None:
    import html

    from sdcoach.store.attempts import AttemptRepository
    from sdcoach.store.database import open_database

    c = client()
    queue = c.get("/review").text
    cards = re.findall(r'href="/review/([^"]+)">Answer', queue)
    assert len(cards) == 10 and "numbers:training" in cards
    page = c.get("/review/numbers:training").text
    question = html.unescape(re.search(r'<blockquote class="prompt">(.*?)</blockquote>', page, re.S).group(1))  # type: ignore[union-attr]
    seed = re.search(r'name="seed" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    from sdcoach.engine.numbers_drill import describe
    from sdcoach.services.drills import numbers_question

    right = describe(numbers_question("training", int(seed))).split(" (")[0]  # the computed answer, in its unit
    graded = c.post("/review/numbers:training", data={"text": right, "seed": seed}, headers={"X-CSRF-Token": token(c)})
    assert graded.status_code == 200 and "Rated <strong>easy</strong>" in graded.text and "next review" in graded.text
    attempts = AttemptRepository(open_database(Settings().database)).list("numbers")
    assert attempts[0].answer.startswith(question.strip())  # graded against the very question shown
    assert "numbers:training" not in re.findall(r'href="/review/([^"]+)">Answer', c.get("/review").text)
    assert c.get("/review/nope:nothing").status_code == 404


def test_an_interview_open_in_a_terminal_is_refused_in_the_browser_until_that_terminal_is_gone() -> None:
    import subprocess

    from sdcoach.store.database import open_database
    from sdcoach.store.locks import SessionLocks

    c = client()
    session_id = start(c)
    terminal = subprocess.Popen(["sleep", "60"])  # stands in for the terminal's process, alive
    with pytest.MonkeyPatch.context() as patch:  # the lock row that terminal writes when it opens the session
        patch.setattr("os.getpid", lambda: terminal.pid)
        SessionLocks(open_database(Settings().database)).acquire(session_id, "terminal")
    before = c.get(f"/interviews/{session_id}/export.json").json()["transcript"]
    refused = say(c, session_id, "What peak QPS do the online callers need?")
    terminal.kill()
    terminal.wait()
    assert refused.status_code == 409  # type: ignore[attr-defined]
    assert f"open in another terminal (process {terminal.pid} on this machine)" in refused.text  # type: ignore[attr-defined]
    assert c.get(f"/interviews/{session_id}/export.json").json()["transcript"] == before
    assert say(c, session_id, "What peak QPS do the online callers need?").status_code == 200  # type: ignore[attr-defined]


def test_the_estimator_forms_start_on_their_stated_defaults_and_show_values() -> None:
    c = client()
    html = c.get("/estimate").text
    selected = re.findall(r'<option value="([^"]+)" selected>', html)
    assert selected == ["llama-3-70b", "h100-sxm", "llama-3-70b", "h100-sxm"]
    form = {
        "model": "llama-3-70b",
        "gpu": "h100-sxm",
        "qps": "20",
        "prompt_tokens": "1000",
        "output_tokens": "250",
        "tpot_ms": "50",
        "csrf_token": token(c, "/estimate"),
    }
    result = c.post("/estimate/serving", data=form, headers={"HX-Request": "true"}).text
    values = re.findall(r'<dd class="score">([^<]+)</dd>', result)
    labels = re.findall(r"<dt>([^<]+)</dt>", result)
    shown = dict(zip(labels, values, strict=True))
    assert shown["gpus"].endswith("GPUs") and shown["gpus"][0].isdigit(), shown  # figures, never the key names


def test_every_search_result_links_to_a_place_that_exists() -> None:
    c = client()
    results = c.get(
        "/search", params={"q": "how do I size the KV cache for a 70B model"}, headers={"HX-Request": "true"}
    )
    links = re.findall(r'<a href="(/scenarios/[^"#]+)#([^"]+)">', results.text)
    assert links
    for path, anchor in links:
        assert f'id="{anchor}"' in c.get(path).text, (path, anchor)


def test_tradeoff_pros_and_cons_are_plain_list_items() -> None:
    html = client().get("/scenarios/feature-store").text
    tradeoffs = html[html.index('id="tradeoffs"') : html.index('id="failure-modes"')]
    assert "<li>Pro: " in tradeoffs and "<li>Con: " in tradeoffs
    assert "<li>\n<ul>" not in tradeoffs and "<li></li>" not in tradeoffs  # no empty bullet holding a nested one


def test_a_pm_round_is_labelled_cross_functional_and_its_scorecard_debriefs() -> None:
    c = client()
    response = c.post(
        "/interviews",
        data={"scenario": "feature-store", "persona": "pm", "minutes": "45", "csrf_token": token(c, "/interviews")},
    )
    session_id = response.headers["location"].rsplit("/", 1)[-1]
    label = re.search(r'<p class="round-label" id="round-label">([^<]+)</p>', c.get(f"/interviews/{session_id}").text)
    assert label and "cross-functional round" in label.group(1)
    reply = say(c, session_id, "Which product matters most to you?")
    assert "Feed ranking first" in reply.text  # type: ignore[attr-defined]
    say(c, session_id, "Reads are 250k calls/s x 16 KB = 40 GB/s at peak, so the network is the bottleneck.")
    say(c, session_id, "/end")
    html = c.get(f"/interviews/{session_id}/scorecard").text
    assert re.search(r'<strong class="corrected">4 GB/s</strong>', html)
    assert re.search(r'<ul class="moments"><li class="(strength|against)"><q>', html)
    missed = re.search(r'<ul class="missed">(.*?)</ul>', html, re.S)
    assert missed and "A strong answer:" in missed.group(1) and "<code>sdcoach " in missed.group(1)
    peer = start(c)
    assert 'id="round-label"' not in c.get(f"/interviews/{peer}").text


def test_an_answer_over_the_form_limit_is_refused_in_the_page_style_and_not_stored() -> None:
    c = client()
    session_id = start(c)
    before = c.get(f"/interviews/{session_id}").text.count('class="turn')
    response = say(c, session_id, "x" * 20_001)
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert response.headers["HX-Retarget"] == "#flash"  # type: ignore[attr-defined]
    assert 'role="alert"' in response.text and "at most 20000 characters" in response.text  # type: ignore[attr-defined]
    assert not response.text.lstrip().startswith("{")  # type: ignore[attr-defined]  # never FastAPI's raw JSON
    assert c.get(f"/interviews/{session_id}").text.count('class="turn') == before
