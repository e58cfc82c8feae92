"""More ways people state a conclusion, each checked against what was said before it, and the same shapes with
the right figure left alone: percentage chains, shares, sizes in a number format, a capacity said earlier in the
turn, a count carried over as another thing's, a figure quoted back off by a power of ten, a total at a price."""

from __future__ import annotations

import pytest

from sdcoach.engine.arithmetic import still_open
from sdcoach.engine.conclusions import slips_in
from sdcoach.engine.figures import figures_in
from sdcoach.engine.knock_on import knock_ons
from tests.unit.open_probes import one_open_probe

WEEK = 7 * 86_400
REFUNDS = "We take 40M orders a week, 3% get refunded, that's 1.2M refunds, and 20% of those are fraud, so about {}."
COHORT = "Each cohort gets 3 million users. Out of 60 million users that's {} of our users."
SIZE = "The table is 2B items times 512 dims, in bf16 that comes to about {}."
CAPACITY = "One GPU does 300 queries a second, and a node has 8 GPUs, so 2,400 a node. 90,000 divided by 2,400 is 38."
CAPACITY_EARLIER = ["Peak traffic is 90,000 queries a second, and the load test shows 100 queries/s per GPU cold."]
CATALOGUE = ["The catalogue holds 40M products, with 250M images in all."]
CALLS = ["Each task is 12 steps, so 30,000 tasks times 12 is 360,000 model calls a day."]


@pytest.mark.parametrize(
    ("turn", "earlier", "facts", "stated", "expected"),
    [
        # a percentage chain: the base times every percentage of it, in order
        (REFUNDS.format("2,400 fraudulent refunds a week"), [], [], "2,400 fraudulent refunds a week", 240_000 / WEEK),
        # the closest reading of a chain is the working shown: a hit rate also says what misses
        ("We serve 400k QPS at an 80% cache hit rate, so 8k QPS reach the model.", [], [], "8k QPS", 80_000),
        # a share: the part said before it over the whole after "out of", in figures or in words
        (COHORT.format("about 50%"), [], [], "50%", 0.05),
        (COHORT.format("under half a percent"), [], [], "half a percent", 0.05),
        # a size from counts in a named number format (bf16 is 2 bytes), one count or several
        (SIZE.format("1 TB"), [], [], "1 TB", 2e9 * 512 * 2 * 8),
        ("The model is 30B parameters in fp16, so about 30 GB of weights.", [], [], "30 GB", 60e9 * 8),
        # a share of the thing a figure said before it counts
        ("We have 900M users and 45M are in holdouts, that's about 50% of all users.", [], [], "50%", 0.05),
        # the turn's own per-GPU figure, though the earlier turn said another; 38 is the count of nodes
        (f"{CAPACITY} So we need about 38 GPUs.", CAPACITY_EARLIER, [], "38 GPUs", 300),
        # a count repeated as another thing's when a source gives both counts
        ("We have 40M products, so that's 40M images to thumbnail.", [], CATALOGUE, "40M images", 250e6),
        # a figure pointed back at with its digits moved by a power of ten
        ("The GPU pool has to serve those 36,000 model calls a day.", CALLS, [], "36,000 model calls a day", 360_000),
    ],
)
def test_a_wrong_conclusion_is_caught_in_more_wordings(
    turn: str, earlier: list[str], facts: list[str], stated: str, expected: float
) -> None:
    slips = slips_in(turn, earlier, facts)
    assert [s.stated.said for s in slips] == [stated]
    assert slips[0].working.value == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize(
    ("turn", "earlier", "facts"),
    [
        (REFUNDS.format("240,000 fraudulent refunds a week"), [], []),
        (REFUNDS.format("960,000 honest refunds a week"), [], []),  # the complement: 80% of those are not fraud
        ("We serve 400k QPS at an 80% cache hit rate, so 80k QPS reach the model.", [], []),
        ("The p99 is 300 ms and 30% of requests hit the cache, so hits take about 10 ms.", [], []),  # not of 300 ms
        (COHORT.format("about 5%"), [], []),
        (COHORT.format("under 10%"), [], []),  # a bound the right share keeps
        (SIZE.format("2 TB"), [], []),
        ("The table is 2B items times 512 dims, fp32 or int8, about 1 TB.", [], []),  # two formats: which one?
        ("The model is 30B parameters in fp16, so about 60 GB of weights.", [], []),
        # more than the format holds may hold more (optimizer states); a size each is not the total
        ("The model is 30B parameters in fp16, so about 480 GB with optimizer states.", [], []),
        ("The table is 2B items times 512 dims in bf16, so about 256 GB each.", [], []),
        ("We have 900M users and 45M are in holdouts, that's about 5% of all users.", [], []),
        (f"{CAPACITY} So we need about 38 nodes.", CAPACITY_EARLIER, []),
        (f"{CAPACITY} So we need about 300 GPUs.", CAPACITY_EARLIER, []),
        ("We have 40M products, so that's 250M images to thumbnail.", [], CATALOGUE),
        ("We have 40M products, so that's 40M product pages.", [], CATALOGUE),  # no source counts pages
        ("The GPU pool has to serve those 360,000 model calls a day.", CALLS, []),
        ("The GPU pool has to serve 36,000 model calls a day.", CALLS, []),  # not pointed back at
        ("We get 50M new photos a day, that's about 580 a second on average.", [], []),
        ("Tier 0 is 40 ms p99 and 99.95% a month, that's 21.6 minutes.", [], []),  # an availability, not a share
        ("Keeping 30 days at 6 TB a day is about 180 TB, and at $25 a TB-month about $4.5k a month.", [], []),
    ],
)
def test_the_same_shapes_with_the_right_figure_are_left_alone(turn: str, earlier: list[str], facts: list[str]) -> None:
    assert slips_in(turn, earlier, facts) == []


