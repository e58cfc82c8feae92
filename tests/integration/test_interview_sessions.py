"""Interview sessions on a real SQLite file: store before show, resume after a crash, list and report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import Speaker, Turn
from sdcoach.present.report import report_markdown
from sdcoach.present.scorecard import scorecard_markdown
from sdcoach.services.interviews import Interviews
from tests.fakes import overlap
from tests.integration.cli_runner import run_sdcoach


class FakeClock:
    """Minutes advanced by the test."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_every_turn_is_stored_before_the_reply_and_survives_a_restart(clock: FakeClock) -> None:
    interviews = Interviews(Settings(), clock=clock, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    clock.seconds = 60
    live.respond("What peak QPS do we need to serve?")
    clock.seconds = 300
    live.respond("I'd put a registry, Spark batch, Flink streaming and an online store behind one API.")
    session_id = live.session_id

    again = Interviews(Settings(), clock=clock, similarity=overlap)  # a new process
    resumed = again.resume()
    assert resumed.session_id == session_id
    texts = [t.text for t in resumed.state.turns]
    assert "What peak QPS do we need to serve?" in texts
    assert resumed.now() == pytest.approx(300)  # the clock continues from the stored time


def test_a_turn_stored_without_its_reply_is_answered_on_resume(clock: FakeClock) -> None:
    interviews = Interviews(Settings(), clock=clock, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    # Simulate a crash after the candidate's turn was committed but before the reply was computed.
    interviews.repository.add_turn(live.session_id, Turn(Speaker.CANDIDATE, "Who owns the warehouse?", 90.0))
    resumed = Interviews(Settings(), clock=clock, similarity=overlap).resume(live.session_id)
    last = resumed.state.turns[-1]
    assert last.speaker is Speaker.INTERVIEWER
    assert "Data Platform" in last.text
    stored = resumed.interviews.report(live.session_id)
    assert [t.speaker for t in stored.turns[-2:]] == [Speaker.CANDIDATE, Speaker.INTERVIEWER]


def test_a_finished_interview_stores_its_scorecard(clock: FakeClock) -> None:
    interviews = Interviews(Settings(), clock=clock, similarity=overlap)
    live = interviews.start("feature-store", Persona.DIRECTOR, 45)
    clock.seconds = 120
    live.respond("Peak is 250k QPS; p99 budget 20 ms. 250k at 16 KB each is 40 GB/s.")
    clock.seconds = 200
    reply = live.respond("/end")
    assert reply.is_finished and reply.result is not None
    stored = interviews.report(live.session_id)
    assert stored.summary.status == "finished"
    assert stored.scorecard is not None and stored.scorecard["level"]
    assert any("never corrected" in note for note in stored.scorecard["notes"])
    assert interviews.sessions()[0].id == live.session_id


def _flags(scorecard: dict[str, object]) -> dict[str, list[str]]:
    signals = scorecard["signals"]
    assert isinstance(signals, dict)
    return {name: [f["id"] for f in signal["red_flags"]] for name, signal in signals.items() if signal["red_flags"]}


def test_red_flags_seen_in_the_interview_reach_the_stored_scorecard(clock: FakeClock) -> None:
    """Eleven minutes before leaving requirements (of 38) and a figure probed but never redone: two flags."""
    interviews = Interviews(Settings(), clock=clock, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    clock.seconds = 60
    live.respond("What peak QPS do the online callers need?")
    clock.seconds = 120
    live.respond("Peak is 250k calls/s; 250k calls/s at 16 KB each is 40 GB/s.")
    clock.seconds = 11 * 60
    live.respond("Who owns the warehouse and Kafka today, and how fresh must fraud features be?")
    assert live.state.phase_index >= 1  # the interviewer moved on at last
    clock.seconds = 12 * 60
    reply = live.respond("/end")
    assert reply.result is not None
    stored = interviews.report(live.session_id).scorecard
    assert stored is not None
    assert _flags(stored) == {
        "scalability_awareness": ["estimate_not_revised"],
        "problem_navigation": ["requirements_overrun"],
    }
    navigation = stored["signals"]["problem_navigation"]
    assert "11 of 38 design minutes" in navigation["red_flags"][0]["seen"]
    assert navigation["red_flags_checked"] == ["requirements_overrun"]
    markdown = scorecard_markdown(reply.result, {})
    assert "**Red flag:**" in markdown and "40 GB/s" in markdown
    assert "Red flag:" in report_markdown(interviews.report(live.session_id))  # `sdcoach report` too


def test_an_interview_that_moves_on_in_time_and_fixes_its_math_has_no_flags(clock: FakeClock) -> None:
    interviews = Interviews(Settings(), clock=clock, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    clock.seconds = 120
    live.respond("Peak is 250k calls/s; 250k calls/s at 16 KB each is 40 GB/s.")
    clock.seconds = 180
    live.respond("Let me redo that: 250k x 16 KB = 4 GB/s.")
    clock.seconds = 8 * 60
    live.respond("A registry, Spark batch, Flink streaming and a ScyllaDB online store behind one API.")
    clock.seconds = 9 * 60
    live.respond("/end")
    stored = interviews.report(live.session_id).scorecard
    assert stored is not None and _flags(stored) == {}
    assert stored["signals"]["problem_navigation"]["red_flags_checked"] == ["requirements_overrun"]


def test_resume_with_nothing_to_resume_is_a_clear_error() -> None:
    result = run_sdcoach("interview", "--resume")
    assert result.code == 2
    assert "no unfinished interview" in result.err


def test_piped_interview_then_sessions_and_report(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = "What is the peak QPS?\n\nWe shard the store by entity id.\n\n/end\n"
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "interview", "feature-store"],
        input=script,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Peak is 250k" in done.stdout
    listed = json.loads(run_sdcoach("sessions", "--format", "json").out)["sessions"]
    assert listed and listed[0]["status"] == "finished"
    report = json.loads(run_sdcoach("report", listed[0]["id"], "--format", "json").out)
    texts = [t["text"] for t in report["transcript"]]
    assert "What is the peak QPS?" in texts and "We shard the store by entity id." in texts
    assert report["scorecard"]["signals"]
    markdown = run_sdcoach("report", listed[0]["id"]).out
    assert "**Candidate**" in markdown and "> note:" in markdown


def test_the_demo_runs_without_input_and_is_never_stored_as_yours() -> None:
    result = run_sdcoach("interview", "--demo")
    assert result.code == 0, result.err
    assert "Walk me through how you got 40 GB/s" in result.out
    assert "Rubric signals" in result.out
    listed = json.loads(run_sdcoach("sessions", "--format", "json").out)["sessions"]
    assert listed == []  # the scripted candidate's interview is not the user's history


def test_the_demo_honours_the_scenario_the_persona_and_the_length() -> None:
    result = run_sdcoach("interview", "vector-search", "--demo", "--persona", "pm", "--minutes", "60")
    assert result.code == 0, result.err
    assert "(pm, 60 minutes)" in result.out and "feature store" not in result.out.lower()
    from sdcoach.content.loader import load_library

    scenario = load_library(None).get("vector-search")
    assert scenario.short_answer is not None
    asked_first = scenario.question(scenario.short_answer.ask_first[0])
    assert asked_first is not None and asked_first.question[:40] in " ".join(result.out.split())
    assert "Rubric signals" in result.out
    typo = run_sdcoach("interview", "vector-serch", "--demo")
    assert typo.code == 2 and "vector-search" in typo.err


def test_sessions_work_on_postgresql(clock: FakeClock, postgres_url: str) -> None:
    url = postgres_url
    first = Interviews(Settings(database_url=url), clock=clock, similarity=overlap)
    second = Interviews(Settings(database_url=url), clock=clock, similarity=overlap)
    try:
        live = first.start("inference-serving", Persona.PM, 60)
        clock.seconds = 90
        live.respond("What is the p99 latency budget for ranking?")
        resumed = second.resume(live.session_id)
        speakers = [t.speaker for t in resumed.state.turns]
        assert speakers == [Speaker.INTERVIEWER, Speaker.CANDIDATE, Speaker.INTERVIEWER]
        assert resumed.state.persona is Persona.PM and resumed.state.minutes == 60
    finally:
        first.close()
        second.close()


def test_the_scorecard_reflects_the_transcript(clock: FakeClock) -> None:
    from tests.integration.test_interviewer_quality import STRONG

    weak = [(1, "What is the QPS?"), (8, "We use a database."), (15, "It will scale."), (22, "We add caching.")]
    overall = {}
    for name, script in (("strong", STRONG), ("weak", weak)):
        interviews = Interviews(Settings(), clock=clock, similarity=overlap)
        clock.seconds = 0
        live = interviews.start("feature-store", Persona.PEER, 45)
        for minute, text in script:
            clock.seconds = minute * 60
            reply = live.respond(text)
        reply = reply if reply.is_finished else live.respond("/end")
        assert reply.result is not None
        overall[name] = reply.result.scorecard.overall
        interviews.close()
    assert overall["strong"] > overall["weak"]


SEVEN_TURNS = [
    "Requirements: 250k feature reads a second at peak, p99 10 ms for the read, 99.99% availability; ranking and "
    "fraud first; training gets point-in-time joins; no discovery UI in v1.",
    "Design: events land in Kafka, Flink computes windowed counters into ScyllaDB (the online store), Spark writes "
    "daily features to Iceberg and bulk-loads them online, and a stateless feature server answers "
    "GetOnlineFeatures(entity_ids, feature_service, deadline_ms).",
    "Scale: ScyllaDB is sharded by entity id across 3 regions; the feature server caches hot item rows for 30 s, "
    "which takes 90% of item reads off the store.",
    "Failures: if a Scylla node dies, reads go to the other two replicas; if Flink lags past 5 s a freshness alert "
    "pages us and serving keeps the last value; if a region is lost, the client falls back to defaults.",
    "Tradeoff: ScyllaDB over Redis, because 3.7 TB in RAM would cost about $90k a month against $25k on NVMe; "
    "if fraud ever needs 2 ms p99 we would put its features on Redis.",
    "For the director: one platform for 40 teams at $750k a month against $1.5M today, first tenant in two "
    "quarters; the risk is the read path, and I need 14 engineers and the Streaming Infra team's Kafka quota.",
    "/end",
]


def test_a_fast_strong_candidate_has_their_content_counted_where_it_belongs(clock: FakeClock) -> None:
    """Seven turns in ten minutes that give requirements, a design, sharding and caching, failure handling, a
    priced tradeoff and a director pitch: the scorecard credits them, whatever phase the clock had reached."""
    interviews = Interviews(Settings(), clock=clock)  # the real reader and models
    live = interviews.start("feature-store", Persona.PEER, 45)
    for minute, text in enumerate(SEVEN_TURNS, start=1):
        clock.seconds = minute * 90
        reply = live.respond(text)
    assert reply.is_finished and reply.result is not None
    card = reply.result.scorecard
    covered = {i for i, c in card.checklist.items() if c.covered}
    assert len(covered) >= 8, sorted(covered)
    assert {"req.scale_slo", "hld.components", "failure.points_mitigation"} <= covered
    assert "stuffing" not in card.set_aside
