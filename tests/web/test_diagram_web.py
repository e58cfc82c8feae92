"""The diagram editor and the interview's diagram panel over a real SQLite file: checks come back as findings
next to the form, reading errors name the line or element, labels stay text, posts need the CSRF token, and
one person can neither read nor attach to another's interview."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.diagram_files import excalidraw
from tests.web.test_web_app import client, say, start, token

DRAWN = """flowchart LR
    kafka[Event bus] --> stream[Streaming feature engine]
    stream --> online[(Online store)]
    online --> serving[Feature serving tier]
    stream --> wiki["<script>alert(1)</script> wiki"]
"""
BROKEN = "flowchart LR\n    A[Client] --> B[API]\n    B -->> C[\n"


def check(c: TestClient, text: str, scenario: str = "feature-store") -> object:
    return c.post(
        "/diagram/check", data={"scenario": scenario, "text": text}, headers={"X-CSRF-Token": token(c, "/diagram")}
    )


def upload(c: TestClient, name: str, body: bytes, path: str = "/diagram/upload") -> object:
    return c.post(
        path,
        data={"scenario": "feature-store"},
        files={"file": (name, body, "application/json")},
        headers={"X-CSRF-Token": token(c, "/diagram")},
    )


def attach(c: TestClient, session_id: str, text: str) -> object:
    headers = {"X-CSRF-Token": token(c, f"/interviews/{session_id}")}
    return c.post(f"/interviews/{session_id}/diagrams", data={"text": text}, headers=headers)


def test_the_editor_page_is_in_the_nav_and_offers_every_scenario() -> None:
    html = client().get("/diagram?scenario=vector-search").text
    assert '<a href="/diagram" aria-current="page">Diagram</a>' in html
    assert '<option value="vector-search" selected>' in html and 'src="/static/diagram-editor.js"' in html


def test_a_check_cites_the_candidates_boxes_marks_them_and_keeps_labels_as_text() -> None:
    result = check(client(), DRAWN)
    html = result.text  # type: ignore[attr-defined]
    assert result.status_code == 200  # type: ignore[attr-defined]
    kinds = re.findall(r'<li class="finding" data-kind="([a-z_]+)">', html)
    assert "node_unmatched" not in kinds and "component_missing" in kinds  # problems only in the list
    assert "edge_reversed" in kinds  # cited by the candidate's own labels:
    assert '<span class="cites">arrow “Online store” → “Feature serving tier”</span>' in html
    assert "<script>alert" not in html and "&lt;script&gt;" not in html.split('class="marked-source"')[1][:2000]
    assert "#lt;script#gt;alert(1)#lt;/script#gt; wiki" in html  # entity-coded in the Mermaid, never markup
    assert "linkStyle 2 stroke:#dc2626" in html and 'figure class="diagram reference"' in html


def test_a_broken_diagram_is_answered_beside_the_form_with_its_line() -> None:
    refused = check(client(), BROKEN)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert re.search(r'<p class="error" role="alert">Line 3, column \d+: Mermaid cannot be read', refused.text)  # type: ignore[attr-defined]
    assert "HX-Retarget" not in refused.headers  # type: ignore[attr-defined]  # beside the form, not the page top


def test_an_excalidraw_upload_is_checked_and_its_errors_name_the_element() -> None:
    c = client()
    drawing = excalidraw([("b1", "Event bus"), ("b2", "Online store")], [("b1", "b2", "feature rows")])
    result = upload(c, "sketch.excalidraw", drawing.encode())
    assert result.status_code == 200 and "in sketch.excalidraw" in result.text  # type: ignore[attr-defined]
    assert 'class="loaded-source" hidden data-replace' in result.text  # type: ignore[attr-defined]
    bad = drawing.replace('"type": "rectangle"', '"type": "sticker"', 1)
    refused = upload(c, "sketch.excalidraw", bad.encode())
    assert refused.status_code == 422 and "sketch.excalidraw: Element &#39;b1&#39;" in refused.text  # type: ignore[attr-defined]
    too_big = upload(c, "huge.json", b" " * (2 * 1024 * 1024 + 1))
    assert too_big.status_code == 422 and "larger than 2 MB" in too_big.text  # type: ignore[attr-defined]
    assert upload(c, "x.json", b"\xff\xfe{").status_code == 422  # type: ignore[attr-defined]


def test_the_interview_keeps_every_version_and_the_scorecard_shows_the_last() -> None:
    c = client()
    session_id = start(c)
    assert "No diagram attached yet" in c.get(f"/interviews/{session_id}/diagrams").text
    first = attach(c, session_id, DRAWN)
    assert first.status_code == 200 and "Saved as version 1" in first.text  # type: ignore[attr-defined]
    asked = re.search(
        r'<p class="diagram-question"><span class="muted">The interviewer asks:</span> (.+?)</p>', first.text
    )  # type: ignore[attr-defined]
    assert asked, "the interviewer asks about the diagram"
    joined = first.text.split('<div hx-swap-oob="beforeend:#turns">')[1]  # type: ignore[attr-defined]
    assert 'class="turn interviewer" id="turn-1"' in joined and asked.group(1) in joined
    assert asked.group(1) in c.get(f"/interviews/{session_id}").text  # stored in the transcript
    assert attach(c, session_id, BROKEN).status_code == 422  # type: ignore[attr-defined]  # nothing stored
    second = attach(c, session_id, DRAWN + "    ranker[Feed ranking service] --> serving\n")
    assert "Saved as version 2" in second.text  # type: ignore[attr-defined]
    kept = c.get(f"/interviews/{session_id}/diagrams").text
    assert "2 versions kept" in kept and "Feed ranking service" in kept.split('class="loaded-source"')[1]
    say(c, session_id, "I'd put Redis in front of the online store and replicate it across zones.")
    say(c, session_id, "/end")
    card = c.get(f"/interviews/{session_id}/scorecard").text
    assert '<h2 id="diagram">Your diagram <span class="muted small">version 2</span></h2>' in card
    assert 'figure class="diagram reference"' in card and 'src="/static/diagrams.js"' in card
    evidence = card.split('<dl class="diagram-evidence">')[1].split("</dl>")[0]  # the scorecard's own lines
    assert "<dt>Data flow from ingestion to processing to serving</dt>" in evidence and "<dd>Diagram v2: " in evidence
    assert attach(c, session_id, DRAWN).status_code == 422  # type: ignore[attr-defined]  # finished: refused


def test_diagram_posts_need_the_csrf_token_and_store_nothing_without_it() -> None:
    c = client()
    session_id = start(c)
    for path in ("/diagram/check", f"/interviews/{session_id}/diagrams"):
        refused = c.post(path, data={"scenario": "feature-store", "text": DRAWN}, headers={"X-CSRF-Token": "forged"})
        assert refused.status_code == 403, path
    assert "No diagram attached yet" in c.get(f"/interviews/{session_id}/diagrams").text


def test_one_person_can_neither_read_nor_attach_to_anothers_interview() -> None:
    alice, bob = client(multi_user=True), client(multi_user=True)
    for c, email in ((alice, "alice@example.com"), (bob, "bob@example.com")):
        form = {"email": email, "password": "correct horse battery", "csrf_token": token(c, "/signup")}
        c.post("/signup", data=form)
        assert c.post("/login", data=form).status_code == 303
    session_id = start(alice)
    assert attach(alice, session_id, DRAWN).status_code == 200  # type: ignore[attr-defined]
    assert bob.get(f"/interviews/{session_id}/diagrams").status_code == 404
    bobs_token = token(bob, "/diagram")
    headers = {"X-CSRF-Token": bobs_token}
    assert bob.post(f"/interviews/{session_id}/diagrams", data={"text": DRAWN}, headers=headers).status_code == 404
    drawing = excalidraw([("b1", "Event bus")], []).encode()
    files = {"file": ("x.excalidraw", drawing, "application/json")}
    assert bob.post(f"/interviews/{session_id}/diagrams/upload", files=files, headers=headers).status_code == 404
    assert "1 version kept" in alice.get(f"/interviews/{session_id}/diagrams").text
