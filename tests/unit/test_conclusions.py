"""Stated conclusions are checked against their own inputs in any wording, without false alarms."""

from __future__ import annotations

import pytest

from sdcoach.engine.conclusions import slips_in
from sdcoach.engine.figures import figures_in

FACTS = ["The current model does 40,000 candidates/s per H100 at a 60 ms p99. There are 4,000 H100s."]


@pytest.mark.parametrize(
    ("turn", "earlier", "stated", "expected"),
    [
        ("300M candidates/s at 50k per GPU, so we need about 750 GPUs.", [], "750 GPUs", 6_000),
        ("So we need about 750 GPUs.", ["Peak is 300M candidates/s. One GPU does 50k candidates/s."], "750 GPUs", 6e3),
        ("1.2M requests per second times 100 KB, roughly 12 GB/s.", [], "12 GB/s", 120e9 * 8),
        ("20B pages a day is about 23k pages per second.", [], "23k pages", 231_481),
        ("That's 1.2B users at 2 KB each, so about 240 GB.", [], "240 GB", 2.4e12 * 8),
        ("At $2 per GPU-hour, 4,000 GPUs cost about $580k a month.", [], "$580k", 8_000 / 3_600),
        ("Stage two sees 111M candidates per second, so about 700 GPUs.", [], "700 GPUs", 2_775),
        # a count carried across sentences: the multiplier said with "each", the base in the sentence before
        (
            "There are 1.5 billion users. Each one has 200 candidates, so that is 30 billion pairs.",
            [],
            "30 billion pairs",
            3e11,
        ),
        (
            "That is 300B pairs. One H100 does 150,000 pairs a second, so 200,000 GPU-seconds.",
            [],
            "200,000 GPU-seconds",
            2e6,
        ),
        # bits spelled out: bytes times a rate restated in gigabits (a unit slip of 8x)
        ("4 million predictions a second at 2,000 bytes each is about 8 gigabits per second.", [], "8 gigabits", 64e9),
        # a daily total said without its noun, restated per second with it ("on average" is the plain conversion),
        # even after a sentence that gave a context length in tokens
        (
            "Contexts go up to 8,000 tokens. 110 billion a day is about 12.7 million tokens a second on average.",
            [],
            "12.7 million tokens",
            110e9 / 86_400,
        ),
        # a rate per GPU-day times a count of GPUs ("gpu-day" counts GPUs, as "gpu" does)
        (
            "One fault per 2,100 GPU-days. With 16,384 GPUs that's roughly 0.8 faults a day.",
            [],
            "0.8 faults",
            16_384 / 2_100 / 86_400,
        ),
        # the candidate's own per-GPU figure, not another one in the facts (40,000/s would clear it)
        (
            "Peak is 600M examples a second. At 5,000 examples a second per H100 that's 14,000 GPUs.",
            [],
            "14,000 GPUs",
            1.2e5,
        ),
    ],
)
def test_a_wrong_conclusion_is_caught_in_any_wording(
    turn: str, earlier: list[str], stated: str, expected: float
) -> None:
    slips = slips_in(turn, earlier, FACTS)
    assert [s.stated.said for s in slips] == [stated]
    assert slips[0].working.value == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize(
    "turn",
    [
        "300M candidates/s at 50k per GPU, so we need about 6,000 GPUs.",
        "300M candidates/s at 50k per GPU, so we need about 4,500 GPUs.",  # within 1.5x: an estimate
        "120k requests per second times 100 KB, roughly 12 GB/s.",
        "20B pages a day is about 230k pages per second on average, so 460k at peak.",
        "Continuation pages are 40% of 460k pages per second, so fresh ranking is about 280k requests per second.",
        "The ranking service has 250 ms p99, so I'd give retrieval about 60 ms and stage two 100 ms.",
        "We have 4,000 GPUs, so with 30% headroom we can use about 2,800 GPUs.",
        "Peak is 350k + 27k rows/s x 2 KB, so about 750 MB/s.",  # a sum: not checked
        "Each of those sends 400 candidates, so 400 candidates go to stage two.",  # a count
        "There are 1.5 billion users. Each one has 200 candidates, so that is 300 billion pairs.",
        "40 teams each run about 30 models, so roughly 1,000 models.",  # within 1.5x
        "There are 40 teams, so about 1,200 jobs a day.",  # no "each": what multiplies is not said
        "There are 1.5B users and 50M items. Each user has 200 candidates, so 30 billion pairs.",  # two bases disagree
        "4 million predictions a second at 2,000 bytes each is about 64 Gb/s, 8 GB/s.",
        "110 billion a day is about 1.3 million tokens a second on average.",
        "110 billion a day is about 3 million tokens a second at peak.",  # the peak factor is not said
        "One fault per 2,100 GPU-days. With 16,384 GPUs that's roughly 7.8 faults a day.",
    ],
)
def test_right_or_approximate_or_uncheckable_conclusions_are_left_alone(turn: str) -> None:
    assert slips_in(turn, [], FACTS) == []


