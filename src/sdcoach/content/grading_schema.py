"""The grader's own content: marker lexicons, the fitted coverage model, score bands and feedback wording."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.schema import Model, Text


class Markers(Model):
    """Words and phrasings that show a kind of specificity in a sentence (matched on word boundaries)."""

    technologies: tuple[Text, ...] = Field(min_length=20)
    tradeoff: tuple[Text, ...] = Field(min_length=5)
    flip: tuple[Text, ...] = Field(min_length=3)
    failure: tuple[Text, ...] = Field(min_length=5)
    detection: tuple[Text, ...] = Field(min_length=5)
    mitigation: tuple[Text, ...] = Field(min_length=5)
    slo: tuple[Text, ...] = Field(min_length=3)
    ownership: tuple[Text, ...] = Field(min_length=5)
    business: tuple[Text, ...] = Field(min_length=5)
    unit_words: tuple[Text, ...] = Field(min_length=5, description="Units that make a number a measurement")


class Tamper(Model):
    """Patterns of text that address the grader instead of the interviewer; such sentences are never evidence."""

    injection: tuple[Text, ...] = Field(min_length=3, description="Regular expressions, case-insensitive")
    stuffing_min_words: int = Field(ge=3, description="A sentence this long with almost no function words is a list")
    stuffing_max_function_share: float = Field(gt=0, lt=1)
    function_words: tuple[Text, ...] = Field(min_length=20)


class CoverageModel(Model):
    """Logistic weights combining cue, similarity and specificity features into P(item covered)."""

    features: tuple[Text, ...] = Field(min_length=1)
    weights: tuple[float, ...]
    bias: float
    threshold: float = Field(default=0.5, gt=0, lt=1)
    fitted_on: Text
    # Per-item offsets to the bias: items differ in how close their evidence sits to their examples.
    item_bias: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_weight_per_feature(self) -> Self:
        if len(self.weights) != len(self.features):
            raise ValueError(f"{len(self.features)} features but {len(self.weights)} weights")
        return self


class GradeModel(Model):
    """The 1-5 grade from what makes an answer staff-level: a least-squares fit on the labelled corpus.

    ``grade = bias + gate * (1 - tamper penalty) * sum(weight * feature)``, rounded into 1..5, where the
    features say how much substance the answer holds (numbers, ownership and business framing, counted and
    as a share of its sentences, and its checklist coverage) and the gate is how much of it is about the
    scenario at all: the share of the scenario's concepts it touches, over ``relevance_full``."""

    features: tuple[Text, ...] = Field(min_length=1)
    weights: tuple[float, ...]
    bias: float
    relevance_full: float = Field(gt=0, le=1)
    fitted_on: Text

    @model_validator(mode="after")
    def _one_non_negative_weight_per_feature(self) -> Self:
        if len(self.weights) != len(self.features):
            raise ValueError(f"{len(self.features)} features but {len(self.weights)} weights")
        if min(self.weights) < 0:
            raise ValueError("grade weights are never negative: more substance never lowers a grade")
        return self


class Bands(Model):
    """Overall-score cut points for grades 2..5; levels and signal scores use the same scale.

    Grade 1-2 is below IC5, 3 is IC5, 4 is IC6, 5 is IC7; a signal's 1-4 score follows the same
    levels, so the cuts for grades 3, 4 and 5 are also the cuts for signal scores 2, 3 and 4."""

    grade: tuple[float, float, float, float]

    @model_validator(mode="after")
    def _ascending(self) -> Self:
        if list(self.grade) != sorted(self.grade):
            raise ValueError("grade cut points must ascend")
        return self

    @property
    def level(self) -> tuple[float, float, float]:
        """Cuts at which the level reaches IC5, IC6, IC7."""
        return self.grade[1], self.grade[2], self.grade[3]

    @property
    def signal(self) -> tuple[float, float, float]:
        """Cuts at which a signal reaches 2, 3 and 4."""
        return self.level


class NextStep(Model):
    """Where to practise a checklist section that came out weak."""

    section: Text
    advice: Text
    command: Text


class QuestionMatching(Model):
    """How close a candidate's question must be to a reference question's examples to count as asking it."""

    threshold: float = Field(ge=0, le=1)
    fitted_on: Text


class Grading(Model):
    """Everything the grader reads besides the framework and rubric."""

    version: int = Field(ge=1)
    markers: Markers
    tamper: Tamper
    model: CoverageModel
    grade_model: GradeModel
    bands: Bands
    questions: QuestionMatching
    level_rationale: dict[str, Text] = Field(min_length=4)
    next_steps: tuple[NextStep, ...] = Field(min_length=7)
