"""The committee write-up: corrected figures, deciding moments that never praise a wrong figure, missed topics
with the pack's strong answer and a drill, a rationale built from the evidence, and next steps for everyone."""

from __future__ import annotations

import pytest

from sdcoach.content.loader import load_framework, load_grading, load_interviewer, load_library, load_rubric
from sdcoach.engine.concepts import ConceptCoverage, ConceptKind
from sdcoach.engine.coverage import Coverage, Evidence, ItemCoverage
from sdcoach.engine.debrief import (
    DebriefInputs,
    Mistake,
    corrected_figure,
    debrief_of,
    mistakes_from_notes,
    mistakes_in_text,
    uncorrected_in,
)
from sdcoach.engine.interview import Note, NoteKind
from sdcoach.engine.scoring import Scorecard, score
from sdcoach.engine.tamper import TamperReport

FRAMEWORK = load_framework()
GRADING = load_grading()
WORDS = load_interviewer().debrief
SCENARIO = load_library(None).get("feature-store")
DRILLS = {s.section: s.command.replace("{slug}", "feature-store") for s in GRADING.next_steps}
WRONG = "Reads are 250k calls/s x 16 KB = 40 GB/s at peak."
GOOD = "If Flink lags, a staleness alert pages above 5 s and serving falls back to the last value."


@pytest.mark.parametrize(
    ("stated", "ratio", "corrected"),
    [
        ("40 GB/s", 0.1, "4 GB/s"),
        ("750", 8.0, "6,000"),
        ("750 GPUs", 8.0, "6,000 GPUs"),
        ("$12.26M", 0.5, "$6.13M"),
        ("2.5k", 3.0, "7.5k"),
        ("35 GB", 4.0, "140 GB"),
        ("a lot", 2.0, ""),
    ],
)
def test_a_corrected_figure_keeps_the_unit_and_style(stated: str, ratio: float, corrected: str) -> None:
    assert corrected_figure(stated, ratio) == corrected


def test_an_interviews_uncorrected_figure_is_recomputed_from_its_note() -> None:
    notes = (
        Note(NoteKind.ARITHMETIC, "250k calls/s x 16 KB = 40 GB/s (off 0.1x)", "req.scale_slo"),
        Note(NoteKind.ARITHMETIC_UNCORRECTED, "40 GB/s", "req.scale_slo"),
    )
    (mistake,) = mistakes_from_notes(uncorrected_in(notes), f"We start simple. {WRONG}")
    assert (mistake.stated, mistake.corrected) == ("40 GB/s", "4 GB/s")
    assert mistake.quote == WRONG


def test_a_figure_whose_note_cannot_be_read_is_still_a_mistake_without_a_correction() -> None:
    notes = (Note(NoteKind.ARITHMETIC_UNCORRECTED, "750 GPUs", "req.scale_slo"),)
    (mistake,) = mistakes_from_notes(uncorrected_in(notes), "So we need about 750 GPUs.")
    assert mistake.stated == "750 GPUs" and mistake.corrected == "" and mistake.quote == "So we need about 750 GPUs."


def test_a_written_answer_is_checked_for_wrong_figures() -> None:
    (mistake,) = mistakes_in_text(f"{GOOD} {WRONG}")
    assert mistake.corrected == "4 GB/s"
    assert mistakes_in_text("250k calls/s x 16 KB = 4 GB/s.") == ()


def card_for(covered: dict[str, tuple[float, str]], missing: tuple[str, ...] = ()) -> Scorecard:
    """A scorecard on the real framework: ``covered`` items with their strength and evidence sentence."""
    items = {}
    for n, (item_id, (strength, sentence)) in enumerate(covered.items()):
        items[item_id] = ItemCoverage(item_id, True, strength, (Evidence(n, sentence, 0, len(sentence)),), {})
    for item_id in missing:
        items[item_id] = ItemCoverage(item_id, False, 0.05, (), {})
    coverage = Coverage((), items, TamperReport({}, 0.0, 0.0), 0.5)
    return score(coverage, FRAMEWORK, load_rubric(), GRADING, "feature-store", SCENARIO.ladders)


def inputs(text: str = "") -> DebriefInputs:
    assert WORDS is not None
    concepts = tuple(ConceptCoverage(f.id, ConceptKind.FAILURE_MODE, f.name, None) for f in SCENARIO.failure_modes[:2])
    return DebriefInputs(FRAMEWORK, WORDS, DRILLS, SCENARIO, concepts, text)


def test_a_wrong_figure_is_a_moment_against_never_a_strength() -> None:
    card = card_for(
        {"req.scale_slo": (0.95, WRONG), "failure.recovery_fallback": (0.9, GOOD)}, ("tradeoff.business_impact",)
    )
    mistake = Mistake("40 GB/s", "4 GB/s", "250k calls/s x 16 KB", WRONG)
    debrief = debrief_of(card, (mistake,), inputs(f"{WRONG} {GOOD}"))
    against = [m for m in debrief.moments if not m.is_strength]
    assert [m.quote for m in against] == [WRONG] and "4 GB/s" in against[0].reading
    assert all(m.quote != WRONG for m in debrief.moments if m.is_strength)
    assert any(m.quote == GOOD and m.is_strength for m in debrief.moments)
    assert "40 GB/s" in debrief.rationale and "4 GB/s" in debrief.rationale


def test_the_rationale_is_built_from_the_answer_not_picked_from_four_sentences() -> None:
    first = debrief_of(card_for({"failure.recovery_fallback": (0.9, GOOD)}, ("req.scale_slo",)), (), inputs())
    second = debrief_of(card_for({"req.scale_slo": (0.9, WRONG)}, ("failure.recovery_fallback",)), (), inputs())
    assert first.rationale != second.rationale
    assert first.rationale not in GRADING.level_rationale.values()
    assert "recovery, retries and fallback logic" in first.rationale.lower()
    assert "latency, throughput, scale and slo targets" in first.rationale.lower()


def test_each_missed_topic_says_what_a_strong_answer_says_with_a_drill() -> None:
    laddered = SCENARIO.ladders[0]
    card = card_for({"failure.recovery_fallback": (0.9, GOOD)}, (laddered.item,))
    missed = debrief_of(card, (), inputs()).missed
    topic = next(m for m in missed if m.item_id == laddered.item)
    assert laddered.great in topic.strong_answer and topic.drill.startswith("sdcoach ")
    failure = next(m for m in missed if m.title.startswith("Failure mode never discussed"))
    assert (
        SCENARIO.failure_modes[0].name in failure.title
        and SCENARIO.failure_modes[0].mitigation in failure.strong_answer
    )


def test_a_strong_candidate_still_gets_next_steps() -> None:
    everything = {item.id: (0.9, f"Sentence {n} about it.") for n, item in enumerate(FRAMEWORK.items)}
    card = card_for(everything)
    assert len(card.next_steps) == 3
    assert all(step.command.startswith("sdcoach ") for step in card.next_steps)
