"""The interviewer follows the candidate's own design: follow-ups in their words, on their numbers; gap pushes
that never credit them with what they did not say; a wrong figure probed until it is really corrected."""

from __future__ import annotations

from sdcoach.engine.interview import NoteKind
from tests.integration.test_interviewer_quality import play

OPENING = [
    (1, "What peak QPS do the online callers need, and what is the p99 latency budget for feature reads?"),
    (6, "Registry, Spark batch jobs, and a streaming layer on Kafka feed the online store; reads are 250k calls/s."),
]


def replies(turns: list[tuple[float, str]]) -> list[str]:
    return [s.reply for s in play(turns)[1:]]


def test_no_line_says_the_candidate_picked_or_runs_what_they_did_not() -> None:
    turns = [
        *OPENING,
        (12, "We'd use streaming for the fraud counters: events come from Kafka and update windows in the store."),
        (16, "Cassandra versus Redis: Cassandra keeps data on disk so it holds more per node. I went with Cassandra."),
        (20, "Cassandra is partitioned by entity id with three replicas per region."),
    ]
    said = " ".join(replies(turns)).lower()
    assert "your flink job" not in said and "you picked redis" not in said


def test_a_wrong_figure_restated_beside_a_right_sub_step_stays_open() -> None:
    turns = [
        *OPENING,
        (9, "Each ranking call returns 16 KB, so 250k calls per second times 16 KB is roughly 40 GB/s."),
        (11, "Per region that's 250k x 16 KB = 4 GB/s, so about 40 GB/s overall is what the store serves."),
        (44, "/end"),
    ]
    steps = play(turns)
    assert any(n.kind is NoteKind.ARITHMETIC for n in steps[3].notes) and "4 GB/s" not in steps[3].reply
    assert any(n.kind is NoteKind.ARITHMETIC_UNCORRECTED for n in steps[-1].notes)
    fixed = play([*turns[:3], (11, "Sorry, 250k x 16 KB is about 4 GB/s, not 40."), (44, "/end")])
    assert not any(n.kind is NoteKind.ARITHMETIC_UNCORRECTED for n in fixed[-1].notes)


def test_a_chain_from_a_wrong_count_is_probed_at_its_root_and_its_last_link_without_the_answer() -> None:
    turn = (
        "There are 1.5 billion users. Each one has 200 candidates, so that is 30 billion pairs a night. One H100 "
        "does 150,000 pairs a second, so that's 200,000 GPU-seconds, about 55 GPU-hours."
    )
    steps = play([*OPENING, (9, turn)])
    probed = [n for n in steps[3].notes if n.kind is NoteKind.ARITHMETIC]
    assert len(probed) == 2 and "30 billion pairs" in steps[3].reply and "55 GPU-hours" in steps[3].reply
    assert "300 billion" not in steps[3].reply and "555" not in steps[3].reply
