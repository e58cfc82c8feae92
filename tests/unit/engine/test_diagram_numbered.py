"""How a box is read past the way it is written: a step's number before its name ('1. Event bus', 'Step 5:
Online store', '(3) Features', a circled digit) is left out, a count ('2 GPUs per pod') is not; a box labelled with
the question it answers is read by what it asks, and in a diamond as a gate. No similarity model, or word
overlap in its place."""

from __future__ import annotations

import pytest

from sdcoach.engine.diagram.evidence import closeness
from sdcoach.engine.diagram.label_frame import STEP, asked
from sdcoach.engine.diagram.match import match_nodes
from sdcoach.engine.diagram.mermaid import read_mermaid
from tests.fakes import overlap
from tests.unit.engine.test_diagram_reading import LIBRARY
from tests.unit.engine.test_diagram_reading_writers import unrelated


@pytest.mark.parametrize(
    ("label", "read"),
    [
        ("1. Event bus", "Event bus"),
        ("Step 5: Online store", "Online store"),
        ("(3) Streaming features - Flink", "Streaming features - Flink"),
        ("\u2465 Offline store", "Offline store"),
        ("12 - Serving", "Serving"),
        ("2 GPUs per pod", "2 GPUs per pod"),
        ("1.5 TB store", "1.5 TB store"),
        ("S3 bucket", "S3 bucket"),
    ],
)
def test_a_step_number_before_the_name_is_not_part_of_it(label: str, read: str) -> None:
    assert STEP.sub("", label, count=1) == read


def test_a_numbered_box_is_read_as_the_same_box_unnumbered() -> None:
    components = LIBRARY.get("feature-store").components
    numbered, plain = closeness(["Step 5: Online store", "Online store"], components, unrelated)
    assert numbered == plain
    assert numbered["online_store"] == max(numbered.values())


def test_a_box_labelled_with_a_question_is_read_by_what_it_asks() -> None:
    """'Who writes the answer?' asks about writing the answer: its frame ('who', 'the') is left out where its
    meaning is read (here word overlap: half of 'writes answer' is the answer service's id, a quarter of the
    whole question is); a label with no question mark is read whole."""
    rag = LIBRARY.get("rag-platform")
    answer = [c for c in rag.components if c.id == "answer"]
    as_asked, plain = closeness(["Who writes the answer?", "Who writes the answer"], answer, overlap)
    assert as_asked["answer"] > 0.5 > plain["answer"]
    assert asked("Where do weights live? (S3)") == "weights live S3"
    assert asked("Model registry") == ""


def test_a_question_in_a_diamond_is_a_gate_the_flow_passes() -> None:
    """'Beats champion?' drawn as a diamond between the trainer and the registry is the evaluation gate; the
    same question in a rectangle is only a question."""
    pipeline = LIBRARY.get("training-pipeline")
    flow = 'flowchart LR\n  t["Trainer runtime"] --> e{}\n  e --> r["Model registry"]'
    as_diamond = match_nodes(read_mermaid(flow.format('{"Beats champion?"}')), pipeline, unrelated)
    as_box = match_nodes(read_mermaid(flow.format('["Beats champion?"]')), pipeline, unrelated)
    assert as_diamond.components_of["e"] == ("eval_gate",)
    assert as_box.components_of["e"] == ()
