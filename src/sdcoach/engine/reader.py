"""The reader: a candidate's text in, plain frozen data out. Everything that judges the candidate uses it.

``read(text, lens, similarity)`` attributes every sentence to a speaker (a plain answer, or a pasted or
exported transcript, where only the candidate's turns are evidence), sets aside what games the grader,
and measures each candidate sentence against every checklist item's examples (its ``phrasings``, title
and strong answer): the grader, the interviewer's move policy and the framework drill judge coverage
from that. With a scenario in the lens it also maps each question the candidate asked to the reference
question and fact it asks about, and lists the options the candidate chose and rejected. The similarity
model is passed in, so the engine stays pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from sdcoach.content.framework_schema import FrameworkItem
from sdcoach.content.grading_schema import Grading, Tamper
from sdcoach.content.schema import Scenario
from sdcoach.engine.choices import Choice, choices_in
from sdcoach.engine.speakers import Role, stretches_of
from sdcoach.engine.specificity import SentenceSignals, matcher_for
from sdcoach.engine.spoken import questions_in
from sdcoach.engine.tamper import Flag, TamperReport, tamper_report, with_flags
from sdcoach.engine.text import Sentence, headed, sentences_of, with_table_headers, words_of

# similarity(sentences, references) -> one row per sentence, one cosine per reference.
Similarity = Callable[[Sequence[str], Sequence[str]], Sequence[Sequence[float]]]
STUFFED_ITEMS = 5  # a sentence close to this many items' cues, with nothing specific, is a keyword list


@dataclass(frozen=True)
class Lens:
    """What a text is read against: the checklist, the grader's rules and, when known, the scenario."""

    items: tuple[FrameworkItem, ...]
    grading: Grading
    scenario: Scenario | None = None


@dataclass(frozen=True)
class ReadSentence:
    """One sentence, who said it, where it sits in the text, its plain form (Markdown stripped) and that form
    under the heading it sits in ("Risks: hot keys on celebrity ids")."""

    index: int
    text: str
    start: int
    end: int
    role: Role
    plain: str
    headed: str


@dataclass(frozen=True)
class Asked:
    """A question the candidate asked, the reference question it asks (None: none does) and that question's fact."""

    text: str
    question_id: str | None
    fact_id: str | None
    score: float
    also: tuple[tuple[str, str | None], ...] = ()  # other (question, fact) pairs the same question asks


@dataclass(frozen=True)
class Reading:
    """Everything about a text the consumers judge, computed once.

    ``item_scores[item][i]`` is sentence ``i``'s closeness to the item's examples (0 for sentences that
    are not evidence); ``evidence`` holds the candidate's sentences the tamper check left clean."""

    sentences: tuple[ReadSentence, ...]
    evidence: tuple[int, ...]
    tamper: TamperReport
    signals: tuple[SentenceSignals, ...]
    cue_hits: dict[str, tuple[int, ...]]
    item_scores: dict[str, tuple[float, ...]]
    asked: tuple[Asked, ...]
    choices: tuple[Choice, ...]

    @property
    def candidate_text(self) -> str:
        """The candidate's sentences, one per line."""
        return "\n".join(s.text for s in self.sentences if s.role is Role.CANDIDATE)

    def is_only_rejected(self, phrase: str) -> bool:
        """True when every time the candidate names ``phrase`` it is as an option they turned down."""
        needle = f" {' '.join(words_of(phrase))} "
        named = [
            s.index for s in self.sentences if s.role is Role.CANDIDATE and needle in f" {' '.join(words_of(s.plain))} "
        ]
        turned_down = {c.sentence for c in self.choices for r in c.rejected if needle in f" {r} "}
        chosen = {c.sentence for c in self.choices for o in c.chosen if needle in f" {o} "}
        return bool(named) and all(i in turned_down and i not in chosen for i in named)


def read(text: str, lens: Lens, similarity: Similarity, meaning: Similarity | None = None) -> Reading:
    """Read ``text`` against the lens: checklist items through ``similarity``, questions through ``meaning``.

    Two models because the jobs differ (bench/reader_quality.py measures both): the coverage model is
    fitted on one model's features and long answers must grade fast; a short question needs the best
    reading of what it means. ``meaning`` defaults to ``similarity``."""
    sentences = _attributed(text)
    candidate = tuple(s for s in sentences if s.role is Role.CANDIDATE)
    matcher = matcher_for(lens.grading.markers)
    signals = tuple(matcher.signals(s.plain) for s in sentences)
    cue_hits = _cue_hits(lens.items, sentences)
    as_sentences = tuple(Sentence(s.index, s.text, s.start, s.end) for s in candidate)
    report = tamper_report(as_sentences, lens.grading.tamper, vocabulary(lens.items, lens.grading.markers.technologies))
    report = _with_stuffed(lens.grading.tamper, report, as_sentences, signals, cue_hits)
    evidence = tuple(s.index for s in candidate if report.is_clean(s.index))
    item_scores = _item_scores(sentences, evidence, signals, lens.items, similarity)
    asked = _questions_asked(sentences, evidence, lens, meaning or similarity)
    choices = tuple(c for s in candidate if report.is_clean(s.index) for c in choices_in(s.index, s.plain))
    return Reading(sentences, evidence, report, signals, cue_hits, item_scores, asked, choices)


