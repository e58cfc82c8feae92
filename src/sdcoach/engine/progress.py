"""Progress: how each checklist item and rubric signal has moved across interviews and drills.

Every interview scorecard and drill attempt becomes observations (0..1) of checklist items: a scorecard
gives each assessed item's strength; the framework drill gives 1 or 0 per item; the other drills give
their score to the items they practise (``progress_feeds`` in the drills pack). A rubric signal is
observed directly in interviews (its 1-4 score) and, from drills, as the mean of its feeding items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sdcoach.content.framework_schema import Framework, Rubric

RECENT = 3  # the recent level is the mean of the last three observations
WEAK = 0.6  # below this recent level an item is a known weakness (a pass in the drills' rating)
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Observation:
    """One measurement of a checklist item or a signal (``target``), 0..1, at a time, from a source."""

    target: str
    value: float
    when: datetime
    source: str


@dataclass(frozen=True)
class Trend:
    """An item's or signal's history: values oldest first, the recent level and its change."""

    id: str
    title: str
    values: tuple[float, ...]

    @property
    def recent(self) -> float | None:
        """Mean of the last few observations (None when never practised)."""
        tail = self.values[-RECENT:]
        return sum(tail) / len(tail) if tail else None

    @property
    def change(self) -> float | None:
        """Recent level minus the level before it (None until there is history on both sides)."""
        if len(self.values) <= RECENT:
            return None
        earlier = self.values[:-RECENT]
        return (self.recent or 0.0) - sum(earlier) / len(earlier)

    @property
    def sparkline(self) -> str:
        """The values as a one-line chart, one block per observation (the last 20)."""
        return "".join(SPARKS[min(len(SPARKS) - 1, int(v * len(SPARKS)))] for v in self.values[-20:])


@dataclass(frozen=True)
class Progress:
    """The whole picture."""

    items: tuple[Trend, ...]
    signals: tuple[Trend, ...]
    weakest: tuple[tuple[Trend, str], ...]
    streak_days: int
    due: int
    practised_days: int


def from_scorecard(payload: Mapping[str, Any], when: datetime) -> list[Observation]:
    """An interview's scorecard: assessed items' strengths and signals' scores (1-4 read as 0..1)."""
    skipped = set(payload.get("not_assessed", []))
    found = [
        Observation(item, float(entry.get("strength", 0.0)), when, "interview")
        for item, entry in payload.get("checklist", {}).items()
        if item not in skipped
    ]
    found += [
        Observation(signal, (float(entry["score"]) - 1) / 3, when, "interview")
        for signal, entry in payload.get("signals", {}).items()
        if "score" in entry
    ]
    return found


def from_attempt(
    kind: str, score: float, payload: Mapping[str, Any], when: datetime, feeds: Mapping[str, Sequence[str]]
) -> list[Observation]:
    """A drill attempt: the framework drill item by item, the others their score for the items they feed."""
    source = f"drill:{kind}"
    if kind == "framework":
        hit = [Observation(m["item"], 1.0, when, source) for m in payload.get("matched", [])]
        return hit + [Observation(m["item"], 0.0, when, source) for m in payload.get("missed", [])]
    return [Observation(item, score, when, source) for item in feeds.get(kind, ())]


def progress(
    observations: Iterable[Observation],
    framework: Framework,
    rubric: Rubric,
    today: date,
    due: int,
    practice: Mapping[str, str],
    slug: str,
) -> Progress:
    """Trends per item and signal, the five weakest items with the drill for each, the streak."""
    ordered = sorted(observations, key=lambda o: o.when)
    by_target: dict[str, list[float]] = {}
    for o in ordered:
        by_target.setdefault(o.target, []).append(o.value)
    items = tuple(Trend(i.id, i.title, tuple(by_target.get(i.id, ()))) for i in framework.items)
    signals = tuple(_signal_trend(s.id, s.title, s.feeds, ordered) for s in rubric.signals)
    weights = {i.id: i.weight for i in framework.items}
    weakest = sorted(items, key=lambda t: _weakness(t, weights[t.id]))[:5]
    with_drills = tuple((t, practice[t.id.split(".")[0]].replace("{slug}", slug)) for t in weakest)
    days = {o.when.date() for o in ordered}
    return Progress(items, signals, with_drills, _streak(days, today), due, len(days))


def _weakness(trend: Trend, weight: int) -> tuple[int, float, int]:
    """Known weaknesses first (weakest first), then items never practised (heaviest first), then the rest."""
    if trend.recent is None:
        return (1, 0.0, -weight)
    return (0 if trend.recent < WEAK else 2, trend.recent, -weight)


def _signal_trend(signal: str, title: str, feeds: Sequence[str], ordered: list[Observation]) -> Trend:
    """Interview scores of the signal, plus each drill session's mean over the items that feed it."""
    sessions: dict[tuple[datetime, str], list[float]] = {}
    for o in ordered:
        if o.source.startswith("drill:") and o.target in feeds:
            sessions.setdefault((o.when, o.source), []).append(o.value)
    drills = [(when, sum(v) / len(v)) for (when, _), v in sessions.items()]
    interviews = [(o.when, o.value) for o in ordered if o.target == signal]
    merged = sorted(interviews + drills, key=lambda pair: pair[0])
    return Trend(signal, title, tuple(v for _, v in merged))


def _streak(days: set[date], today: date) -> int:
    """Consecutive practice days ending today (or yesterday, when today has not been practised yet)."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak
