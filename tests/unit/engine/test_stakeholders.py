"""The director and the PM differ in substance: their own facts and probes, on the real packs (word-overlap
similarity stands in for the embedding model)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_framework, load_grading, load_interviewer, load_library
from sdcoach.content.schema import ProbeKind
from sdcoach.content.stakeholder_schema import Stakeholders, StakeholderTopic
from sdcoach.engine.interview import Context, NoteKind, start
from sdcoach.engine.interviewer import advance
from sdcoach.engine.stakeholders import in_persona
from sdcoach.services.content_check import lint_scenario
from tests.fakes import overlap

LIBRARY = load_library(None)
PACK = load_interviewer()


def context(slug: str = "feature-store") -> Context:
    return Context(LIBRARY.get(slug), load_framework(), load_grading(), PACK, overlap)


def ask(persona: Persona, question: str, slug: str = "feature-store") -> tuple[str, list[str]]:
    ctx = context(slug)
    step = advance(start(ctx, persona, 45).state, question, 60, ctx)
    return step.reply, [n.detail for n in step.notes if n.kind is NoteKind.FACT]


def test_the_pm_answers_which_product_matters_most_from_the_scenario_fact() -> None:
    reply, facts = ask(Persona.PM, "Which product matters most to you?")
    surface = LIBRARY.get("feature-store").stakeholders.fact("pm", StakeholderTopic.SURFACE)
    assert surface is not None and reply == surface.answer
    assert facts == ["pm fact: surface"]
    assert "isn't specified" not in reply


def test_the_director_answers_the_budget_from_their_own_fact() -> None:
    reply, facts = ask(Persona.DIRECTOR, "What's the budget for this?", "rag-platform")
    assert facts == ["director fact: cost"]
    assert "$1.2M a month" in reply


def test_a_peer_falls_back_on_a_stakeholder_fact_rather_than_not_specified() -> None:
    reply, facts = ask(Persona.PEER, "Which product matters most to you?")
    assert facts == ["pm fact: surface"] and "isn't specified" not in reply


def test_a_director_asks_their_own_probes_and_keeps_only_the_scenarios_org_alignment_ones() -> None:
    ctx = context()
    director = in_persona(ctx, Persona.DIRECTOR).scenario.probes
    own = {p.id for p in PACK.probes_of(Persona.DIRECTOR).probes}  # type: ignore[union-attr]
    scenario_ids = {p.id for p in ctx.scenario.probes}
    assert own <= {p.id for p in director}
    kept = [p for p in director if p.id in scenario_ids]
    assert kept and all(p.kind is ProbeKind.ORG_ALIGNMENT for p in kept)
    pm = in_persona(ctx, Persona.PM).scenario.probes
    assert not {p.id for p in pm} & scenario_ids  # the PM asks none of the peer's engineering probes
    assert in_persona(ctx, Persona.PEER) is ctx


def test_a_director_round_pushes_with_director_probes() -> None:
    ctx = context()
    state = start(ctx, Persona.DIRECTOR, 45).state
    asked: list[str] = []
    turns = [
        (7, "We need a registry, a batch engine, a streaming engine and an online store."),
        (9, "The online store is ScyllaDB, the batch engine Spark and the stream Flink."),
        (11, "Features are registered once and materialised to both stores by the same definition."),
    ]
    for minute, text in turns:
        step = advance(state, text, minute * 60, ctx)
        state = step.state
        asked += [n.detail for n in step.notes if n.kind in (NoteKind.GAP, NoteKind.FOLLOW_UP)]
    own = {p.id for p in PACK.probes_of(Persona.DIRECTOR).probes}  # type: ignore[union-attr]
    probes = [d.removeprefix("probe ").split()[0].rstrip(":,") for d in asked if d.startswith("probe ")]
    assert probes and all(p in own for p in probes)


def test_a_stakeholder_topic_belongs_to_its_persona() -> None:
    with pytest.raises(ValidationError, match="a director answers"):
        Stakeholders.model_validate({"director": [{"topic": "surface", "answer": "Home feed."}]})
    with pytest.raises(ValidationError, match="topic twice"):
        Stakeholders.model_validate(
            {"pm": [{"topic": "launch", "answer": "Q3."}, {"topic": "launch", "answer": "Q4."}]}
        )


def test_lint_requires_the_directors_budget_and_the_pms_surface() -> None:
    scenario = LIBRARY.get("feature-store")
    stripped = scenario.model_copy(
        update={"stakeholders": Stakeholders(director=scenario.stakeholders.director[1:2], pm=())}
    )
    found = {(f.field, f.message) for f in lint_scenario(stripped, load_framework())}
    assert ("stakeholders.director", "no cost fact; a director is asked it") in found
    assert ("stakeholders.pm", "no surface fact; a pm is asked it") in found
    assert any(field == "stakeholders.pm" and "at least 2" in message for field, message in found)


@pytest.mark.parametrize("entry", LIBRARY.entries, ids=lambda e: e.scenario.slug)
def test_every_scenario_gives_the_director_a_budget_and_the_pm_a_surface(entry: object) -> None:
    scenario = entry.scenario  # type: ignore[attr-defined]
    assert scenario.stakeholders.fact("director", StakeholderTopic.COST) is not None
    assert scenario.stakeholders.fact("pm", StakeholderTopic.SURFACE) is not None
    assert 2 <= len(scenario.stakeholders.director) <= 4 and 2 <= len(scenario.stakeholders.pm) <= 4


def test_where_a_persona_has_no_probe_it_pushes_in_its_own_words() -> None:
    ctx = context()
    director = in_persona(ctx, Persona.DIRECTOR).pack
    own = {p.item: p.prompts for p in PACK.probes_of(Persona.DIRECTOR).item_prompts}  # type: ignore[union-attr]
    assert director.prompts_for("scale.horizontal_vertical") == own["scale.horizontal_vertical"]
    assert director.prompts_for("scale.horizontal_vertical") != PACK.prompts_for("scale.horizontal_vertical")
    assert director.prompts_for("lead.drive_discussion") == PACK.prompts_for("lead.drive_discussion")
