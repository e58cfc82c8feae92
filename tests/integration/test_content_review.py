"""Content review checks across the library: every pack has the brief's six sections filled, and no two
scenarios share more than a few sentences (a paragraph reused with the names swapped is filler)."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from sdcoach.content.loader import load_library
from sdcoach.engine.text import normalise, sentences_of

MAX_SHARED_SENTENCES = 3


def _sentences(value: Any) -> set[str]:
    if isinstance(value, str):
        return {normalise(s.text) for s in sentences_of(value) if len(s.text.split()) >= 8}
    if isinstance(value, dict):
        return set().union(*(_sentences(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_sentences(v) for v in value)) if value else set()
    return set()


def test_no_two_scenarios_share_more_than_a_few_sentences() -> None:
    library = load_library(None)
    texts = {e.scenario.slug: _sentences(e.scenario.model_dump()) for e in library.entries}
    offenders = []
    for a, b in combinations(sorted(texts), 2):
        shared = texts[a] & texts[b]
        if len(shared) > MAX_SHARED_SENTENCES:
            offenders.append((a, b, sorted(shared)[:3]))
    assert offenders == []


def test_every_scenario_fills_the_six_sections() -> None:
    for entry in load_library(None).entries:
        s = entry.scenario
        assert s.clarifying_questions and s.components and s.data_flow and s.scaling
        assert s.tradeoffs and s.failure_modes and s.influence.tips and s.influence.pitch, s.slug
        assert 100 <= len(s.influence.pitch.split()) <= 190, f"{s.slug}: a pitch fits 60 seconds"
