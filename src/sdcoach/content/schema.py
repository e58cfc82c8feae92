"""The scenario pack: frozen pydantic models (the base types live in ``base``, the answers in the room in
``room_schema``, the framework and rubric in ``framework_schema``, the estimator's registry in
``hardware_schema``).

Every model rejects unknown keys (``extra="forbid"``) so a typo in a pack is an error with a file,
a line and a field, never a silently ignored setting. Cross-references inside one document (a
clarifying question naming a fact, a data-flow edge naming components) are checked here; references
across documents (a probe naming a framework item) are checked by ``services.content_check``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.base import ItemId as ItemId
from sdcoach.content.base import LocalId as LocalId
from sdcoach.content.base import Model as Model
from sdcoach.content.base import Slug as Slug
from sdcoach.content.base import Text as Text
from sdcoach.content.room_schema import CommonMistake as CommonMistake
from sdcoach.content.room_schema import DeepDiveLadder as DeepDiveLadder
from sdcoach.content.room_schema import LevelSketches as LevelSketches
from sdcoach.content.room_schema import ShortAnswer as ShortAnswer
from sdcoach.content.stakeholder_schema import Stakeholders

# ----------------------------------------------------------------------------- scenario


class Difficulty(StrEnum):
    """How hard a scenario is to do well at staff level."""

    MEDIUM = "medium"
    HARD = "hard"
    EXPERT = "expert"


class QuestionCategory(StrEnum):
    """What a clarifying question is about; values are stored, keep them stable."""

    FUNCTIONAL = "functional"
    SCALE = "scale"
    LATENCY = "latency"
    FRESHNESS = "freshness"
    CONSISTENCY = "consistency"
    AVAILABILITY = "availability"
    COST = "cost"
    PRIVACY = "privacy"
    OWNERSHIP = "ownership"
    GROWTH = "growth"

    @property
    def is_non_functional(self) -> bool:
        """True for the measurable qualities (scale, latency, ... privacy)."""
        return self not in {
            QuestionCategory.FUNCTIONAL,
            QuestionCategory.OWNERSHIP,
            QuestionCategory.GROWTH,
        }


class Fact(Model):
    """Something the interviewer answers when asked, with numbers."""

    id: LocalId
    topic: QuestionCategory
    answer: Text
    keywords: tuple[Text, ...] = Field(min_length=1)

    @property
    def has_number(self) -> bool:
        """True when the answer states at least one figure."""
        return re.search(r"\d", self.answer) is not None


class ClarifyingQuestion(Model):
    """A question the candidate should ask first, and why its answer matters."""

    id: LocalId
    category: QuestionCategory
    question: Text
    why: Text
    design_impact: Text
    priority: int = Field(default=2, ge=1, le=3)
    fact: LocalId | None = None
    # Other ways candidates ask the same thing, short and in many voices: what the reader matches against.
    phrasings: tuple[Text, ...] = ()
    # What to assume when the scenario holds no fact for this question ("a single public cloud region").
    assume: Text | None = None


class Component(Model):
    """A box in the high-level design and what it does here."""

    id: LocalId
    name: Text
    role: Text
    technologies: tuple[Text, ...] = ()
    owner: Text | None = None


class FlowMode(StrEnum):
    """How data moves along an edge."""

    SYNC = "sync"
    ASYNC = "async"
    STREAM = "stream"
    BATCH = "batch"


class DataFlow(Model):
    """A directed edge of the data-flow diagram."""

    source: LocalId
    target: LocalId
    carries: Text
    mode: FlowMode


class Api(Model):
    """An interface a component exposes."""

    name: Text
    signature: Text
    purpose: Text
    owner: LocalId | None = None


class Calculator(StrEnum):
    """The estimator's calculators a scaling point can be checked with (``sdcoach estimate NAME``)."""

    TRAINING = "training"
    MFU = "mfu"
    WEIGHTS = "weights"
    TRAINING_MEMORY = "training-memory"
    CHECKPOINT = "checkpoint"
    KV_CACHE = "kv-cache"
    SERVING = "serving"
    TRAFFIC = "traffic"
    STORAGE = "storage"
    EMBEDDINGS = "embeddings"
    ALLREDUCE = "allreduce"


class ScalingEstimate(Model):
    """The estimator command that recomputes a scaling point's figures, and the figures it must give."""

    command: Text
    expect: dict[str, float] = Field(min_length=1, description="Result keys in base units (bytes, s, FLOP, USD)")

    @model_validator(mode="after")
    def _names_a_calculator(self) -> Self:
        name = self.command.split()[0]
        if name not in {c.value for c in Calculator}:
            known = ", ".join(c.value for c in Calculator)
            raise ValueError(f"estimate command must start with a calculator ({known}); got {name!r}")
        return self

    @property
    def calculator(self) -> Calculator:
        """Which calculator the command runs."""
        return Calculator(self.command.split()[0])


class ScalingPoint(Model):
    """A scaling or reliability consideration, with its numbers and how to recompute them."""

    topic: Text
    detail: Text
    item: ItemId
    estimates: tuple[ScalingEstimate, ...] = ()


class TradeoffOption(Model):
    """One option of a design decision."""

    name: Text
    pros: tuple[Text, ...] = Field(min_length=1)
    cons: tuple[Text, ...] = Field(min_length=1)


class TradeoffImpact(Model):
    """How a decision plays out across the dimensions that matter to an org."""

    business: Text
    cost: Text
    reliability: Text
    cross_team: Text


