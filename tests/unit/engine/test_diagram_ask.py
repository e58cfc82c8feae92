"""The interviewer's one question about an attached diagram: about the most important problem, in the candidate's
own box labels, from the content pack; about a request through it when it is clean. Every kind of problem has a
question, and the pack refuses a slot it cannot fill."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sdcoach.content.diagram_questions_schema import DiagramQuestions
from sdcoach.content.loader import load_diagram_questions, load_library
from sdcoach.engine.diagram.ask import CLEAN, diagram_question, ranked_problems
from sdcoach.engine.diagram.check import DiagramCheck, check_diagram
from sdcoach.engine.diagram.findings import FindingKind
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.walkthrough import mermaid
from tests.fakes import overlap

QUESTIONS = load_diagram_questions()
FEATURE_STORE = load_library(None).get("feature-store")


def asked(text: str) -> tuple[str, str]:
    check = check_diagram(read_mermaid(text), FEATURE_STORE, overlap)
    question = diagram_question(check, FEATURE_STORE, QUESTIONS)
    return question.kind, question.text


def test_every_problem_kind_has_one_question_and_every_question_a_kind() -> None:
    kinds = [a.kind for a in QUESTIONS.asks]
    problems = {k.value for k in FindingKind if k.is_problem}
    assert set(kinds) == problems


def test_an_open_loop_is_asked_about_in_the_candidates_own_labels() -> None:
    text = mermaid(FEATURE_STORE).replace('"Event bus"', '"Kafka topics"')
    text = "\n".join(line for line in text.splitlines() if "served-feature log landed" not in line)
    text = "\n".join(line for line in text.splitlines() if "served-feature log records" not in line)
    kind, question = asked(text)
    assert kind == "loop_open"
    assert "Kafka topics" in question or "Served-feature logger" in question
    assert "Event bus" not in question  # the candidate's label, not the scenario's name


def test_a_reversed_arrow_names_both_boxes() -> None:
    text = mermaid(FEATURE_STORE).replace("serving -.->|", "feature_logger -.->|")
    check = check_diagram(read_mermaid(text.replace("| feature_logger", "| serving")), FEATURE_STORE, overlap)
    only = tuple(f for f in check.findings if f.kind is FindingKind.EDGE_REVERSED)  # not the loop it opens
    reversed_only = DiagramCheck(check.scenario, check.diagram, check.matching, only)
    question = diagram_question(reversed_only, FEATURE_STORE, QUESTIONS)
    assert question.kind == "edge_reversed"
    assert "Served-feature logger" in question.text and "Feature serving tier" in question.text


def test_the_most_important_problem_is_asked_first_and_ranked_first() -> None:
    text = "flowchart LR\n  kafka[Kafka] --> flink[Flink]\n  flink --> online[(Online store)]\n"
    check = check_diagram(read_mermaid(text), FEATURE_STORE, overlap)
    ranked = ranked_problems(check, QUESTIONS)
    order = [a.kind for a in QUESTIONS.asks]
    assert [order.index(f.kind.value) for f in ranked] == sorted(order.index(f.kind.value) for f in ranked)
    assert diagram_question(check, FEATURE_STORE, QUESTIONS).kind == ranked[0].kind.value


def test_a_clean_diagram_gets_the_clean_question_about_its_first_request_path_box() -> None:
    kind, question = asked(mermaid(FEATURE_STORE).replace('"Feed ranking service"', '"Feed ranking API"'))
    assert kind == CLEAN
    assert "Feed ranking API" in question


def test_a_question_with_a_slot_the_engine_cannot_fill_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown slot"):
        DiagramQuestions.model_validate(
            {"version": 1, "asks": [{"kind": "loop_open", "question": "Where is {team}?"}], "clean": "Fine."}
        )
