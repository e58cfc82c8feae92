"""The pitch coach: a pitch that opens with the outcome and makes an ask beats a jargon list."""

from __future__ import annotations

import re

from sdcoach.content.loader import load_drills, load_grading, load_library
from sdcoach.engine.pitch import critique_pitch
from sdcoach.engine.specificity import matcher_for

RULES = load_drills().pitch
MEASURE = matcher_for(load_grading().markers).measurement
SCENARIO = load_library(None).get("feature-store")

GOOD = """We will cut feature spend from $1.5M to $1.1M a month and end the training skew that cost search 1.2%
of conversions. We will build one shared feature platform instead of 25 team pipelines, at the price of
teams giving up their own caches. It serves ranking within 20 ms and fraud within 10 ms. Fraud goes live
this quarter, ranking next quarter. The risk is adoption; if teams do not migrate, savings slip, so we track
migrations weekly and keep the old path for one quarter. I need 14 engineers for two quarters and your
support for feature owners carrying on-call."""
JARGON = "We should use Kafka and Flink with Redis shards, HNSW, FSDP and p99 of 10ms over gRPC."


def _flat_readability(text: str) -> tuple[float, float]:
    return (60.0, 9.0)


def _critique(text: str, audience: str = "director") -> object:
    return critique_pitch(text, audience, RULES, SCENARIO.influence.pitch, MEASURE, _flat_readability)


def test_a_complete_pitch_beats_a_line_of_jargon() -> None:
    good, jargon = _critique(GOOD), _critique(JARGON)
    assert good.score >= 0.8 > 0.4 > jargon.score  # type: ignore[attr-defined]
    assert {"kafka", "flink", "redis"} <= set(jargon.jargon)  # type: ignore[attr-defined]
    missed = {p.id for p in jargon.parts if p.credit < 1}  # type: ignore[attr-defined]
    assert {"outcome_first", "ask", "risk", "audience", "length"} <= missed


def test_length_is_judged_at_speaking_pace() -> None:
    good = _critique(GOOD)
    words = len(re.findall(r"\S+", GOOD))
    assert abs(good.seconds - words / RULES.words_per_minute * 60) < 3  # type: ignore[attr-defined]
    long = _critique(" ".join([GOOD] * 3))
    length = next(p for p in long.parts if p.id == "length")  # type: ignore[attr-defined]
    assert length.credit < 1 and "Cut" in (length.advice or "")


def test_audiences_need_different_things() -> None:
    partner = "We will move your team's reads to our API and need your sign-off on the interface by March."
    as_partner = next(p for p in _critique(partner, "partner-team").parts if p.id == "audience")  # type: ignore[attr-defined]
    as_pm = next(p for p in _critique(partner, "pm").parts if p.id == "audience")  # type: ignore[attr-defined]
    assert as_partner.credit > as_pm.credit


def test_the_skeleton_keeps_the_candidates_sentences_and_fills_gaps_from_the_model_pitch() -> None:
    thin = _critique("We will build one feature platform. I need 6 engineers.")
    by_slot = {line.slot: line for line in thin.skeleton}  # type: ignore[attr-defined]
    assert by_slot["decision"].is_yours and by_slot["decision"].text == "We will build one feature platform."
    assert not by_slot["risk"].is_yours and by_slot["risk"].text.startswith("[add the risk")
    model_sentences = SCENARIO.influence.pitch
    assert by_slot["risk"].text.removeprefix("[add the risk; e.g. ").rstrip("]") in model_sentences
