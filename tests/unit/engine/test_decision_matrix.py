"""The decision matrix: weighted totals, constraints, and flips that really flip the decision."""

from __future__ import annotations

import pytest

from sdcoach.content.loader import load_tradeoff_library
from sdcoach.content.tradeoff_schema import LibraryTradeoff, TradeoffDimension
from sdcoach.engine.decision_matrix import MAX_WEIGHT, analyse, parse_constraint, parse_weights, total, winner_of
from sdcoach.errors import UsageError

LIBRARY = load_tradeoff_library()


def _by_id(tradeoff_id: str) -> LibraryTradeoff:
    return next(t for t in LIBRARY if t.id == tradeoff_id)


def test_the_library_holds_at_least_twenty_decisions_each_recommending_what_its_matrix_picks() -> None:
    assert len(LIBRARY) >= 20
    for tradeoff in LIBRARY:
        assert winner_of(tradeoff, tradeoff.weights) == tradeoff.recommendation, tradeoff.id


def test_total_is_the_weighted_mean_of_scores() -> None:
    tradeoff = _by_id("batch-vs-streaming-features")
    option = tradeoff.options[0]
    weights = dict.fromkeys(TradeoffDimension, 0.0) | {TradeoffDimension.COST: 1.0}
    assert total(option, weights) == option.scores[TradeoffDimension.COST].score


@pytest.mark.parametrize("tradeoff", LIBRARY, ids=lambda t: t.id)
def test_every_stated_flip_really_flips_the_decision(tradeoff: LibraryTradeoff) -> None:
    result = analyse(tradeoff)
    assert result.winner is not None
    for flip in result.flips:
        if flip.kind == "weight":
            changed = dict(result.weights) | {TradeoffDimension(flip.dimension): flip.new_value}
            assert winner_of(tradeoff, changed) == flip.winner != result.winner.id, flip.change
        else:
            constraint = parse_constraint(flip.change.removeprefix("require "))
            assert winner_of(tradeoff, result.weights, (constraint,)) == flip.winner != result.winner.id, flip.change


def test_a_constraint_rules_out_options_that_break_it() -> None:
    tradeoff = _by_id("batch-vs-streaming-features")
    result = analyse(tradeoff, constraints=(parse_constraint("freshness<1min"),))
    assert [r.option.id for r in result.rows if not r.is_feasible] == ["batch"]
    impossible = analyse(tradeoff, constraints=(parse_constraint("freshness<1s"),))
    assert impossible.winner is None and impossible.flips == ()


def test_weights_and_constraints_are_read_with_clear_errors() -> None:
    tradeoff = _by_id("batch-vs-streaming-features")
    weights = parse_weights(["business=1", "cross-team=2"], tradeoff.weights)
    assert weights[TradeoffDimension.BUSINESS] == 1 and weights[TradeoffDimension.CROSS_TEAM] == 2
    assert parse_constraint("p99_latency<=10ms").value == pytest.approx(0.01)
    assert parse_constraint("monthly_cost<$90,000").value == 90_000
    for bad in ("speed=3", "cost=-1", "cost=high"):
        with pytest.raises(UsageError):
            parse_weights([bad], tradeoff.weights)
    for bad in ("colour<red", "freshness<1", "freshness about 1min"):
        with pytest.raises(UsageError):
            parse_constraint(bad)


def test_every_library_tradeoff_lints_clean_and_wrong_arithmetic_is_caught() -> None:
    from sdcoach.services.content_check import lint_tradeoff

    for tradeoff in LIBRARY:
        assert lint_tradeoff(tradeoff) == [], tradeoff.id
    tradeoff = _by_id("batch-vs-streaming-features")
    broken = tradeoff.model_copy(update={"rationale": "Streaming costs 400 x 12 = 5,000 thousand dollars a year."})
    assert any("does not hold" in f.message for f in lint_tradeoff(broken))
    flipped = tradeoff.model_copy(update={"recommendation": "streaming"})
    assert any(f.field == "recommendation" for f in lint_tradeoff(flipped))


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "-1", "1e308", "1001"])
def test_a_weight_that_is_not_a_finite_number_from_0_to_1000_is_refused(value: str) -> None:
    tradeoff = _by_id("batch-vs-streaming-features")
    with pytest.raises(UsageError) as caught:
        parse_weights([f"cost={value}"], tradeoff.weights)
    assert str(caught.value) == f"--weight cost must be a number from 0 to 1000; got {value!r}."


def test_weights_that_are_all_zero_are_refused() -> None:
    tradeoff = _by_id("batch-vs-streaming-features")
    zeros = [f"{d.value}=0" for d in TradeoffDimension]
    with pytest.raises(UsageError, match="every weight is zero"):
        parse_weights(zeros, tradeoff.weights)


def test_a_constraint_on_a_property_the_decision_lacks_names_the_ones_it_has() -> None:
    tradeoff = _by_id("batch-vs-streaming-features")
    assert all("gpus" not in o.properties for o in tradeoff.options)
    with pytest.raises(UsageError) as caught:
        analyse(tradeoff, constraints=(parse_constraint("gpus<512"),))
    message = str(caught.value)
    assert "'gpus<512'" in message and "says nothing about gpus" in message
    stated = sorted({name for o in tradeoff.options for name in o.properties})
    assert f"it has {', '.join(stated)}." in message


@pytest.mark.parametrize("tradeoff", LIBRARY, ids=lambda t: t.id)
def test_no_flip_asks_for_a_weight_the_matrix_would_refuse(tradeoff: LibraryTradeoff) -> None:
    for flip in analyse(tradeoff).flips:
        if flip.kind == "weight":
            assert 0 <= flip.new_value <= MAX_WEIGHT, flip.change