class Tradeoff(Model):
    """A design decision with its options, a recommendation and what would flip it."""

    id: LocalId
    decision: Text
    options: tuple[TradeoffOption, ...] = Field(min_length=2)
    impact: TradeoffImpact
    recommendation: Text
    flip_condition: Text


class FailureMode(Model):
    """What can go wrong, who notices, and what to do about it."""

    id: LocalId
    name: Text
    trigger: Text
    blast_radius: Text
    detection: Text
    mitigation: Text
    recovery: Text


class Audience(StrEnum):
    """Who an influence tip is for."""

    DIRECTOR = "director"
    PM = "pm"
    PARTNER_TEAM = "partner_team"
    PEERS = "peers"
    ONCALL = "oncall"


class InfluenceTip(Model):
    """How to frame the design for one audience."""

    audience: Audience
    tip: Text


class Influence(Model):
    """Audience-specific framing and the model 60-second pitch."""

    tips: tuple[InfluenceTip, ...] = Field(min_length=1)
    pitch: Text


class ProbeKind(StrEnum):
    """Why an interviewer asks a probe."""

    FOLLOW_UP = "follow_up"
    GAP = "gap"
    SCALE = "scale"
    FAILURE = "failure"
    CURVEBALL = "curveball"
    ORG_ALIGNMENT = "org_alignment"


class Probe(Model):
    """A deep-dive question an interviewer pushes on, tied to a checklist item."""

    id: LocalId
    item: ItemId
    kind: ProbeKind
    trigger: Text
    trigger_cues: tuple[Text, ...] = ()
    question: Text
    answer_space: Text


class ReferenceKind(StrEnum):
    """What sort of source a reference is."""

    PAPER = "paper"
    DOCS = "docs"
    BLOG = "blog"
    TALK = "talk"
    BOOK = "book"
    CODE = "code"


class Reference(Model):
    """A real system or paper a strong candidate could cite."""

    title: Text
    kind: ReferenceKind
    note: Text
    url: Text | None = None


class Scenario(Model):
    """A design problem with its worked solution space."""

    slug: Slug
    title: Text
    summary: Text
    difficulty: Difficulty
    tags: tuple[LocalId, ...] = Field(min_length=1)
    # What engineers type when this scenario is the answer, in many voices: what search matches against.
    searched_as: tuple[Text, ...] = ()
    prompt: Text
    facts: tuple[Fact, ...]
    clarifying_questions: tuple[ClarifyingQuestion, ...]
    components: tuple[Component, ...]
    data_flow: tuple[DataFlow, ...]
    apis: tuple[Api, ...]
    scaling: tuple[ScalingPoint, ...]
    tradeoffs: tuple[Tradeoff, ...]
    failure_modes: tuple[FailureMode, ...]
    influence: Influence
    probes: tuple[Probe, ...]
    references: tuple[Reference, ...]
    # Answers at the size and level a candidate meets in the room (shown by `walkthrough --short`).
    short_answer: ShortAnswer | None = None
    level_sketches: LevelSketches | None = None
    common_mistakes: tuple[CommonMistake, ...] = ()
    ladders: tuple[DeepDiveLadder, ...] = ()
    # What the director and the PM answer from (their own topics: cost and timeline, surface and launch).
    stakeholders: Stakeholders = Field(default_factory=Stakeholders)

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        _require_unique("facts", [f.id for f in self.facts])
        _require_unique("clarifying_questions", [q.id for q in self.clarifying_questions])
        _require_unique("components", [c.id for c in self.components])
        _require_unique("tradeoffs", [t.id for t in self.tradeoffs])
        _require_unique("failure_modes", [f.id for f in self.failure_modes])
        _require_unique("probes", [p.id for p in self.probes])
        facts = {f.id for f in self.facts}
        for q in self.clarifying_questions:
            if q.fact is not None and q.fact not in facts:
                raise ValueError(f"clarifying question {q.id!r} names unknown fact {q.fact!r}")
        components = {c.id for c in self.components}
        for edge in self.data_flow:
            for end in (edge.source, edge.target):
                if end not in components:
                    raise ValueError(f"data_flow edge names unknown component {end!r}")
        for api in self.apis:
            if api.owner is not None and api.owner not in components:
                raise ValueError(f"api {api.name!r} is owned by unknown component {api.owner!r}")
        questions = {q.id for q in self.clarifying_questions}
        for asked in self.short_answer.ask_first if self.short_answer else ():
            if asked not in questions:
                raise ValueError(f"short_answer.ask_first names unknown clarifying question {asked!r}")
        probes = {p.id for p in self.probes}
        for mistake in self.common_mistakes:
            if mistake.probe is not None and mistake.probe not in probes:
                raise ValueError(f"common mistake names unknown probe {mistake.probe!r}")
        return self

    def fact(self, fact_id: str) -> Fact | None:
        """The fact with this id, if any."""
        return next((f for f in self.facts if f.id == fact_id), None)

    def question(self, question_id: str) -> ClarifyingQuestion | None:
        """The clarifying question with this id, if any."""
        return next((q for q in self.clarifying_questions if q.id == question_id), None)

    def component(self, component_id: str) -> Component | None:
        """The component with this id, if any."""
        return next((c for c in self.components if c.id == component_id), None)


def _require_unique(field: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f"{field} repeats the id {ident!r}")
        seen.add(ident)


class SearchIntent(Model):
    """Phrases in a question that suggest which walkthrough section answers it."""

    section: LocalId
    cues: tuple[Text, ...] = Field(min_length=1)


class SearchIntents(Model):
    """The search pack: a small lift per section for questions shaped like that section's answers."""

    version: int = 1
    intents: tuple[SearchIntent, ...] = Field(min_length=1)
