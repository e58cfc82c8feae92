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
    ],
)
def test_right_or_approximate_or_uncheckable_conclusions_are_left_alone(turn: str) -> None:
    assert slips_in(turn, [], FACTS) == []


def test_a_capacity_from_the_facts_is_used_only_for_a_count_of_gpus() -> None:
    slips = slips_in("Stage two scores 111M candidates per second, so we need about 700 GPUs.", [], FACTS)
    assert slips and "40,000 candidates/s per H100" in slips[0].expression
    assert slips_in("Stage two scores 111M candidates per second, so we need about 2,800 GPUs.", [], FACTS) == []


def test_figures_carry_units_rates_and_what_they_count() -> None:
    rate, per_gpu, total = figures_in("111M candidates per second, 40,000 candidates/s per H100, 4,000 GPUs")
    assert rate.value == 111e6 and rate.dims == (("time", -1),) and rate.noun == "candidate"
    assert per_gpu.dims == (("gpu", -1), ("time", -1))
    assert total.dims == (("gpu", 1),) and total.said == "4,000 GPUs"
    assert [f.text for f in figures_in("p99 of 20 ms on an H100 at 14:03")] == ["20 ms"]
