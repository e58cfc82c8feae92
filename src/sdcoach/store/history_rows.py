"""The export file's rows, validated: every field a tampered or hand-edited file could break (a newer schema,
NaN or out-of-range numbers, unknown personas or speakers, states that cannot resume, dangling or repeated
rows) is refused here, before anything is written."""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import Speaker
from sdcoach.store.codec import notes_from_json, state_from_json

SCHEMA = 2  # 2 added the diagrams attached in interviews; a schema-1 file (none) still reads
MAX_TEXT = 200_000  # characters in one answer, turn or stored document; far above any real answer

Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Seconds = Annotated[float, Field(ge=0.0, le=10_000_000.0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,139}$")]
Words = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Document = Annotated[str, StringConstraints(max_length=10 * MAX_TEXT)]


def strict_json(text: str) -> Any:
    """JSON as the standard allows it: NaN and Infinity (which Python's parser lets through) are refused."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a number JSON allows")

    return json.loads(text, parse_constant=refuse)


def _json_object(value: str) -> str:
    if not isinstance(strict_json(value), dict):
        raise ValueError("must be a JSON object")
    return value


JsonObject = Annotated[str, StringConstraints(max_length=10 * MAX_TEXT), AfterValidator(_json_object)]
CardId = Annotated[str, StringConstraints(min_length=1, max_length=140)]


class Row(BaseModel):
    """Base of every exported row: strict about keys, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionRow(Row):
    """An interview session."""

    id: Name
    scenario: Name
    persona: Persona
    minutes: Annotated[int, Field(ge=1, le=600)]
    status: Literal["active", "finished"]
    started_at: datetime
    updated_at: datetime
    elapsed: Seconds
    state_json: Document

    @field_validator("state_json")
    @classmethod
    def _state_resumes(cls, value: str) -> str:
        try:
            state = state_from_json(value)
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"the interview state cannot be resumed ({err})") from err
        if not all(math.isfinite(x) for x in (state.phase_started, *(t.elapsed for t in state.turns))):
            raise ValueError("the interview state holds a time that is not a finite number")
        return value


class TurnRow(Row):
    """One turn of an interview."""

    session_id: Name
    seq: Count
    speaker: Speaker
    text: Words
    elapsed: Seconds
    notes_json: Document

    @field_validator("notes_json")
    @classmethod
    def _notes_read(cls, value: str) -> str:
        try:
            strict_json(value)
            notes_from_json(value)
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"the private notes cannot be read ({err})") from err
        return value


class _StoredFlag(BaseModel):
    behaviour: str
    seen: str


class _StoredSignal(BaseModel):
    score: Annotated[int, Field(ge=1, le=4)]
    # read by `sdcoach report`; absent from scorecards stored before the hire rating existed
    hire: Literal["strong_no_hire", "no_hire", "lean_hire", "hire", "strong_hire"] | None = None
    red_flags: list[_StoredFlag] = []


class _StoredItem(BaseModel):
    covered: bool = False
    strength: Fraction = 0.0


class _StoredScorecard(BaseModel):
    """The fields of a stored scorecard that reports and progress read (the rest is kept as it is)."""

    level: Literal["below_ic5", "ic5", "ic6", "ic7"]
    grade: Annotated[int, Field(ge=1, le=5)]
    overall: Fraction
    checklist: dict[str, _StoredItem] = {}
    signals: dict[str, _StoredSignal] = {}
    not_assessed: list[str] = []


class ScorecardRow(Row):
    """An interview's scorecard."""

    session_id: Name
    payload_json: Document
    created_at: datetime

    @field_validator("payload_json")
    @classmethod
    def _scorecard_reads(cls, value: str) -> str:
        _StoredScorecard.model_validate(strict_json(value))
        return value


class AttemptRow(Row):
    """A drill attempt."""

    id: Annotated[int, Field(ge=1)]
    kind: Name
    scenario: Annotated[str, StringConstraints(max_length=140)]
    answer: Words
    score: Fraction | None
    result_json: JsonObject
    created_at: datetime


class CardRow(Row):
    """A spaced-repetition card."""

    id: CardId
    kind: Name
    subject: Annotated[str, StringConstraints(max_length=100)]
    state_json: JsonObject
    due: datetime
    reps: Count
    lapses: Count
    created_at: datetime


class ReviewRow(Row):
    """A review of a card."""

    card_id: CardId
    attempt_id: Annotated[int, Field(ge=1)] | None
    score: Fraction
    rating: Annotated[int, Field(ge=1, le=4)]
    reviewed_at: datetime
    due_after: datetime


class DiagramRow(Row):
    """One version of the candidate's diagram in an interview, as given."""

    session_id: Name
    version: Annotated[int, Field(ge=1, le=1_000_000)]
    format: Literal["mermaid", "excalidraw"]
    text: Document
    created_at: datetime
    after_turn: Count


class History(Row):
    """The whole export."""

    schema_version: int
    exported_at: datetime
    sessions: list[SessionRow]
    turns: list[TurnRow]
    scorecards: list[ScorecardRow]
    attempts: list[AttemptRow]
    cards: list[CardRow]
    reviews: list[ReviewRow]
    diagrams: list[DiagramRow] = []

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value > SCHEMA:
            raise ValueError(
                f"the file was written by a newer sdcoach (history schema {value}; this one reads {SCHEMA})"
            )
        if value < 1:
            raise ValueError(f"history schema {value} does not exist (this sdcoach reads {SCHEMA})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        sessions = [s.id for s in self.sessions]
        _unique("sessions", sessions)
        _unique("turns", [f"{t.session_id} turn {t.seq}" for t in self.turns])
        _unique("scorecards", [c.session_id for c in self.scorecards])
        _unique("attempts", [str(a.id) for a in self.attempts])
        _unique("cards", [c.id for c in self.cards])
        _unique("diagrams", [f"{d.session_id} version {d.version}" for d in self.diagrams])
        known = set(sessions)
        for where, session_id in [
            *(("turns", t.session_id) for t in self.turns),
            *(("scorecards", c.session_id) for c in self.scorecards),
            *(("diagrams", d.session_id) for d in self.diagrams),
        ]:
            if session_id not in known:
                raise ValueError(f"{where} name session {session_id!r}, which the file does not hold")
        cards = {c.id for c in self.cards}
        attempts = {a.id for a in self.attempts}
        for review in self.reviews:
            if review.card_id not in cards:
                raise ValueError(f"a review names card {review.card_id!r}, which the file does not hold")
            if review.attempt_id is not None and review.attempt_id not in attempts:
                raise ValueError(f"a review names drill attempt {review.attempt_id}, which the file does not hold")
        return self


def _unique(table: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{table} holds {key!r} twice")
        seen.add(key)
