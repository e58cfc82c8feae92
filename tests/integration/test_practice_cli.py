"""The practice commands end to end: tradeoff analysis, tradeoff drill, pitch coach and the review queue."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sdcoach.config import Settings
from sdcoach.store.attempts import AttemptRepository
from sdcoach.store.cards import CardRepository
from sdcoach.store.database import open_database
from tests.integration.cli_runner import run_sdcoach

TRADEOFF = "batch-vs-streaming-features"
CALL = """I'd go with the hybrid rather than streaming everything: batch by default, Flink for the fresh 15%.
Batch only costs $60k a month but loses the fraud counters, which is the business case.
I'd flip to batch only if no team needed freshness under an hour."""
PITCH = """We will cut feature spend by $400k a month and stop the skew that cost search 1.2% of conversions.
We will build one platform instead of 25 pipelines. The risk is slow adoption, so we track it weekly.
I need 14 engineers for two quarters."""


def _piped(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sdcoach", *args], input=text, capture_output=True, text=True, check=False
    )


def test_tradeoff_with_no_id_lists_the_library() -> None:
    listing = json.loads(run_sdcoach("tradeoff", "--format", "json").out)["tradeoffs"]
    assert len(listing) >= 20 and any(t["id"] == TRADEOFF for t in listing)


def test_a_constraint_changes_the_winner_and_the_flip_line_is_true() -> None:
    plain = json.loads(run_sdcoach("tradeoff", TRADEOFF, "--format", "json").out)
    assert plain["winner"] == plain["recommendation"] and plain["flips"]
    flip = next(f for f in plain["flips"] if f["kind"] == "constraint")
    constraint = flip["change"].removeprefix("require ")
    flipped = json.loads(run_sdcoach("tradeoff", TRADEOFF, "--constraint", constraint, "--format", "json").out)
    assert flipped["winner"] == flip["winner"] != plain["winner"]
    weight = next(f for f in plain["flips"] if f["kind"] == "weight")
    name, _, value = weight["change"].split(" the ")[1].partition(" weight from ")
    new_value = value.split(" to ")[1]
    reweighted = run_sdcoach("tradeoff", TRADEOFF, "--weight", f"{name}={new_value}", "--format", "json")
    assert json.loads(reweighted.out)["winner"] == weight["winner"]


def test_bad_weights_constraints_and_ids_are_clear_errors() -> None:
    for args, words in (
        (("tradeoff", TRADEOFF, "--weight", "speed=2"), "NAME=NUMBER"),
        (("tradeoff", TRADEOFF, "--constraint", "freshness<fast"), "freshness"),
        (("tradeoff", "batch-vs-stream"), "Did you mean"),
    ):
        result = run_sdcoach(*args)
        assert result.code == 2 and words in result.err and "Traceback" not in result.err


def test_the_tradeoff_drill_grades_piped_input_and_stores_it_first() -> None:
    done = _piped("drill", "tradeoff", TRADEOFF, "--format", "json", text=CALL)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert 0.6 <= payload["score"] <= 1 and payload["your_call"] == "hybrid"
    assert {m["part"] for m in payload["matched"]} >= {"options", "recommendation", "flip", "numbers"}
    attempts = AttemptRepository(open_database(Settings().database))
    stored = attempts.list("tradeoff")
    attempts.close()
    assert stored[0].answer == CALL and stored[0].score == payload["score"]


def test_the_pitch_coach_critiques_for_the_audience() -> None:
    done = _piped("pitch", "feature-store", "--audience", "director", "-", "--format", "json", text=PITCH)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["score"] >= 0.6 and payload["words"] > 30
    assert {m["part"] for m in payload["matched"]} >= {"outcome_first", "decision", "number", "risk", "ask"}
    assert [s["slot"] for s in payload["skeleton"]][:2] == ["outcome", "decision"]
    wrong = _piped("pitch", "feature-store", "--audience", "cfo", "-", text=PITCH)
    assert wrong.returncode == 2 and "director, pm, partner-team" in wrong.stderr


@pytest.mark.parametrize("kind", ["tradeoff", "pitch"])
def test_empty_answers_are_clear_errors(kind: str) -> None:
    args = ("drill", "tradeoff", TRADEOFF) if kind == "tradeoff" else ("pitch", "feature-store", "-")
    done = _piped(*args, text="")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_review_session_grades_due_and_new_cards_and_reschedules_them() -> None:
    queue = json.loads(run_sdcoach("review", "--list", "--format", "json").out)
    assert queue["due"] == 0 and len(queue["queue"]) == 10
    first = queue["queue"][0]["card"]
    done = _piped("review", "--limit", "1", "--format", "json", text="What is the peak QPS?\nWho owns it?\n")
    assert done.returncode == 0, done.stderr
    graded = json.loads(done.stdout.strip().splitlines()[-1])
    assert graded["rating"] in {"again", "hard", "good", "easy"} and graded["next_due"]
    cards = CardRepository(open_database(Settings().database))
    card = cards.get(first)
    reviews = cards.reviews()
    cards.close()
    assert card is not None and card.reps == 1 and reviews[0].card_id == first
    after = json.loads(run_sdcoach("review", "--list", "--format", "json").out)
    assert first not in [c["card"] for c in after["queue"]] and after["new_left_today"] == 9
