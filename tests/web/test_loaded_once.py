"""What the web app does once instead of on every request stays correct: the scorecard stored when an interview
ends is the grading of its transcript, the end is stored whole before the reply, the shared database pool is
kept, the session list reads only its owner's rows, and a worker loads the models and packs before it serves."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_interviewer
from sdcoach.engine.interview import Context, Speaker, start
from sdcoach.engine.interviewer import advance
from sdcoach.present.scorecard import scorecard_payload
from sdcoach.services.grading import method
from sdcoach.services.interviews import Interviews
from sdcoach.services.library import find_scenario
from sdcoach.services.similarity import default_similarity, meaning_similarity
from sdcoach.store.database import forget_database, open_database
from sdcoach.store.repository import FINISHED, SessionRepository
from sdcoach.web.app import create_app
from tests.web.test_web_app import LOCAL, say
from tests.web.test_web_app import start as start_interview

ANSWERS = [
    "What peak QPS and p99 latency do the online callers need, and how fresh must features be?",
    "I'd build a registry, a Spark batch engine, a Flink streaming engine and a ScyllaDB online store per region.",
    "Reads are 250k per second; with 20 features of 100 bytes that is 500 MB/s, so I shard by entity id.",
    "Redis instead of ScyllaDB would cost about 3x in RAM; I'd flip only if the p99 had to drop under 2 ms.",
]


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), base_url=LOCAL, follow_redirects=False)


def _finished_interview(settings: Settings) -> str:
    c = _client(settings)
    session_id = start_interview(c)
    for answer in ANSWERS:
        assert say(c, session_id, answer).status_code == 200  # type: ignore[attr-defined]
    ended = say(c, session_id, "/end")
    assert ended.status_code == 204  # type: ignore[attr-defined]
    return session_id


def _fresh_replay(settings: Settings, session_id: str) -> tuple[Any, dict[str, Any]]:
    """The stored transcript replayed through the engine with every part loaded anew (no cached context), ended at
    the stored time, and graded: the state and scorecard a request that cached nothing would have stored."""
    stored = Interviews(settings).report(session_id)
    scenario = find_scenario(settings, stored.summary.scenario).scenario
    parts = method()
    context = Context(
        scenario,
        parts.framework,
        parts.grading,
        load_interviewer(),
        default_similarity(settings),
        meaning_similarity(settings),
    )
    state = start(context, Persona(stored.summary.persona), stored.summary.minutes).state
    for turn in stored.turns:
        if turn.speaker is Speaker.CANDIDATE:
            state = advance(state, turn.text, turn.elapsed, context).state
    state = advance(state, "/end", stored.elapsed, context).state
    fresh = json.loads(json.dumps(scorecard_payload(Interviews(settings).grade(state))))
    return state, fresh


def test_the_stored_scorecard_is_a_fresh_grading_of_the_stored_transcript() -> None:
    settings = Settings()
    session_id = _finished_interview(settings)
    stored = Interviews(settings).report(session_id)
    state, fresh = _fresh_replay(settings, session_id)
    assert stored.state == state  # every turn of the cached-context requests read as a fresh context reads it
    assert stored.scorecard == fresh  # and the scorecard stored at the end is that transcript's grading
    page = _client(settings).get(f"/interviews/{session_id}/scorecard").text
    assert all(signal["title"] in page for signal in fresh["signals"].values())


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_end_stores_the_transcript_and_scorecard_before_it_replies(database: str, request: Any) -> None:
    settings = Settings()
    if database == "postgresql":
        settings = Settings(database_url=request.getfixturevalue("postgres_url"))
    session_id = _finished_interview(settings)
    forget_database(settings.database)  # read back through a new engine: nothing left in this process's pool
    stored = SessionRepository(open_database(settings.database)).load(session_id)
    answers = [t.text for t in stored.turns if t.speaker is Speaker.CANDIDATE]
    assert answers == ANSWERS and stored.summary.status == FINISHED and stored.state.is_finished
    assert stored.scorecard is not None and stored.scorecard["signals"]


def test_pages_keep_the_process_database_pool() -> None:
    settings = Settings()
    c = _client(settings)
    pool = open_database(settings.database).pool
    for path in ("/", "/review", "/progress", "/interviews"):
        assert c.get(path).status_code == 200
    assert open_database(settings.database).pool is pool  # disposing it made every next request reconnect


def test_the_session_list_reads_only_its_owners_rows() -> None:
    settings = Settings()
    engine = open_database(settings.database)
    _finished_interview(settings)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        listed = SessionRepository(engine, "local").list()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert listed and listed[0].turns > len(ANSWERS)
    assert statements and all("owner" in s for s in statements), statements  # a team's other turns are not read


def test_a_worker_loads_the_models_and_packs_before_its_first_request() -> None:
    script = textwrap.dedent(
        """
        import sys
        from fastapi.testclient import TestClient
        from sdcoach.config import Settings
        from sdcoach.nlp.embeddings import shared_similarity
        from sdcoach.services.grading import method
        from sdcoach.web.app import create_app

        app = create_app(Settings())
        before = shared_similarity.cache_info().currsize
        with TestClient(app, base_url="http://127.0.0.1:8000"):  # runs the lifespan, as uvicorn's worker does
            loaded = shared_similarity.cache_info().currsize
            print(before, loaded, method.cache_info().currsize, "zxcvbn" in sys.modules)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.split() == ["0", "2", "1", "True"], done.stderr
