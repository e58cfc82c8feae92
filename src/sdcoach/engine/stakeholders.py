"""The director and the PM as people with their own stake: they answer from their own facts (cost, timeline
and the ask; users, surface and launch) and ask their own probes instead of a peer's engineering ones.

Two hooks into the interviewer, both pure: ``in_persona`` gives the context a persona interviews with (the
scenario's probes replaced by the persona's, keeping the scenario kinds the pack says it keeps), and
``answers`` answers the questions put to the persona's topics before the reader's scenario facts answer
the rest. The peer is unchanged by both.
"""

from __future__ import annotations

from dataclasses import replace

from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.stakeholder_schema import StakeholderTopic
from sdcoach.engine.interview import Context, InterviewState, Note, NoteKind
from sdcoach.engine.moves import Move, answers_to_questions
from sdcoach.engine.reader import Asked, Reading


def in_persona(context: Context, persona: Persona) -> Context:
    """The context a persona interviews with: its own probes first, then the scenario probe kinds it keeps, and
    its own pushes for the items its probes leave open in place of the peer's engineering ones."""
    own = context.pack.probes_of(persona)
    if own is None:
        return context
    kept = tuple(p for p in context.scenario.probes if p.kind in own.keeps)
    taken = {p.id for p in own.probes}
    probes = (*own.probes, *(p for p in kept if p.id not in taken))
    voiced = {prompt.item for prompt in own.item_prompts}
    prompts = (*own.item_prompts, *(p for p in context.pack.item_prompts if p.item not in voiced))
    return replace(
        context,
        scenario=context.scenario.model_copy(update={"probes": probes}),
        pack=context.pack.model_copy(update={"item_prompts": prompts}),
    )


def answers(reading: Reading, state: InterviewState, context: Context) -> list[Move]:
    """One answer per question: the persona's own fact when the question asks for one of its topics more
    closely than any scenario question does; another persona's fact (the PM's surface asked of a peer) only
    when no scenario fact answers; the scenario's facts for the rest."""
    own: list[Move] = []
    rest: list[Asked] = []
    said: set[str] = set()
    for asked, found in zip(reading.asked, topics_asked(reading, state.persona, context), strict=True):
        fact = _fact_for(asked, found, state.persona, context)
        if fact is None:
            rest.append(asked)
        elif fact[0] not in said:
            said.add(fact[0])
            own.append(Move(fact[1], Note(NoteKind.FACT, fact[0])))
    if own and not rest:
        return own
    return [*own, *answers_to_questions(replace(reading, asked=tuple(rest)), state, context)]


def _fact_for(
    asked: Asked, found: tuple[Persona, StakeholderTopic, float] | None, persona: Persona, context: Context
) -> tuple[str, str] | None:
    """The stakeholder fact (its note and its answer) that answers a question, when one should."""
    if found is None:
        return None
    holder, topic, score = found
    if holder is persona and asked.fact_id is not None and score < asked.score:
        return None  # a scenario question fits better
    if holder is not persona and asked.fact_id is not None:
        return None  # another persona's stake only fills a gap
    fact = context.scenario.stakeholders.fact(holder.value, topic)
    return (f"{holder.value} fact: {topic.value}", fact.answer) if fact is not None else None


def topics_asked(
    reading: Reading, persona: Persona, context: Context
) -> list[tuple[Persona, StakeholderTopic, float] | None]:
    """For each question asked, whose topic it asks about (this persona's own first) and how closely, or None;
    None too when it is closer to a question about the interview itself, which the pack's intents answer."""
    holders = [persona, *(p for p in (Persona.DIRECTOR, Persona.PM) if p is not persona)]
    examples = [(p, q.topic, e) for p in holders for q in context.pack.questions_of(p) for e in q.examples]
    if not reading.asked or not examples:
        return [None] * len(reading.asked)
    meta = [e for intent in context.pack.intents for e in intent.examples]
    texts = [a.text for a in reading.asked]
    rows = (context.meaning or context.similarity)(texts, [e for _, _, e in examples] + meta)
    found: list[tuple[Persona, StakeholderTopic, float] | None] = []
    for row in rows:
        best = max(range(len(examples)), key=lambda j: row[j])
        score = float(row[best])
        intent = max((float(x) for x in row[len(examples) :]), default=0.0)
        is_meta = intent >= context.pack.intent_threshold and intent >= score  # "what are you looking for?"
        close = score >= context.pack.stakeholder_threshold and not is_meta
        found.append((examples[best][0], examples[best][1], score) if close else None)
    return found
