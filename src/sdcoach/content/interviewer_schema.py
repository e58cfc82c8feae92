"""The interviewer's own words: persona openers, transitions, fallbacks and prompts for each checklist item."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.debrief_schema import DebriefWords
from sdcoach.content.interview_level_schema import InterviewLevelRules
from sdcoach.content.schema import ItemId, Model, Probe, ProbeKind, Text
from sdcoach.content.stakeholder_schema import DIRECTOR_TOPICS, PM_TOPICS, StakeholderQuestion


class Persona(StrEnum):
    """Who is interviewing; values are stored with sessions."""

    PEER = "peer"
    DIRECTOR = "director"
    PM = "pm"


class PersonaVoice(Model):
    """How one persona opens, moves on, asks for the pitch and closes."""

    persona: Persona
    opening: Text = Field(description="Said before the scenario prompt; {minutes} is the interview length")
    transitions: tuple[Text, ...] = Field(min_length=3, description="Moving to a phase; {phase} is its title")
    pitch_request: Text
    closing: Text
    acknowledgements: tuple[Text, ...] = Field(min_length=3)
    label: Text | None = Field(default=None, description="What the round practises, shown when it starts")


class ItemPrompt(Model):
    """Generic pushes for a checklist item when the scenario has no probe left for it."""

    item: ItemId
    prompts: tuple[Text, ...] = Field(min_length=2)


class PersonaProbes(Model):
    """A director's or PM's own probes (cost, timeline and the ask; users, surface and launch), asked instead
    of the scenario's engineering probes, and which kinds of the scenario's probes the persona keeps."""

    persona: Persona
    probes: tuple[Probe, ...] = Field(min_length=8)
    keeps: tuple[ProbeKind, ...] = Field(default=(), description="Scenario probe kinds this persona asks too")
    item_prompts: tuple[ItemPrompt, ...] = Field(
        default=(), description="The persona's own pushes for items its probes leave open (replace the generic ones)"
    )


class IntentKey(StrEnum):
    """A question about the interview itself rather than the system (recognised by meaning)."""

    MORE = "more"  # "tell me more", "and?": the rest of the fact last answered
    ORDER = "order"  # "does that order work?"
    DEPTH = "depth"  # "should I go deeper here?"
    GOOD_ANSWER = "good_answer"  # "what would a good answer look like?"
    ASSUME = "assume"  # "can I assume X?"


class Intent(Model):
    """One meta intent: example phrasings the similarity model matches against, and human replies."""

    key: IntentKey
    examples: tuple[Text, ...] = Field(min_length=3, description="Ways a candidate says it, short and varied")
    replies: tuple[Text, ...] = Field(min_length=2)


class Pacing(Model):
    """How many gaps the interviewer pushes in one turn, and how far a phase may run over so each of its
    uncovered items gets one push (``engine/pushes.py``)."""

    weak_coverage: float = Field(
        default=0.15, gt=0, lt=1, description="Below this share of the items reached covered, the candidate is weak"
    )
    weak_after_turns: int = Field(default=3, ge=1, description="Candidate turns before weakness is judged")
    pushes_per_turn: int = Field(default=2, ge=1, le=3, description="Gap pushes in one turn, weak or short of time")
    weak_pushes_per_turn: int = Field(
        default=2, ge=1, le=3, description="Gap pushes in one turn to a weak candidate, who leaves most items open"
    )
    phase_grace_seconds: float = Field(
        default=120, ge=0, description="How long a phase may run over to push its items never pushed"
    )


class InterviewerPack(Model):
    """Everything the offline interviewer says that is not a scenario fact or probe."""

    version: int = Field(ge=1)
    voices: tuple[PersonaVoice, ...] = Field(min_length=3)
    no_fact: tuple[Text, ...] = Field(min_length=2, description="Answer when no fact covers the question")
    told_before: tuple[Text, ...] = Field(
        default=("As I said: {fact}",),
        min_length=1,
        description="A fact asked about again once all of it is said; {fact} is its first sentence",
    )
    restate: tuple[Text, ...] = Field(min_length=3, description="When a turn says nothing usable")
    repeated: tuple[Text, ...] = Field(
        min_length=2,
        description="A turn repeating an earlier one; {when}: when first sent, {count}: how often",
    )
    arithmetic: tuple[Text, ...] = Field(min_length=2, description="Probe a number; {stated} is the figure")
    grader_talk: tuple[Text, ...] = Field(min_length=2, description="When a turn addresses the grading")
    no_hint: Text
    hint_nudge: Text = Field(description="The first /hint on a probe: which area; {area} is the checklist item")
    hint_pointer: Text = Field(description="The second: {component} is the scenario's component to look at")
    hint_limit: Text = Field(description="After the pointer: no more, and never the worked answer")
    commit_push: tuple[Text, ...] = Field(
        min_length=2, description="To a candidate still only asking questions near the end of requirements"
    )
    item_prompts: tuple[ItemPrompt, ...] = Field(min_length=20)
    revisit_transitions: tuple[Text, ...] = Field(
        min_length=2, description="Moving to a phase the candidate already began; {phase} is its title"
    )
    pitch_items: tuple[ItemId, ...] = Field(
        default=("influence.elevator_pitch", "influence.stakeholder_summary"),
        min_length=1,
        description="The checklist items every voice's pitch request asks for, the pitch itself first",
    )
    moving_on_transitions: tuple[Text, ...] = Field(
        default=("Let's leave that there and move to {phase}.", "Let's move on to {phase}."),
        min_length=2,
        description="Leaving a phase whose open items were all asked once and got nothing new; {phase} is the next",
    )
    early_end: Text = Field(description="Closing when /end comes before the last stretch; {elapsed} and {minutes}")
    intents: tuple[Intent, ...] = ()
    intent_threshold: float = Field(default=0.6, gt=0, lt=1, description="Closeness to an intent's examples")
    persona_probes: tuple[PersonaProbes, ...] = ()
    director_questions: tuple[StakeholderQuestion, ...] = ()
    pm_questions: tuple[StakeholderQuestion, ...] = ()
    debrief: DebriefWords | None = None  # the scorecard's write-up (built-in pack: always given)
    interview_level: InterviewLevelRules | None = None  # a whole interview's must-haves per level
    stakeholder_threshold: float = Field(default=0.55, gt=0, lt=1, description="Closeness to a topic's examples")
    pacing: Pacing = Pacing()

    @model_validator(mode="after")
    def _one_voice_per_persona(self) -> Self:
        personas = [v.persona for v in self.voices]
        if sorted(personas) != sorted(set(personas)) or set(personas) != set(Persona):
            raise ValueError("give exactly one voice for each persona: peer, director, pm")
        for name, questions, allowed in (
            ("director_questions", self.director_questions, DIRECTOR_TOPICS),
            ("pm_questions", self.pm_questions, PM_TOPICS),
        ):
            wrong = sorted(q.topic.value for q in questions if q.topic not in allowed)
            if wrong:
                raise ValueError(f"{name} asks about {', '.join(wrong)}, which is not that persona's topic")
        if any(p.persona is Persona.PEER for p in self.persona_probes):
            raise ValueError("persona_probes: the peer asks the scenario's own probes; give probes for director, pm")
        return self

    def voice(self, persona: Persona) -> PersonaVoice:
        """The voice of one persona."""
        return next(v for v in self.voices if v.persona is persona)

    def probes_of(self, persona: Persona) -> PersonaProbes | None:
        """A persona's own probes (none for the peer, who asks the scenario's)."""
        return next((p for p in self.persona_probes if p.persona is persona), None)

    def questions_of(self, persona: Persona) -> tuple[StakeholderQuestion, ...]:
        """How candidates ask a persona about its own topics (none for the peer)."""
        return {Persona.DIRECTOR: self.director_questions, Persona.PM: self.pm_questions}.get(persona, ())

    def intent(self, key: IntentKey) -> Intent | None:
        """The intent with this key, when the pack writes it."""
        return next((i for i in self.intents if i.key is key), None)

    def prompts_for(self, item_id: str) -> tuple[str, ...]:
        """Generic pushes for an item (empty when none are written)."""
        return next((p.prompts for p in self.item_prompts if p.item == item_id), ())
