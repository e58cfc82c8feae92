"""Two tabs on one interview, over HTTP against a real `sdcoach web --workers 2`, on SQLite and PostgreSQL.

Both tabs send at the same moment, 50 times: every acknowledged answer is stored once, turn numbers are
unique (in the database and on the page), and the scorecard's state holds every candidate turn. A post
sent twice with the same submit id stores one turn and gets the same reply; a review card graded twice
from one showing records one review.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.web_server import wait_until_serving

ROUNDS = 50


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'races.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[str]:
    """`sdcoach web` with two worker processes on a free port, on a database no process has opened yet."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "SDCOACH_HOME": str(tmp_path / "home"),
        "SDCOACH_DATABASE_URL": database_url,
        "SDCOACH_SECRET_KEY": "race-test-secret",
    }
    command = [sys.executable, "-m", "sdcoach", "web", "--port", str(port), "--workers", "2"]
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "Traceback" not in log.read_text()


class Tab:
    """One browser tab: the browser's cookies (shared by its tabs) and the page's CSRF token."""

    def __init__(self, base: str, cookies: http.cookiejar.CookieJar) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        self.token = ""

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as response:
            html: str = response.read().decode()
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        self.token = found.group(1) if found else self.token
        return html

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        request.add_header("HX-Request", "true")
        request.add_header("X-CSRF-Token", self.token)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()


def _start(tab: Tab) -> str:
    tab.get("/interviews")
    data = urllib.parse.urlencode({"scenario": "feature-store", "persona": "peer", "minutes": "45"})
    request = urllib.request.Request(tab.base + "/interviews", data=(data + f"&csrf_token={tab.token}").encode())
    with tab.opener.open(request, timeout=120) as response:  # the redirect to the interview is followed
        session_id = response.geturl().rstrip("/").rsplit("/", 1)[-1]
    tab.get(f"/interviews/{session_id}")
    return session_id


