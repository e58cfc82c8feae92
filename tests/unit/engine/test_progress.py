"""Progress: observations from interviews and drills become trends, weakest items and a streak."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sdcoach.content.loader import load_drills, load_framework, load_rubric
from sdcoach.engine.progress import Observation, from_attempt, from_scorecard, progress

FRAMEWORK, RUBRIC, DRILLS = load_framework(), load_rubric(), load_drills()
DAY = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _run(observations: list[Observation], today: date = date(2026, 12, 6)) -> object:
    return progress(observations, FRAMEWORK, RUBRIC, today, 2, DRILLS.practice, "feature-store")


def test_a_scorecard_gives_assessed_items_and_signals() -> None:
    payload = {
        "checklist": {"req.scale_slo": {"strength": 0.8}, "hld.apis": {"strength": 0.2}},
        "not_assessed": ["hld.apis"],
        "signals": {"technical_depth": {"score": 4}},
    }
    found = {o.target: o.value for o in from_scorecard(payload, DAY)}
    assert found == {"req.scale_slo": 0.8, "technical_depth": 1.0}


def test_drills_feed_the_items_they_practise() -> None:
    tradeoff = from_attempt("tradeoff", 0.5, {}, DAY, DRILLS.progress_feeds)
    assert {o.target for o in tradeoff} == set(DRILLS.progress_feeds["tradeoff"]) and {o.value for o in tradeoff} == {
        0.5
    }
    recall = from_attempt(
        "framework", 0.4, {"matched": [{"item": "hld.apis"}], "missed": [{"item": "lead.invite_input"}]}, DAY, {}
    )
    assert {(o.target, o.value) for o in recall} == {("hld.apis", 1.0), ("lead.invite_input", 0.0)}


def test_trends_rise_the_weakest_come_with_a_drill_and_the_streak_counts_days() -> None:
    days = [DAY + timedelta(days=i) for i in range(5)]  # Dec 1..5
    rising = [
        Observation("tradeoff.pros_cons", v, d, "drill:tradeoff")
        for v, d in zip((0.2, 0.3, 0.5, 0.8, 0.9), days, strict=True)
    ]
    weak = [Observation("influence.elevator_pitch", 0.05, days[-1], "drill:pitch")]
    result = _run(rising + weak)
    trend = next(t for t in result.items if t.id == "tradeoff.pros_cons")  # type: ignore[attr-defined]
    assert trend.change is not None and trend.change > 0.3 and len(trend.sparkline) == 5
    weakest = dict((t.id, cmd) for t, cmd in result.weakest)  # type: ignore[attr-defined]
    assert "influence.elevator_pitch" in weakest and weakest["influence.elevator_pitch"].startswith(
        "sdcoach pitch feature-store"
    )
    assert "tradeoff.pros_cons" not in weakest
    assert result.streak_days == 5 and result.due == 2  # type: ignore[attr-defined]
    assert _run(rising, today=date(2026, 12, 9)).streak_days == 0  # type: ignore[attr-defined]
