"""The reader's attribution of words to speakers, and its reading of decisions ("X over Y")."""

from __future__ import annotations

import pytest

from sdcoach.engine.choices import choices_in
from sdcoach.engine.speakers import Role, stretches_of


def _said_by(text: str, role: Role) -> str:
    return " ".join(text[s.start : s.end].strip() for s in stretches_of(text) if s.role is role)


@pytest.mark.parametrize(
    "text",
    [
        "Interviewer: Peak is 250k QPS.\nCandidate: Then I shard by user id.\nInterviewer: And failures?\n"
        "Candidate: We fail over to a replica.\n",
        "Q: Peak is 250k QPS.\nA: Then I shard by user id.\nQ: And failures?\nA: We fail over to a replica.\n",
        "**Interviewer**: Peak is 250k QPS.\n**Me**: Then I shard by user id.\n**Interviewer**: And failures?\n"
        "**Me**: We fail over to a replica.\n",
        "[Interviewer] Peak is 250k QPS.\n[Candidate] Then I shard by user id.\n[Interviewer] And failures?\n"
        "[Candidate] We fail over to a replica.\n",
        "Alex (interviewer): Peak is 250k QPS.\nSam: Then I shard by user id.\nAlex (interviewer): And failures?\n"
        "Sam: We fail over to a replica.\n",
    ],
)
def test_only_the_candidates_turns_are_theirs_in_common_transcript_shapes(text: str) -> None:
    candidate = _said_by(text, Role.CANDIDATE)
    assert "shard by user id" in candidate and "fail over" in candidate
    assert "250k" not in candidate and "failures?" not in candidate


def test_sdcoach_export_keeps_notes_and_scorecard_out_of_the_candidates_words() -> None:
    export = (
        "# Interview 3: feature-store (finished)\n\n**Interviewer** (0:00)\n\nDesign a feature store.\n\n"
        "**Candidate** (1:05)\n\nWhat is the peak QPS?\n\n> note: fact: f_read_qps\n\n"
        "**Interviewer** (1:06)\n\nPeak is 250k calls/s.\n\n**Candidate** (3:00)\n\nI shard Redis by entity id.\n\n"
        "## Scorecard\n\nLevel ic6, grade 4/5: The answer frames the problem with numbers.\n"
    )
    candidate = _said_by(export, Role.CANDIDATE)
    assert "peak QPS" in candidate and "shard Redis" in candidate
    for other in ("250k", "note:", "Level ic6", "Design a feature store"):
        assert other not in candidate


def test_notes_with_a_few_q_lines_stay_the_writers_own() -> None:
    notes = "Q: peak QPS? -> 250k\nevents -> Kafka -> Flink -> Redis\nrisk: hot keys on celebrity ids\n"
    assert stretches_of(notes)[0].role is Role.CANDIDATE and len(stretches_of(notes)) == 1


@pytest.mark.parametrize(
    ("sentence", "chosen", "rejected"),
    [
        ("I'd pick ScyllaDB over Redis for the online store.", "scylladb", "redis"),
        ("Flink instead of Spark Streaming, because event time matters.", "flink", "spark streaming"),
        ("We go with pull-based materialization rather than push.", "pull-based materialization", "push"),
        ("Not Kafka Streams, because nobody here runs it.", None, "kafka streams"),
        ("We ruled out DiskANN for v1.", None, "diskann"),
    ],
)
def test_decisions_name_what_was_chosen_and_what_was_turned_down(
    sentence: str, chosen: str | None, rejected: str
) -> None:
    found = choices_in(0, sentence)
    assert rejected in {r for c in found for r in c.rejected}
    if chosen:
        assert chosen in {o for c in found for o in c.chosen}
    assert rejected not in {o for c in found for o in c.chosen}


def test_section_labels_are_not_speakers() -> None:
    notes = (
        "Logging: every server emits prediction records to Kafka.\n\n"
        "Detection: a Flink job computes PSI per feature every 5 minutes.\n\n"
        "Alerting: PSI above 0.2 pages the owning team.\n"
    )
    assert [s.role for s in stretches_of(notes)] == [Role.CANDIDATE]
