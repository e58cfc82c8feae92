"""Search the content: which scenario sections, tradeoffs, failure modes and checklist items answer a question.

Every searchable piece is a ``Document`` with a pointer (scenario, walkthrough section, title). A query
is ranked by a blend of semantic similarity (an injected ``Similarity``, so the engine stays pure) and
BM25 over words, because short questions ("how do I size the KV cache for a 70B model") carry
decisive rare words that static embeddings blur.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sdcoach.content.framework_schema import Framework
from sdcoach.content.schema import Scenario
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.text import sentences_of, words_of
from sdcoach.engine.walkthrough import Section

FRAMEWORK = "framework"
SEMANTIC_WEIGHT = 0.5
SECOND_MATCH_WEIGHT = 0.4
INTENT_WEIGHT = 0.25
# Which scenario answers a question is judged on all of its documents, not one lucky section: the mean
# of its best SCENARIO_DEPTH documents lifts every place in it by SCENARIO_WEIGHT times that mean.
SCENARIO_DEPTH = 5
SCENARIO_WEIGHT = 1.0
# A scenario whose example searches (``searched_as``) come closest to the query is lifted by up to this.
SEARCHED_AS_WEIGHT = 1.0
_STOP = frozenset(
    "a an the and or of for to in on with by from is are be how what which when where why do does should "
    "would could can i we you it this that at as our my your me us if".split()
)


@dataclass(frozen=True)
class Document:
    """One searchable piece of content and where it lives."""

    scenario: str
    section: str
    title: str
    text: str


@dataclass(frozen=True)
class Hit:
    """A ranked search result."""

    document: Document
    score: float


def documents_of(scenario: Scenario) -> list[Document]:
    """A scenario's walkthrough cut into searchable pieces, each pointing at its section."""
    slug = scenario.slug
    docs = [Document(slug, Section.REQUIREMENTS.value, scenario.title, f"{scenario.summary} {scenario.prompt}")]
    docs += [
        Document(slug, Section.REQUIREMENTS.value, q.question, f"{q.question} {q.why} {q.design_impact}")
        for q in scenario.clarifying_questions
    ]
    docs += [
        Document(slug, Section.HIGH_LEVEL_DESIGN.value, c.name, f"{c.name}: {c.role} {' '.join(c.technologies)}")
        for c in scenario.components
    ]
    docs += [
        Document(slug, Section.HIGH_LEVEL_DESIGN.value, a.name, f"{a.signature} {a.purpose}") for a in scenario.apis
    ]
    docs += [Document(slug, Section.SCALING.value, p.topic, f"{p.topic}. {p.detail}") for p in scenario.scaling]
    docs += [
        Document(
            slug,
            Section.TRADEOFFS.value,
            t.decision,
            f"{t.decision} {' vs '.join(o.name for o in t.options)}. {t.recommendation} {t.flip_condition}",
        )
        for t in scenario.tradeoffs
    ]
    docs += [
        Document(slug, Section.FAILURE_MODES.value, f.name, f"{f.name}: {f.trigger} {f.detection} {f.mitigation}")
        for f in scenario.failure_modes
    ]
    docs += [Document(slug, Section.INFLUENCE.value, f"For {t.audience.value}", t.tip) for t in scenario.influence.tips]
    docs.append(Document(slug, Section.INFLUENCE.value, "The 60-second pitch", scenario.influence.pitch))
    return docs


def framework_documents(framework: Framework) -> list[Document]:
    """The checklist items as searchable pieces."""
    return [
        Document(FRAMEWORK, item.id, item.title, f"{item.title}. {item.guidance} {item.strong_ic6}")
        for item in framework.items
    ]


class Index:
    """BM25 statistics over a set of documents, built once."""

    def __init__(self, documents: Sequence[Document], searched_as: Mapping[str, Sequence[str]] | None = None) -> None:
        self.documents = list(documents)
        # Each scenario's example searches (its ``searched_as``): what people type when it is the answer.
        self.searched_as = {slug: tuple(queries) for slug, queries in (searched_as or {}).items() if queries}
        self._terms = [Counter(_terms(f"{d.title} {d.title} {d.text}")) for d in self.documents]
        self._lengths = [sum(t.values()) for t in self._terms]
        self._average = sum(self._lengths) / len(self._lengths) if self._lengths else 1.0
        spread: Counter[str] = Counter()
        for terms in self._terms:
            spread.update(terms.keys())
        n = len(self.documents)
        self._idf = {w: math.log(1 + (n - df + 0.5) / (df + 0.5)) for w, df in spread.items()}

    def bm25(self, query: str) -> list[float]:
        """BM25 score of every document for the query (k1 = 1.2, b = 0.75)."""
        words = set(_terms(query))
        scores = []
        for terms, length in zip(self._terms, self._lengths, strict=True):
            score = 0.0
            for word in words:
                tf = terms.get(word, 0)
                if tf:
                    score += self._idf[word] * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self._average))
            scores.append(score)
        return scores


