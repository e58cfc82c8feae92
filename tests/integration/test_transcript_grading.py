"""Grading an exported interview reads only the candidate: the same checklist as the interview's own scorecard.

The Markdown export holds the interviewer's facts, private notes and the scorecard itself; none of it is
the candidate's evidence, so grading the export must agree with the scorecard (within one item).
"""

from __future__ import annotations

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.present.report import report_markdown
from sdcoach.services.grading import grade_text
from sdcoach.services.interviews import Interviews

TURNS = [
    (1, "What peak QPS do the online callers need, and what is the p99 budget for a feature read?"),
    (3, "Who owns Kafka and the warehouse today?"),
    (
        6,
        "I'll design for 250k reads a second at peak with a 10 ms p99 read, 99.99% availability, and 2.4 TB "
        "online for 1.2B users at 2 KB each. Scope: register features as code, serve them online, and build "
        "point-in-time training sets; no discovery UI in v1.",
    ),
    (
        10,
        "Events land in Kafka; Flink computes windowed counters into ScyllaDB, the online store; Spark writes "
        "daily features to Iceberg and bulk-loads them online; the ranker calls GetOnlineFeatures(entity_ids, "
        "feature_service, deadline_ms) on a stateless feature server.",
    ),
    (
        16,
        "ScyllaDB is sharded by entity id with hot items cached in the feature server for 30 s; if a Scylla "
        "node dies, reads go to the other replicas, and if Flink lags past 5 s a freshness alert pages us while "
        "serving keeps the last value.",
    ),
]


def test_grading_the_markdown_export_gives_the_scorecards_checklist() -> None:
    settings = Settings()
    minute = [0.0]
    interviews = Interviews(settings, clock=lambda: minute[0] * 60)
    live = interviews.start("feature-store", Persona.PEER, 45)
    for at, text in TURNS:
        minute[0] = at
        live.respond(text)
    minute[0] = 20
    finished = live.respond("/end")
    assert finished.result is not None
    in_app = {i for i, c in finished.result.scorecard.checklist.items() if c.covered}
    exported = report_markdown(interviews.report(live.session_id))
    assert "note:" in exported and "Scorecard" in exported  # the export does hold the interviewer's words
    graded = grade_text(exported, "feature-store", settings).scorecard
    from_export = {i for i, c in graded.checklist.items() if c.covered}
    assert len(in_app ^ from_export) <= 1, (sorted(in_app), sorted(from_export))
    assert len(in_app) >= 4