def test_a_capacity_from_the_facts_is_used_only_for_a_count_of_gpus() -> None:
    slips = slips_in("Stage two scores 111M candidates per second, so we need about 700 GPUs.", [], FACTS)
    assert slips and "40,000 candidates/s per H100" in slips[0].expression
    assert slips_in("Stage two scores 111M candidates per second, so we need about 2,800 GPUs.", [], FACTS) == []


def test_gpu_hours_are_gpus_times_time() -> None:
    seconds, hours, per_day = figures_in("200,000 GPU-seconds, about 55 GPU-hours, and 1,280 GPU-hours a day")
    assert seconds.dims == hours.dims == (("gpu", 1), ("time", 1)) and hours.value == 55 * 3_600
    assert per_day.dims == (("gpu", 1),) and per_day.value == pytest.approx(1_280 / 24)


def test_a_budget_over_a_price_is_no_working_for_a_count_of_gpus() -> None:
    """$300k a month over $2.50 per GPU-hour is what can be afforded, not what the load needs: no accusation."""
    earlier = ["Cost, against the $300k a month."]
    facts = ["Internal price $2.50 per GPU-hour."]
    assert slips_in("Gate compute: 780 retrains at half a GPU-hour is 390 GPU-hours a day.", earlier, facts) == []


def test_a_gpu_count_after_a_count_of_hosts_is_hosts_times_gpus() -> None:
    """ "from 160 planned hosts to about 83, around 610 GPUs freed": not a rate over a per-GPU capacity."""
    facts = ["The large model serves 18 requests/s per GPU."]
    turn = "72 requests a second off large: large drops from 160 planned hosts to about 83, around 610 GPUs freed."
    assert slips_in(turn, [], facts) == []
    assert slips_in("That's 72 requests a second off large, so we need about 40 GPUs.", [], facts) != []


def test_one_lower_case_word_before_a_counted_thing_describes_it() -> None:
    planned, servers = figures_in("160 planned hosts and 12 CPU servers")
    assert planned.dims == (("host", 1),) and planned.noun == "host"
    assert servers.is_count  # a capitalised kind the arithmetic does not track stays a plain count


def test_bits_and_bytes_spelled_or_abbreviated() -> None:
    spelled, short, bytes_rate, megabytes = figures_in("8 gigabits per second, 8 Gb/s, 1 GB/s and 3 megabytes")
    assert spelled.value == short.value == bytes_rate.value == 8e9  # in bits
    assert spelled.dims == (("information", 1), ("time", -1))
    assert megabytes.value == 24e6 and megabytes.dims == (("information", 1),)


def test_figures_carry_units_rates_and_what_they_count() -> None:
    rate, per_gpu, total = figures_in("111M candidates per second, 40,000 candidates/s per H100, 4,000 GPUs")
    assert rate.value == 111e6 and rate.dims == (("time", -1),) and rate.noun == "candidate"
    assert per_gpu.dims == (("gpu", -1), ("time", -1))
    assert total.dims == (("gpu", 1),) and total.said == "4,000 GPUs"
    assert [f.text for f in figures_in("p99 of 20 ms on an H100 at 14:03")] == ["20 ms"]