def _at_once(*posts: tuple[Tab, str, dict[str, str]]) -> list[tuple[int, str]]:
    """Send the posts from threads released together; their responses in the same order."""
    gate = threading.Barrier(len(posts))
    results: list[tuple[int, str]] = [(0, "")] * len(posts)

    def send(n: int) -> None:
        tab, path, fields = posts[n]
        gate.wait()
        results[n] = tab.post(path, fields)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(posts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _stored(url: str, session_id: str) -> tuple[list[tuple[int, str, str]], str]:
    engine = create_engine(url)
    with engine.connect() as db:
        rows = db.execute(
            text("SELECT seq, speaker, text FROM turns WHERE session_id = :s ORDER BY seq"), {"s": session_id}
        ).all()
        state = db.execute(text("SELECT state_json FROM sessions WHERE id = :s"), {"s": session_id}).scalar_one()
    engine.dispose()
    return [(r[0], r[1], r[2]) for r in rows], state


def test_two_tabs_sending_at_once_store_every_acknowledged_turn_once(server: str, database_url: str) -> None:
    import json

    cookies = http.cookiejar.CookieJar()
    first, second = Tab(server, cookies), Tab(server, cookies)
    session_id = _start(first)
    second.get(f"/interviews/{session_id}")
    path = f"/interviews/{session_id}/turns"
    acknowledged: list[str] = []
    numbers: list[str] = []
    for n in range(ROUNDS):
        # questions keep the interview in its first phase (a whole interview is fewer than 100 answers)
        answers = [f"Tab {name}, question {n}: what read QPS should I plan for in region {n}?" for name in "AB"]
        sent = _at_once(
            (first, path, {"text": answers[0], "submit_id": f"a{n}"}),
            (second, path, {"text": answers[1], "submit_id": f"b{n}"}),
        )
        for answer, (status, body) in zip(answers, sent, strict=True):
            assert status == 200, body
            assert body.count("turn candidate") == 1 and answer in body  # its own answer, once, and a reply
            acknowledged.append(answer)
            numbers += re.findall(r'id="(turn-\d+)"', body)
    assert len(numbers) == len(set(numbers)), "a turn number was shown twice"
    status, _ = first.post(path, {"text": "/end", "submit_id": "end"})
    assert status == 204
    turns, state_json = _stored(database_url, session_id)
    assert [seq for seq, _, _ in turns] == list(range(len(turns)))  # unique and without gaps
    candidate = [t for _, speaker, t in turns if speaker == "candidate"]
    assert sorted(candidate) == sorted(acknowledged)  # every acknowledged answer stored exactly once
    graded = [t["text"] for t in json.loads(state_json)["turns"] if t["speaker"] == "candidate"]
    assert graded == candidate  # the state the scorecard was graded from holds every candidate turn, in order
    assert "Signals" in first.get(f"/interviews/{session_id}/scorecard")


def test_a_doubled_post_stores_one_turn_and_gets_the_same_reply(server: str, database_url: str) -> None:
    cookies = http.cookiejar.CookieJar()
    first, second = Tab(server, cookies), Tab(server, cookies)
    session_id = _start(first)
    second.get(f"/interviews/{session_id}")
    path = f"/interviews/{session_id}/turns"
    answer = {"text": "What peak QPS and p99 latency do the online callers need?", "submit_id": "same-post"}
    replies = _at_once((first, path, answer), (second, path, answer))
    again = first.post(path, answer)  # a retry after both answered
    skip = _at_once(*[(first, path, {"text": "/skip", "submit_id": "one-skip"})] * 3)  # "Next phase", thrice
    assert [s for s, _ in [*replies, again, *skip]] == [200] * 6
    assert _shown_turns(replies[0][1]) == _shown_turns(replies[1][1]) == _shown_turns(again[1])
    assert _shown_turns(skip[0][1]) == _shown_turns(skip[1][1]) == _shown_turns(skip[2][1])
    assert len(_shown_turns(replies[0][1])) == 2 and len(_shown_turns(skip[0][1])) == 1
    turns, _ = _stored(database_url, session_id)
    assert [t for _, speaker, t in turns if speaker == "candidate"] == [answer["text"]]
    assert len(turns) == 1 + 2 + 1  # the opening, the answer and its reply, and one phase skipped


def test_a_card_graded_three_times_from_one_showing_is_reviewed_once(server: str, database_url: str) -> None:
    tab = Tab(server, http.cookiejar.CookieJar())
    card = "tradeoff:" + re.findall(r'href="/review/tradeoff:([^"]+)"', tab.get("/review"))[0]
    page = tab.get(f"/review/{card}")
    fields = _hidden(page)
    fields["text"] = "I'd go with the hybrid: batch costs $60k a month less but loses the fraud counters."
    graded = _at_once(*[(tab, f"/review/{card}", fields)] * 3)
    assert [s for s, _ in graded] == [200] * 3
    assert graded[0][1] == graded[1][1] == graded[2][1]
    engine = create_engine(database_url)
    with engine.connect() as db:
        reviews = db.execute(text("SELECT COUNT(*) FROM reviews WHERE card_id = :c"), {"c": card}).scalar_one()
        attempts = db.execute(text("SELECT COUNT(*) FROM drill_attempts")).scalar_one()
    engine.dispose()
    assert (reviews, attempts) == (1, 1)
    shown_again = {**fields, **_hidden(tab.get(f"/review/{card}"))}  # a new showing of the card is a new review
    assert tab.post(f"/review/{card}", shown_again)[0] == 200
    with engine.connect() as db:
        assert db.execute(text("SELECT COUNT(*) FROM reviews WHERE card_id = :c"), {"c": card}).scalar_one() == 2
    engine.dispose()


def _shown_turns(fragment: str) -> list[str]:
    """The turns a reply fragment shows (the clock beside them moves on between two posts)."""
    return re.findall(r'<div class="turn .*?<div class="text">.*?</div>', fragment, re.DOTALL)


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