def match_questions(questions: Sequence[str], lens: Lens, similarity: Similarity) -> tuple[Asked, ...]:
    """Each question mapped to the scenario's reference question it asks (or to none)."""
    scenario = lens.scenario
    if scenario is None or not questions:
        return tuple(Asked(q, None, None, 0.0) for q in questions)
    owners, anchors = question_anchors(scenario)
    halves = [_halves(q) for q in questions]
    texts = [*questions, *(h for pair in halves for h in pair)]
    rows = [_best_by_owner(owners, row) for row in similarity(texts, list(anchors))]
    threshold = lens.grading.questions.threshold
    asked: list[Asked] = []
    cursor = len(questions)
    for question, best, pair in zip(questions, rows[: len(questions)], halves, strict=True):
        half_rows, cursor = rows[cursor : cursor + len(pair)], cursor + len(pair)
        top = max(best, key=lambda q: best[q])
        if best[top] < threshold:
            asked.append(Asked(question, None, None, best[top]))
            continue
        # "What peak QPS and p99 latency do callers need?" asks two things: each half is read on its own.
        others = {max(h, key=lambda q: h[q]) for h in half_rows if max(h.values()) >= threshold} - {top}
        also = tuple((owner, _fact_of(scenario, owner)) for owner in sorted(others))
        asked.append(Asked(question, top, _fact_of(scenario, top), best[top], also))
    return tuple(asked)


def _best_by_owner(owners: Sequence[str], row: Sequence[float]) -> dict[str, float]:
    best: dict[str, float] = {}
    for owner, score in zip(owners, row, strict=True):
        best[owner] = max(best.get(owner, -1.0), float(score))
    return best


def _fact_of(scenario: Scenario, question_id: str) -> str | None:
    question = scenario.question(question_id)
    return question.fact if question else None


def _halves(question: str) -> tuple[str, ...]:
    """The two halves of a question joined by "and" ("peak QPS" / "p99 latency"), when both say something."""
    parts = re.split(r"\s+(?:and|&|plus)\s+", question, maxsplit=1)
    if len(parts) != 2 or min(len(words_of(p)) for p in parts) < 2:
        return ()
    return (parts[0], parts[1])


