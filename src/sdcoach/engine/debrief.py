"""The committee write-up of a scorecard: the level with the moments that decided it (quoted), each figure that
stood wrong with the corrected figure, each missed topic with what a strong answer says on this scenario and
the drill for it, and a rationale built from that evidence.

Pure: the scorecard, the scenario, the figures an interview left uncorrected and the templates come in; plain
frozen data comes out. Nothing here changes a score.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sdcoach.content.debrief_schema import DebriefWords
from sdcoach.content.framework_schema import Framework
from sdcoach.content.schema import ProbeKind, Scenario
from sdcoach.engine.concepts import ConceptCoverage, ConceptKind
from sdcoach.engine.interview import Note, NoteKind, arithmetic_parts
from sdcoach.engine.scoring import Scorecard
from sdcoach.engine.spoken import WrongFigure, wrong_figures
from sdcoach.engine.text import sentences_of

LEVEL_TITLES = {"below_ic5": "below IC5", "ic5": "IC5 (senior)", "ic6": "IC6 (staff)", "ic7": "IC7 (senior staff)"}
_LEVEL_ORDER = tuple(LEVEL_TITLES)
MOMENTS = 3
MISSED = 4


@dataclass(frozen=True)
class Moment:
    """A sentence the candidate said that weighed on the level, and what it showed."""

    quote: str
    reading: str
    is_strength: bool
    item_id: str | None = None


@dataclass(frozen=True)
class Mistake:
    """A figure that stood wrong: what was said, what the candidate's own inputs give, and where it was said."""

    stated: str
    corrected: str
    working: str
    quote: str = ""


@dataclass(frozen=True)
class MissedTopic:
    """A topic the answer never covered, what a strong answer says on this scenario, and the drill for it."""

    item_id: str
    title: str
    strong_answer: str
    drill: str


@dataclass(frozen=True)
class Debrief:
    """The write-up: rationale, deciding moments, mistakes, missed topics."""

    rationale: str
    moments: tuple[Moment, ...]
    mistakes: tuple[Mistake, ...]
    missed: tuple[MissedTopic, ...]


@dataclass(frozen=True)
class DebriefInputs:
    """What the debrief is written from besides the scorecard."""

    framework: Framework
    words: DebriefWords
    drills: dict[str, str]  # checklist section -> the drill command for it, slug filled in
    scenario: Scenario | None = None
    concepts: tuple[ConceptCoverage, ...] = ()
    candidate_text: str = ""


def debrief_of(card: Scorecard, mistakes: tuple[Mistake, ...], inputs: DebriefInputs) -> Debrief:
    """The committee write-up of one scorecard."""
    moments = deciding_moments(card, mistakes, inputs)
    missed = missed_topics(card, inputs)
    return Debrief(rationale_of(card, mistakes, inputs), moments, mistakes, missed)


def mistakes_from_notes(details: tuple[tuple[str, str], ...], candidate_text: str) -> tuple[Mistake, ...]:
    """Mistakes from an interview: each (arithmetic note detail, figure left uncorrected) pair, the figure
    recomputed from the candidate's own inputs where the note's working can be read again."""
    found: list[Mistake] = []
    for detail, stated in details:
        parts = arithmetic_parts(detail)
        if parts is None:
            found.append(Mistake(stated, "", "", _quote_of(stated, candidate_text)))
            continue
        expression, said, off = parts
        corrected = corrected_figure(said, _ratio(expression, said, off))
        found.append(Mistake(said, corrected, expression, _quote_of(said, candidate_text)))
    return tuple(found)


def mistakes_in_text(text: str) -> tuple[Mistake, ...]:
    """Mistakes in a written answer: every stated calculation off by more than 2x from its own inputs."""
    return tuple(_mistake(w, text) for w in wrong_figures(text))


def _mistake(wrong: WrongFigure, text: str) -> Mistake:
    return Mistake(
        wrong.stated, corrected_figure(wrong.stated, wrong.ratio), wrong.expression, _quote_of(wrong.stated, text)
    )


def _ratio(expression: str, stated: str, noted: float) -> float:
    """The exact ratio of computed to stated, recomputed (the note keeps two significant digits)."""
    again = [w for w in wrong_figures(f"{expression} = {stated}") if w.stated == stated]
    return again[0].ratio if again else noted


