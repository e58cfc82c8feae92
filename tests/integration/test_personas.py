"""Cross-functional personas with the real reader and embedding model: the PM and the director answer their
own questions from the scenario's stakeholder facts in every scenario, and still hand engineering questions
to the scenario's facts."""

from __future__ import annotations

import pytest

from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_framework, load_grading, load_interviewer, load_library
from sdcoach.content.stakeholder_schema import StakeholderTopic
from sdcoach.engine.interview import Context, NoteKind, start
from sdcoach.engine.interviewer import advance
from sdcoach.services.similarity import default_similarity, meaning_similarity
from tests.integration.cli_runner import run_sdcoach

LIBRARY = load_library(None)
PACK = load_interviewer()


def ask(persona: Persona, question: str, slug: str) -> tuple[str, list[str]]:
    ctx = Context(LIBRARY.get(slug), load_framework(), load_grading(), PACK, default_similarity(), meaning_similarity())
    step = advance(start(ctx, persona, 45).state, question, 60, ctx)
    return step.reply, [n.detail for n in step.notes if n.kind in (NoteKind.FACT, NoteKind.NO_FACT)]


@pytest.mark.parametrize("slug", [e.scenario.slug for e in LIBRARY.entries])
def test_the_pm_names_the_product_that_matters_most_in_every_scenario(slug: str) -> None:
    reply, notes = ask(Persona.PM, "Which product matters most to you?", slug)
    fact = LIBRARY.get(slug).stakeholders.fact("pm", StakeholderTopic.SURFACE)
    assert fact is not None and notes == ["pm fact: surface"] and reply == fact.answer


@pytest.mark.parametrize(
    ("persona", "question", "note"),
    [
        (Persona.DIRECTOR, "How much can we spend on this?", "director fact: cost"),
        (Persona.DIRECTOR, "When does this need to ship?", "director fact: timeline"),
        (Persona.PM, "When is the launch?", "pm fact: launch"),
        (Persona.PM, "Which surface should I optimise for first?", "pm fact: surface"),
    ],
)
def test_stakeholder_questions_in_other_words_reach_their_fact(persona: Persona, question: str, note: str) -> None:
    assert ask(persona, question, "feature-store")[1] == [note]


def test_an_engineering_question_to_the_pm_gets_the_engineering_fact() -> None:
    reply, notes = ask(Persona.PM, "What is the peak QPS?", "feature-store")
    assert notes == ["f_read_qps"] and reply.startswith("Peak is 250k")


def test_a_persona_round_is_labelled_as_cross_functional_practice() -> None:
    result = run_sdcoach("interview", "feature-store", "--persona", "pm", stdin="/end\n")
    assert result.code == 0, result.err
    assert "Cross-functional round" in result.out and "Practice for a cross-functional round" in result.out
    peer = run_sdcoach("interview", "feature-store", stdin="/end\n")
    assert "Cross-functional round" not in peer.out