def test_a_total_at_a_price_per_unit_of_storage_and_time_is_checked() -> None:
    price, total = figures_in("$25 a TB-month about $45k a month")
    assert price.dims == (("$", 1), ("information", -1), ("time", -1))
    slips = slips_in("Keeping 30 days at 6 TB a day is about 180 TB, and at $25 a TB-month about $45k a month.")
    assert [s.stated.said for s in slips] == ["$45k"] and total.said == "$45k"


def test_a_total_built_on_a_wrong_daily_figure_is_a_knock_on_at_each_link() -> None:
    turn = "Keeping 30 days of that is about 1.8 PB, and at $25 a TB-month about $45k a month."
    found = knock_ons(turn, ["So about 60 TB a day."], [], [("60 TB a day", 10.0)])
    assert {k.stated for k in found} == {"1.8 PB", "$45k"}


def test_a_per_gpu_figure_over_a_wrong_count_of_gpus_is_no_knock_on() -> None:
    """150k items a second per GPU over 250 GPUs is per GPU squared, whatever it lands on."""
    turn = "The encoder does 150k items a second per GPU and we get 50M new photos a day, that's about 600 a second."
    assert knock_ons(turn, [], [], [("250 GPUs", 0.1)]) == []


def test_nouns_of_several_words_before_a_rate_and_rates_said_as_one_word() -> None:
    posts, calls, queries = figures_in("60M new posts a day and 480,000 support model calls a day at 300k QPS")
    assert posts.dims == calls.dims == queries.dims == (("time", -1),) and posts.value == pytest.approx(60e6 / 86_400)
    assert calls.said == "480,000 support model calls a day" and queries.said == "300k QPS" and queries.value == 300_000


def test_spans_of_time_said_in_words() -> None:
    daily, once = figures_in("Retries cost half an hour a day, and a rebuild takes half a day.")
    assert daily.dims == () and daily.value == pytest.approx(1_800 / 86_400)
    assert once.dims == (("time", 1),) and once.value == 43_200


RESTARTS = "With 8,192 GPUs that's about 1.5 restarts a day."
COST = "So 1.5 a day at 20 minutes of recovery and 10 of replay is about 45 minutes a day, around 3% of the day."


def test_a_sum_times_a_wrong_rate_and_the_same_figure_said_as_a_share_are_knock_ons() -> None:
    found = knock_ons(COST, [RESTARTS], [], [("1.5 restarts", 0.1)])
    assert {k.stated for k in found} == {"45 minutes", "3%"}
    assert all(k.ratio == pytest.approx(0.1) for k in found)


def test_without_a_wrong_figure_the_same_sum_and_share_are_left_alone() -> None:
    assert knock_ons(COST, [RESTARTS], [], []) == []
    assert slips_in(COST, [RESTARTS]) == []


def test_a_share_said_in_words_stays_open_until_a_share_of_something_replaces_it() -> None:
    state = one_open_probe("experimentation-platform", "3 million users / 60 million users", "half a percent", 0.1)
    assert still_open(state, "We ramp at 1%, 5% and 20%, with guardrails.") == ("half a percent",)
    assert still_open(state, "Redone: it is about 5% of our users per cohort.") == ()