_FIGURE = re.compile(
    r"^(?P<dollar>\$?)(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<suffix>[kKMBT])(?![A-Za-z]))?(?P<rest>.*)$"
)
_SUFFIXES = (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3))
_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def corrected_figure(stated: str, ratio: float) -> str:
    """The stated figure times the ratio its inputs give, in the same unit and style ("40 GB/s" x 0.1 -> "4 GB/s")."""
    match = _FIGURE.match(stated.strip())
    if match is None or not ratio or not math.isfinite(ratio):
        return ""
    value = float(match["number"].replace(",", "")) * _SCALE.get(match["suffix"] or "", 1.0) * ratio
    rest = match["rest"]
    if match["suffix"]:
        for suffix, size in _SUFFIXES:
            if abs(value) >= size:
                return f"{match['dollar']}{_round(value / size)}{suffix}{rest}"
    return f"{match['dollar']}{_round(value)}{rest}"


def _round(value: float) -> str:
    """Three significant figures, thousands separated: 6000.0 -> "6,000", 4.0 -> "4", 0.125 -> "0.125"."""
    if value == 0:
        return "0"
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    rounded = round(value, digits)
    text = f"{rounded:,.{digits}f}" if digits else f"{rounded:,.0f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _quote_of(stated: str, text: str) -> str:
    """The candidate's sentence that states a figure."""
    return next((s.text.strip() for s in sentences_of(text) if stated and stated in s.text), "")


def deciding_moments(card: Scorecard, mistakes: tuple[Mistake, ...], inputs: DebriefInputs) -> tuple[Moment, ...]:
    """The two or three sentences that decided the level: at IC6 and above the strongest evidence on the
    heaviest items; below, a figure that stood wrong comes first. A sentence holding a wrong figure is never
    quoted as a strength."""
    words = inputs.words
    wrong = [m for m in mistakes if m.quote]
    against = [
        Moment(m.quote, words.moment_mistake.format(stated=m.stated, corrected=m.corrected or "another figure"), False)
        for m in wrong
    ]
    weights = {i.id: i.weight for i in inputs.framework.items}
    titles = {i.id: i.title for i in inputs.framework.items}
    covered = sorted(
        (c for c in card.checklist.values() if c.covered and c.evidence),
        key=lambda c: -weights.get(c.item_id, 1) * c.strength,
    )
    tainted = {m.quote for m in wrong}
    strengths: list[Moment] = []
    for item in covered:
        evidence = next((e for e in item.evidence if e.text.strip() not in tainted), None)
        if evidence is None or any(m.quote == evidence.text.strip() for m in strengths):
            continue
        reading = words.moment_strength.format(item=_listed([titles.get(item.item_id, item.item_id)]))
        strengths.append(Moment(evidence.text.strip(), reading, True, item.item_id))
    # a staff-level card is decided by its strengths (one stood figure still weighs); a lower one by its misses
    kept = 1 if card.level in ("ic6", "ic7") else 2
    return tuple([*against[:kept], *strengths][:MOMENTS])


def missed_topics(card: Scorecard, inputs: DebriefInputs) -> tuple[MissedTopic, ...]:
    """Each missed checklist item (heaviest first) with what a strong answer says on this scenario (its ladder's
    great rung, else a probe's answer, else the framework's IC6 bar) and its drill; then the scenario's failure
    modes the answer never touched, with their detection and mitigation."""
    items = {i.id: i for i in inputs.framework.items}
    missing = sorted(
        (c for c in card.checklist.values() if not c.covered and c.item_id in items),
        key=lambda c: -items[c.item_id].weight * (1 - c.strength),
    )
    found = [
        MissedTopic(c.item_id, items[c.item_id].title, _strong_answer(c.item_id, inputs), _drill(c.item_id, inputs))
        for c in missing
    ]
    found = found[: MISSED - 1] if len(found) >= MISSED else found
    return tuple([*found, *_missed_failures(inputs)][:MISSED])


def _strong_answer(item_id: str, inputs: DebriefInputs) -> str:
    scenario = inputs.scenario
    if scenario is not None:
        ladder = next((ladder for ladder in scenario.ladders if ladder.item == item_id), None)
        if ladder is not None:
            return f"{ladder.topic}: {ladder.great}"
        # any probe on the item speaks to this scenario; a curveball's answer only when nothing else does
        probes = sorted((p for p in scenario.probes if p.item == item_id), key=lambda p: p.kind is ProbeKind.CURVEBALL)
        probe = probes[0] if probes else None
        if probe is not None:
            return probe.answer_space
    item = next(i for i in inputs.framework.items if i.id == item_id)
    return item.strong_ic6


