"""One card of a review session: the prompt to show, and the drill that grades the answer."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sdcoach.config import Settings
from sdcoach.engine.numbers_drill import NumbersQuestion
from sdcoach.engine.review import RATING_NAMES, CardState, DeckItem, rating_for
from sdcoach.errors import UsageError
from sdcoach.store.cards import CardRepository
from sdcoach.store.database import open_database


@dataclass(frozen=True)
class CardPrompt:
    """What the candidate sees for a card, and the numbers question when the card is one."""

    item: DeckItem
    text: str
    instructions: str
    numbers: NumbersQuestion | None = None


@dataclass(frozen=True)
class CardOutcome:
    """The graded answer and where the card now stands."""

    score: float
    payload: dict[str, Any]
    rating: str
    card: CardState | None


def prompt_for(item: DeckItem, settings: Settings, seed: int | None = None) -> CardPrompt:
    """The card's question: a scenario prompt, a decision, or a freshly generated numbers question."""
    from sdcoach.services.drills import numbers_question
    from sdcoach.services.library import find_scenario
    from sdcoach.services.tradeoffs import find_tradeoff

    if item.kind == "numbers":
        question = numbers_question(item.subject, seed if seed is not None else random.randrange(1 << 30))
        return CardPrompt(item, question.text, "Answer with a number and a unit.", question)
    if item.kind == "tradeoff":
        t = find_tradeoff(item.subject)
        options = "; ".join(o.name for o in t.options)
        return CardPrompt(item, f"{t.decision}\n\n{t.context}\n\nOptions: {options}", "Make the call.")
    scenario = find_scenario(settings, item.subject).scenario
    instructions = {
        "questions": "List the questions you would ask first, one per line.",
        "framework": "Write the steps you would take for this design, one per line.",
        "pitch": "Pitch your design to a director in 60 seconds (about 150 words).",
    }
    if item.kind not in instructions:
        raise UsageError(f"There is no drill of kind {item.kind!r}.")
    return CardPrompt(item, scenario.prompt, instructions[item.kind])


def answer_card(prompt: CardPrompt, answer: str, settings: Settings, showing: str | None = None) -> CardOutcome:
    """Grade the answer with the card's drill (stored, graded and rescheduled before it returns).

    ``showing`` names the page that showed the card: it records one review, and answering it again returns
    that review's grade instead of grading and scheduling the card a second time."""
    cards = CardRepository(open_database(settings.database), settings.owner)
    first = cards.shown(prompt.item.card_id, showing) if showing else None
    if first is None:
        score, payload = _graded(prompt, answer, settings, showing)
        first = cards.shown(prompt.item.card_id, showing) if showing else None  # an answer at the same time won
    if first is not None:
        score, payload = first.review.score, first.result
    return CardOutcome(score, payload, RATING_NAMES[rating_for(score)], cards.get(prompt.item.card_id))


def _graded(prompt: CardPrompt, answer: str, settings: Settings, showing: str | None) -> tuple[float, dict[str, Any]]:
    from sdcoach.services.drills import framework_drill, numbers_drill, question_drill
    from sdcoach.services.pitch import pitch_drill
    from sdcoach.services.tradeoff_drill import pick_tradeoff, tradeoff_drill

    item = prompt.item
    if prompt.numbers is not None:
        numbers = numbers_drill(prompt.numbers, answer, settings, showing)
        return numbers.grade.score, numbers.payload
    if item.kind == "tradeoff":
        outcome = tradeoff_drill(pick_tradeoff(item.subject), answer, settings, showing)
        return outcome.result.score, outcome.payload
    if item.kind == "questions":
        asked = question_drill(item.subject, answer, settings, showing=showing)
        return asked.result.score, asked.payload
    if item.kind == "framework":
        recalled = framework_drill(item.subject, answer, settings, showing=showing)
        return recalled.score, recalled.payload
    pitched = pitch_drill(item.subject, "director", answer, settings, showing)
    return pitched.critique.score, pitched.payload