def question_anchors(scenario: Scenario) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every example of every reference question (its wording, its phrasings, its fact's keywords), with its owner."""
    owners: list[str] = []
    anchors: list[str] = []
    for question in scenario.clarifying_questions:
        fact = scenario.fact(question.fact) if question.fact else None
        examples = [question.question, *question.phrasings, *([", ".join(fact.keywords)] if fact else [])]
        owners += [question.id] * len(examples)
        anchors += examples
    return tuple(owners), tuple(anchors)


@cache
def item_anchors(item: FrameworkItem) -> tuple[str, ...]:
    """What an item's closeness is measured against: its phrasings, title and strong answer's sentences."""
    pieces = [*item.phrasings, item.title, *(s.text for s in sentences_of(item.strong_ic6))]
    return tuple(p for p in pieces if len(words_of(p)) >= 2)


@cache
def vocabulary(items: tuple[FrameworkItem, ...], technologies: tuple[str, ...]) -> frozenset[str]:
    """Every word the grader looks for: item cues and named technologies (for spotting keyword lists)."""
    phrases = [c for item in items for c in item.cues] + list(technologies)
    return frozenset(w for phrase in phrases for w in words_of(phrase))


def _attributed(text: str) -> tuple[ReadSentence, ...]:
    """Sentences of every stretch, each with its speaker and plain form."""
    found: list[ReadSentence] = []
    for stretch in stretches_of(text):
        piece = text[stretch.start : stretch.end]
        local = sentences_of(piece)
        plain_texts = with_table_headers(local)
        for sentence, plain_text, in_context in zip(local, plain_texts, headed(local, piece, plain_texts), strict=True):
            start, end = stretch.start + sentence.start, stretch.start + sentence.end
            found.append(ReadSentence(len(found), sentence.text, start, end, stretch.role, plain_text, in_context))
    return tuple(found)


def _item_scores(
    sentences: tuple[ReadSentence, ...],
    evidence: tuple[int, ...],
    signals: tuple[SentenceSignals, ...],
    items: tuple[FrameworkItem, ...],
    similarity: Similarity,
) -> dict[str, tuple[float, ...]]:
    """For each item, each evidence sentence's best similarity to the item's examples (0 elsewhere).

    A sentence is read under its heading when it says something concrete ("Risks: hot keys on celebrity
    ids"); a sentence that says nothing concrete is read alone, so a heading cannot lend it meaning."""
    anchors = [a for item in items for a in item_anchors(item)]
    spans: list[tuple[str, int, int]] = []  # each item's anchors sit together: (item, first, past the last)
    for item in items:
        start = spans[-1][2] if spans else 0
        spans.append((item.id, start, start + len(item_anchors(item))))
    pieces: list[tuple[int, str]] = []
    for i in evidence:
        whole = sentences[i].headed if signals[i].score > 0 else sentences[i].plain
        pieces += [(i, whole), *((i, clause) for clause in clauses_of(sentences[i].plain))]
    rows = similarity([text for _, text in pieces], anchors) if pieces and anchors else []
    scores = {item.id: [0.0] * len(sentences) for item in items}
    for (index, _), row in zip(pieces, rows, strict=True):
        for owner, start, end in spans:
            if end > start:
                value = float(max(row[start:end]))
                if value > scores[owner][index]:
                    scores[owner][index] = value
    return {item_id: tuple(values) for item_id, values in scores.items()}


_CLAUSE = re.compile(
    r"\s*(?:;|\s[-\u2013\u2014]+\s|, (?:so|and|but|because|which|while|then)\b|\bbecause\b|->|\u2192)\s*"
)


def clauses_of(text: str) -> list[str]:
    """The clauses of a dense sentence ("ScyllaDB over Redis, because RAM costs 3x; revisit if p99 < 2 ms"),
    each read on its own so one sentence can serve several items. Short sentences have none."""
    if len(words_of(text)) < 14:
        return []
    parts = [p for p in _CLAUSE.split(text) if len(words_of(p)) >= 4]
    return parts if len(parts) > 1 else []


def _questions_asked(
    sentences: tuple[ReadSentence, ...], evidence: tuple[int, ...], lens: Lens, similarity: Similarity
) -> tuple[Asked, ...]:
    questions = [q for i in evidence for q in questions_in(sentences[i].plain)]
    return match_questions(questions, lens, similarity)


@cache
def _cue_index(items: tuple[FrameworkItem, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    owners: dict[str, set[str]] = {}
    for item in items:
        for cue in item.cues:
            owners.setdefault(" ".join(words_of(cue)), set()).add(item.id)
    return tuple((cue, frozenset(ids)) for cue, ids in owners.items() if cue)


def _cue_hits(items: tuple[FrameworkItem, ...], sentences: tuple[ReadSentence, ...]) -> dict[str, tuple[int, ...]]:
    """For each item, how many distinct cue phrases of it each sentence holds (whole words)."""
    counts: dict[str, list[int]] = {item.id: [0] * len(sentences) for item in items}
    for sentence in sentences:
        for owner, hits in _cues_in(items, sentence.text):
            counts[owner][sentence.index] += hits
    return {item_id: tuple(values) for item_id, values in counts.items()}


@lru_cache(maxsize=4096)
def _cues_in(items: tuple[FrameworkItem, ...], text: str) -> tuple[tuple[str, int], ...]:
    """(item, distinct cue phrases of it) for one sentence; an interview re-reads the same sentences every turn."""
    padded = f" {' '.join(words_of(text))} "
    found: dict[str, int] = {}
    for cue, owners in _cue_index(items):
        if f" {cue} " in padded:
            for owner in owners:
                found[owner] = found.get(owner, 0) + 1
    return tuple(found.items())


def _with_stuffed(
    rules: Tamper,
    report: TamperReport,
    sentences: tuple[Sentence, ...],
    signals: tuple[SentenceSignals, ...],
    cue_hits: dict[str, tuple[int, ...]],
) -> TamperReport:
    """Also flag keyword lists that touch many items' cues: no measurement and almost no function words.

    A dense genuine sentence ("Alignment owns RL recipes and reward models, Trust and Safety the safety
    suite") touches as many cues but reads as a sentence, so it stays evidence."""
    flags = dict(report.flags)
    function_words = frozenset(rules.function_words)
    for sentence in sentences:
        touched = sum(1 for hits in cue_hits.values() if hits[sentence.index])
        words = words_of(sentence.text)
        share = sum(1 for w in words if w in function_words) / max(1, len(words))
        if (
            sentence.index not in flags
            and touched >= STUFFED_ITEMS
            and signals[sentence.index].measurements == 0
            and share < rules.stuffing_max_function_share
        ):
            flags[sentence.index] = Flag.STUFFING
    return report if flags == report.flags else with_flags(sentences, flags)