def _missed_failures(inputs: DebriefInputs) -> list[MissedTopic]:
    """Failure modes of the scenario the answer never named (at most one per debrief: the first in the pack)."""
    if inputs.scenario is None:
        return []
    untouched = {c.concept_id for c in inputs.concepts if c.kind is ConceptKind.FAILURE_MODE and not c.covered}
    modes = [f for f in inputs.scenario.failure_modes if f.id in untouched]
    return [
        MissedTopic(
            "failure.points_mitigation",
            inputs.words.missed_failure.format(name=f.name),
            f"{f.detection} {f.mitigation}",
            _drill("failure.points_mitigation", inputs),
        )
        for f in modes[:1]
    ]


def _drill(item_id: str, inputs: DebriefInputs) -> str:
    return inputs.drills.get(item_id.split(".")[0], "")


def _short_of(card: Scorecard, template: str | None, level: str) -> list[str]:
    """The shares of the candidate's sentences that held an interview below its band, said with the figures."""
    if template is None or not card.short_of:
        return []
    above = LEVEL_TITLES[_LEVEL_ORDER[_LEVEL_ORDER.index(card.level) + 1]]
    return [
        template.format(level=level, above=above, what=s.what, share=f"{s.share:.0%}", needed=f"{s.needed:.0%}")
        for s in card.short_of
    ]


def rationale_of(card: Scorecard, mistakes: tuple[Mistake, ...], inputs: DebriefInputs) -> str:
    """Why this level, in sentences built from this answer: coverage, the strongest items, what held it back,
    figures that stood, what was never assessed or set aside."""
    words = inputs.words
    items = {i.id: i for i in inputs.framework.items}
    assessed = list(card.checklist.values())
    covered = sorted((c for c in assessed if c.covered), key=lambda c: -items[c.item_id].weight * c.strength)
    missing = sorted((c for c in assessed if not c.covered), key=lambda c: -items[c.item_id].weight)
    level = LEVEL_TITLES.get(card.level, card.level)
    parts = [words.coverage.format(level=level, covered=len(covered), assessed=len(assessed))]
    if card.held_by and words.level_held:
        above = LEVEL_TITLES[_LEVEL_ORDER[_LEVEL_ORDER.index(card.level) + 1]]
        groups = [_listed([items[i].title for i in group if i in items], " or ") for group in card.held_by]
        parts.append(words.level_held.format(level=level, above=above, items=_listed(groups)))
    parts += _short_of(card, words.level_short, level)
    if covered:
        parts.append(words.strongest.format(items=_listed([items[c.item_id].title for c in covered[:2]])))
    if missing:
        parts.append(words.held_back.format(items=_listed([items[c.item_id].title for c in missing[:2]])))
    for m in mistakes[:2]:
        template = words.mistake if m.corrected else words.mistake_unchecked
        parts.append(template.format(stated=m.stated, corrected=m.corrected))
    if card.not_assessed:
        parts.append(words.not_assessed.format(count=len(card.not_assessed)))
    set_aside = sum(card.set_aside.values())
    if set_aside:
        parts.append(words.set_aside.format(count=set_aside))
    return " ".join(parts)


def _listed(titles: list[str], joiner: str = " and ") -> str:
    lowered = [t[0].lower() + t[1:] if not t[:2].isupper() else t for t in titles]
    return joiner.join(lowered)


def uncorrected_in(notes: tuple[Note, ...]) -> tuple[tuple[str, str], ...]:
    """For each figure an interview left uncorrected, the arithmetic note that questioned it and the figure."""
    questioned = [n.detail for n in notes if n.kind is NoteKind.ARITHMETIC]
    pairs = []
    for note in notes:
        if note.kind is NoteKind.ARITHMETIC_UNCORRECTED:
            stated = note.detail
            detail = next((d for d in questioned if (arithmetic_parts(d) or ("", ""))[1] == stated), "")
            pairs.append((detail, stated))
    return tuple(pairs)
