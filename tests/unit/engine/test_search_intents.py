"""Question shapes lift the walkthrough section that answers them."""

from __future__ import annotations

from sdcoach.content.loader import load_search_intents
from sdcoach.engine.search import Document, Index, search, sections_asked_about

INTENTS = {intent.section: intent.cues for intent in load_search_intents().intents}


def test_question_shapes_map_to_sections() -> None:
    assert "tradeoffs" in sections_asked_about("Should we use Redis or Cassandra?", INTENTS)
    assert "failure-modes" in sections_asked_about("What happens when the leader goes down", INTENTS)
    assert "scaling" in sections_asked_about("How much memory does the index need", INTENTS)
    assert "influence" in sections_asked_about("how do I pitch this to my director", INTENTS)
    # whole words only: "order" does not contain the cue "or", "download" not "down"
    assert sections_asked_about("order the download queue", INTENTS) == frozenset()


def _flat(queries: list[str], texts: list[str]) -> list[list[float]]:
    return [[0.5 for _ in texts] for _ in queries]


def test_the_lift_breaks_a_tie_between_equally_worded_sections() -> None:
    docs = [
        Document("s", "high-level-design", "Cache tier", "Redis cache tier in front of the store"),
        Document("s", "tradeoffs", "Cache tier", "Redis cache tier in front of the store"),
    ]
    plain = search("redis cache tier", Index(docs), _flat, limit=1, intents=INTENTS)
    shaped = search("should the cache tier be redis", Index(docs), _flat, limit=1, intents=INTENTS)
    assert shaped[0].document.section == "tradeoffs"
    assert plain[0].score <= 1.0 and shaped[0].score <= 1.0
