"""What the director and the PM know about a scenario, as facts they answer from (their own topics, not the
engineering facts a peer answers from), and the questions that ask for each topic.

The questions are persona-generic and live in ``interviewer.yaml``; the answers are per scenario, in the
scenario pack's ``stakeholders`` block. ``services.content_check`` requires the topics every persona round
needs (the director's cost, the PM's most important surface).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.base import Model, Text


class StakeholderTopic(StrEnum):
    """What a director or PM fact is about; values are stored in packs, keep them stable."""

    # the director's
    COST = "cost"  # run-rate and budget
    TIMELINE = "timeline"  # dates the business has committed to
    RISK = "risk"  # what the director is most worried about
    HEADCOUNT = "headcount"  # engineers available, and what else they are on
    ASK = "ask"  # what the director can give, and what they need back
    CUTS = "cuts"  # what is negotiable and what is not
    # the PM's
    USERS = "users"  # who uses the product this platform serves
    SURFACE = "surface"  # which product or surface matters most
    LAUNCH = "launch"  # the launch plan and date
    EXPERIMENT = "experiment"  # the metric, the experiment and the rollback bar
    USER_RISK = "user_risk"  # the user-facing failure the PM fears most


DIRECTOR_TOPICS = frozenset(
    {
        StakeholderTopic.COST,
        StakeholderTopic.TIMELINE,
        StakeholderTopic.RISK,
        StakeholderTopic.HEADCOUNT,
        StakeholderTopic.ASK,
        StakeholderTopic.CUTS,
    }
)
PM_TOPICS = frozenset(set(StakeholderTopic) - DIRECTOR_TOPICS)


class StakeholderFact(Model):
    """One thing a director or PM answers when asked about its topic, with numbers where there are any."""

    topic: StakeholderTopic
    answer: Text


class Stakeholders(Model):
    """The director's and the PM's facts for one scenario (one per topic)."""

    director: tuple[StakeholderFact, ...] = ()
    pm: tuple[StakeholderFact, ...] = ()

    @model_validator(mode="after")
    def _topics_fit_their_persona(self) -> Self:
        for name, facts, allowed in (("director", self.director, DIRECTOR_TOPICS), ("pm", self.pm, PM_TOPICS)):
            topics = [f.topic for f in facts]
            if len(topics) != len(set(topics)):
                raise ValueError(f"stakeholders.{name} gives a topic twice; give one fact per topic")
            wrong = sorted(t.value for t in topics if t not in allowed)
            if wrong:
                known = ", ".join(sorted(t.value for t in allowed))
                raise ValueError(f"stakeholders.{name} has topics {', '.join(wrong)}; a {name} answers {known}")
        return self

    def fact(self, persona: str, topic: StakeholderTopic) -> StakeholderFact | None:
        """The fact a persona ("director" or "pm") holds on a topic, if the scenario gives one."""
        facts = {"director": self.director, "pm": self.pm}.get(persona, ())
        return next((f for f in facts if f.topic is topic), None)


class StakeholderQuestion(Model):
    """Ways a candidate asks a director or PM about one topic (matched by meaning)."""

    topic: StakeholderTopic
    examples: tuple[Text, ...] = Field(min_length=3)