def search(
    query: str,
    index: Index,
    similarity: Similarity,
    limit: int = 10,
    intents: Mapping[str, Sequence[str]] | None = None,
) -> list[Hit]:
    """The documents that best answer ``query``, best first; scores blend meaning and words (0..1).

    Meaning is the better of the query's similarity to a document's title and to its full text. A
    section whose ``intents`` cues appear in the question ("should ... or", "what happens when") gets a
    small lift. Results are grouped by place (scenario and section): a section with two good matches
    outranks a stray single match elsewhere, and the first result is the best document of the best
    section. A scenario is lifted by how well all its documents answer, and by how close the query comes
    to the searches people make when that scenario is the answer (its ``searched_as``)."""
    if not index.documents:
        return []
    lexical = _normalised(index.bm25(query))
    owners, references = document_references(index.documents)
    examples = [(slug, text) for slug, texts in index.searched_as.items() for text in texts]
    row = similarity([query], [*references, *(text for _, text in examples)])[0]
    best = [0.0] * len(index.documents)
    for owner, score in zip(owners, row[: len(references)], strict=True):
        best[owner] = max(best[owner], score)
    semantic = _normalised(best)
    closest_example: dict[str, float] = {}
    for (slug, _), score in zip(examples, row[len(references) :], strict=True):
        closest_example[slug] = max(closest_example.get(slug, 0.0), score)
    lifted = sections_asked_about(query, intents or {})
    blended = [
        SEMANTIC_WEIGHT * s + (1 - SEMANTIC_WEIGHT) * w + (INTENT_WEIGHT if d.section in lifted else 0.0)
        for s, w, d in zip(semantic, lexical, index.documents, strict=True)
    ]
    places: dict[tuple[str, str], list[float]] = {}
    for document, score in zip(index.documents, blended, strict=True):
        places.setdefault((document.scenario, document.section), []).append(score)
    lift = _scenario_lift(index.documents, blended)
    top_example = max(closest_example.values(), default=0.0)
    for slug, score in closest_example.items():
        lift[slug] = lift.get(slug, 0.0) + SEARCHED_AS_WEIGHT * (score / top_example if top_example > 0 else 0.0)
    place_score = {place: _place_score(scores) + lift.get(place[0], 0.0) for place, scores in places.items()}
    order = sorted(
        range(len(blended)),
        key=lambda i: (place_score[(index.documents[i].scenario, index.documents[i].section)], blended[i]),
        reverse=True,
    )
    return [Hit(index.documents[i], round(blended[i] / (1 + INTENT_WEIGHT), 4)) for i in order[:limit]]


def document_references(documents: Sequence[Document]) -> tuple[list[int], list[str]]:
    """What a query is compared with, and whose each is: every document's title, full text and sentences.

    A long document's one vector blurs its parts (the encoder also reads only its first 128 tokens), so
    each sentence counts too: the document scores as its closest piece."""
    owners: list[int] = []
    texts: list[str] = []
    for position, document in enumerate(documents):
        pieces = [document.title, f"{document.title}. {document.text}", *_sentences(document.text)]
        for piece in dict.fromkeys(pieces):
            owners.append(position)
            texts.append(piece)
    return owners, texts


def _sentences(text: str) -> list[str]:
    return [s.text for s in sentences_of(text) if len(words_of(s.text)) >= 4]


def sections_asked_about(query: str, intents: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The sections whose cue phrases appear, as whole words, in the question."""
    padded = f" {' '.join(words_of(query))} "
    return frozenset(
        section for section, cues in intents.items() if any(f" {' '.join(words_of(c))} " in padded for c in cues)
    )


def _scenario_lift(documents: Sequence[Document], blended: Sequence[float]) -> dict[str, float]:
    """Each scenario's lift: SCENARIO_WEIGHT times the mean of its best SCENARIO_DEPTH document scores."""
    by_scenario: dict[str, list[float]] = {}
    for document, score in zip(documents, blended, strict=True):
        if document.scenario != FRAMEWORK:
            by_scenario.setdefault(document.scenario, []).append(score)
    return {
        slug: SCENARIO_WEIGHT * sum(sorted(scores, reverse=True)[:SCENARIO_DEPTH]) / SCENARIO_DEPTH
        for slug, scores in by_scenario.items()
    }


def _place_score(scores: list[float]) -> float:
    best = sorted(scores, reverse=True)
    return best[0] + SECOND_MATCH_WEIGHT * (best[1] if len(best) > 1 else 0.0)


def _terms(text: str) -> list[str]:
    """Stemmed content words; a hyphenated term also counts as its parts ("exactly-once": "exactly", "once")."""
    terms: list[str] = []
    for word in words_of(text):
        terms += _word_terms(word)
    return terms


@cache
def _word_terms(word: str) -> tuple[str, ...]:
    forms = (word, *word.split("-")) if "-" in word else (word,)
    return tuple(_stem(w) for w in forms if w not in _STOP and len(w) > 1)


_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ers", "er", "ed", "es", "s")


@cache
def _stem(word: str) -> str:
    """A light suffix strip so "compress", "compressed" and "compression" meet ("compress")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _normalised(values: Iterable[float]) -> list[float]:
    items = list(values)
    top = max(items, default=0.0)
    return [v / top if top > 0 else 0.0 for v in items]
