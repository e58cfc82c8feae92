"""Grading a written answer or a transcript: content and the embedding model in, a Scorecard out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from sdcoach.config import Settings
from sdcoach.content.framework_schema import Framework, Rubric
from sdcoach.content.grading_schema import Grading
from sdcoach.content.interviewer_schema import InterviewerPack
from sdcoach.content.loader import load_framework, load_grading, load_interviewer, load_rubric
from sdcoach.content.names import closest
from sdcoach.content.schema import Scenario
from sdcoach.engine.concepts import ConceptCoverage, concepts_of, relevance_of
from sdcoach.engine.coverage import coverage_from
from sdcoach.engine.debrief import Debrief, DebriefInputs, Mistake, debrief_of, mistakes_in_text
from sdcoach.engine.diagram.scorecard_evidence import DiagramEvidence
from sdcoach.engine.interview_level import shares_of
from sdcoach.engine.reader import Lens, Similarity, read
from sdcoach.engine.red_flags import SessionFacts
from sdcoach.engine.scoring import Scorecard, score
from sdcoach.errors import ContentError, UsageError
from sdcoach.services.input_size import require_input_size
from sdcoach.services.library import open_library
from sdcoach.services.similarity import default_similarity

CUSTOM = "custom"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)


@dataclass(frozen=True)
class Method:
    """The framework, rubric and grading pack, loaded once per process."""

    framework: Framework
    rubric: Rubric
    grading: Grading

    def lens(self, scenario: Scenario | None = None) -> Lens:
        """What the reader reads a candidate's words against: this checklist and grader, and the scenario."""
        return Lens(tuple(self.framework.items), self.grading, scenario)


@dataclass(frozen=True)
class GradeResult:
    """A scorecard, the scenario concepts the answer touched, and notes for the reader."""

    scorecard: Scorecard
    concepts: tuple[ConceptCoverage, ...]
    notes: tuple[str, ...]
    debrief: Debrief | None = None
    diagram: DiagramEvidence | None = None  # the candidate's last diagram in an interview: read, never scored


@cache
def method() -> Method:
    """The built-in framework, rubric and grading pack."""
    return Method(load_framework(), load_rubric(), load_grading())


def grade_text(
    text: str,
    scenario_slug: str,
    settings: Settings,
    similarity: Similarity | None = None,
    assessed: frozenset[str] | None = None,
) -> GradeResult:
    """Grade the user's ``text`` (within the input cap) against a scenario, or against the framework alone."""
    return grade_transcript(require_input_size(text), scenario_slug, settings, similarity, assessed)


def grade_transcript(
    text: str,
    scenario_slug: str,
    settings: Settings,
    similarity: Similarity | None = None,
    assessed: frozenset[str] | None = None,
    facts: SessionFacts | None = None,
    mistakes: tuple[Mistake, ...] | None = None,
) -> GradeResult:
    """Grade text sdcoach put together itself (an interview's turns, each already within the cap).

    ``facts`` are what the interview showed beyond the words; the red-flag detectors run on them. ``mistakes``
    are the figures an interview left wrong; without them, every calculation in the text off by 2x is one."""
    text = without_front_matter(text)
    if not text.strip():
        raise UsageError("There is nothing to grade: the answer is empty.", hint="Pass a file or pipe text in.")
    scenario, notes = _scenario(scenario_slug, settings)
    parts = method()
    reading = read(text, parts.lens(scenario), similarity or default_similarity(settings))
    coverage = coverage_from(reading, parts.grading.model, assessed)
    slug = scenario.slug if scenario else scenario_slug
    ladders = scenario.ladders if scenario else ()
    concepts = concepts_of(coverage, scenario) if scenario else ()
    relevance = relevance_of(concepts) if scenario else None
    rules = interviewer_pack().interview_level if facts is not None else None
    shares = shares_of(reading)
    card = score(coverage, parts.framework, parts.rubric, parts.grading, slug, ladders, facts, relevance, rules, shares)
    debrief = _debrief(card, scenario, concepts, text, mistakes)
    return GradeResult(replace(card, rationale=debrief.rationale), concepts, notes, debrief)


def _debrief(
    card: Scorecard,
    scenario: Scenario | None,
    concepts: tuple[ConceptCoverage, ...],
    text: str,
    mistakes: tuple[Mistake, ...] | None,
) -> Debrief:
    """The committee write-up: the rationale from the evidence, the deciding moments, mistakes and gaps."""
    parts = method()
    words = interviewer_pack().debrief
    if words is None:
        raise ContentError("The interviewer pack has no debrief section.", field="debrief")
    drills = {step.section: step.command.replace("{slug}", card.scenario) for step in parts.grading.next_steps}
    inputs = DebriefInputs(parts.framework, words, drills, scenario, concepts, text)
    return debrief_of(card, mistakes_in_text(text) if mistakes is None else mistakes, inputs)


@cache
def interviewer_pack() -> InterviewerPack:
    """The built-in interviewer pack (voices, moves, debrief templates), read once per process: it is large, and
    parsing it took a third of an interview turn's time when every turn read it again."""
    return load_interviewer()


def without_front_matter(text: str) -> str:
    """Markdown answers may open with YAML front matter between --- lines; it is metadata, not the answer."""
    match = _FRONT_MATTER.match(text)
    return text[match.end() :] if match else text


def _scenario(slug: str, settings: Settings) -> tuple[Scenario | None, tuple[str, ...]]:
    if slug.strip().lower() == CUSTOM:
        return None, ("Graded on the IC6 framework alone (no scenario concepts).",)
    library = open_library(settings)
    if slug.strip().lower() in library.slugs:
        return library.get(slug), ()
    nearby = closest(slug.strip().lower(), library.slugs)
    hint = f" Did you mean {' or '.join(nearby)}?" if nearby else ""
    return None, (f"'{slug}' is not in the library, so the answer was graded on the framework alone.{hint}",)
