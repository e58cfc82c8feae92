"""A scripted candidate for any scenario, built from its pack: what `sdcoach interview --demo SLUG` plays.

The hand-written script in ``packs/demo.yaml`` plays its own scenario (it plants an arithmetic slip to show
the interviewer checking numbers); every other scenario gets a candidate who follows the pack's own
35-minute answer: the questions to ask first, the numbers, the boxes, the data flow, a deep dive, a
priced tradeoff, a failure and the pitch. Turn minutes are spread over the interview's length.
"""

from __future__ import annotations

from sdcoach.content.demo_schema import DemoScript, DemoTurn
from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.schema import Scenario

# When each turn is typed, as a share of the interview (a 45-minute round: minutes 1, 4, 8, 13, 19, 25, 31, 37).
_AT = (1 / 45, 4 / 45, 8 / 45, 13 / 45, 19 / 45, 25 / 45, 31 / 45, 37 / 45)


def scripted_candidate(scenario: Scenario, persona: Persona, minutes: int, written: DemoScript | None) -> DemoScript:
    """The hand-written script when it is for this scenario (its minutes scaled), else one built from the pack."""
    scale = minutes / 45
    if written is not None and written.scenario == scenario.slug:
        turns = tuple(DemoTurn(minute=round(t.minute * scale, 1), text=t.text) for t in written.turns)
        return DemoScript(scenario=scenario.slug, persona=persona, turns=turns)
    texts = _turns_from_pack(scenario)
    turns = tuple(DemoTurn(minute=round(at * minutes, 1), text=text) for at, text in zip(_AT, texts, strict=False))
    return DemoScript(scenario=scenario.slug, persona=persona, turns=turns)


def _turns_from_pack(scenario: Scenario) -> list[str]:
    short = scenario.short_answer
    first = list(short.ask_first) if short else []
    ranked = sorted(scenario.clarifying_questions, key=lambda q: (q.priority, q.id))
    asked = [q for q in (scenario.question(i) for i in first) if q] or ranked[:3]
    turns = ["Before I draw anything: " + " ".join(q.question for q in asked)]
    numbers = list(short.numbers[:2]) if short else [p.detail for p in scenario.scaling[:2]]
    turns.append(
        "Plan: requirements and numbers, the end-to-end design, then a deep dive where the risk is. "
        "The numbers I'm designing for: " + " ".join(_sentence(n) for n in numbers)
    )
    boxes = list(short.boxes) if short else [f"{c.name}: {c.role}" for c in scenario.components[:6]]
    turns.append("The components: " + " ".join(_sentence(b) for b in boxes))
    names = {c.id: c.name for c in scenario.components}
    flow = [f"{names[e.source]} to {names[e.target]} carries {e.carries.rstrip('.')}" for e in scenario.data_flow[:5]]
    turns.append("End to end: " + "; ".join(flow) + ".")
    dive = short.deep_dives[0] if short else scenario.scaling[0].detail
    turns.append("Let me go deep where the risk is. " + _sentence(dive))
    tradeoff = scenario.tradeoffs[0]
    turns.append(f"{_sentence(tradeoff.recommendation)} What would flip it: {_sentence(tradeoff.flip_condition)}")
    failure = scenario.failure_modes[0]
    turns.append(
        f"The failure I'd plan for first is {failure.name.lower()}: {_sentence(failure.trigger)} "
        f"We'd see it as {_sentence(failure.detection)} {_sentence(failure.mitigation)}"
    )
    turns.append("For the director, in one minute: " + scenario.influence.pitch)
    return turns


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."
