"""A conclusion built on the candidate's own wrong figure is caught once that figure is corrected."""

from __future__ import annotations

import pytest

from sdcoach.engine.arithmetic import still_open
from sdcoach.engine.conclusions import slips_in
from sdcoach.engine.knock_on import knock_ons
from tests.unit.open_probes import one_open_probe

KV = "KV per token is 2 x 80 layers x 8 KV heads x 128 dims x 2 bytes, about 32 KB per token."
SEQUENCE = "A request is 2,500 prompt plus 350 output, about 2,850 tokens, so each sequence holds about 90 MB of KV."


def test_a_conclusion_consistent_with_a_wrong_figure_passes_the_plain_check_but_not_the_knock_on_one() -> None:
    assert [s.stated.said for s in slips_in(SEQUENCE, [KV])] == []  # 32 KB x 2,850 is 90 MB: consistent
    found = knock_ons(SEQUENCE, [KV], [], [("32 KB", 0.0977)])
    assert [k.stated for k in found] == ["90 MB"]
    assert "328 KB per token" in found[0].working and found[0].ratio == pytest.approx(0.0963, rel=0.01)


def test_a_right_conclusion_or_no_wrong_figure_is_left_alone() -> None:
    right = SEQUENCE.replace("90 MB", "930 MB")
    assert knock_ons(right, [KV], [], [("32 KB", 0.0977)]) == []
    assert knock_ons(SEQUENCE, [KV], [], []) == []


def test_the_wrong_figure_itself_is_not_reported_again() -> None:
    assert knock_ons(f"{KV} {SEQUENCE}", [], [], [("32 KB", 0.0977)])[0].stated == "90 MB"


def test_a_sum_concluded_is_an_input_for_the_next_step_only() -> None:
    assert [s.stated.said for s in slips_in(SEQUENCE.replace("90 MB", "9 MB"), ["It is about 320 KB per token."])] == [
        "9 MB"
    ]
    dense = "Rows are 105k + 110k + 10k = 225k rows/s, 39 TB/day raw, ~6.5 TB compressed; x 7 days x 2 = 91 TB."
    assert slips_in(dense) == []


SIZING = "1.2M RPCs per second at 250 candidates each is 300M candidate scores per second. At 50,000 candidates"
LOAD_TEST = ["Load tests on one H100: 50,000 candidates/s per GPU."]


def test_a_count_per_request_is_not_a_rate_and_a_two_word_noun_keeps_its_rate() -> None:
    assert slips_in(f"{SIZING} per second per H100 that is 6,000 GPUs.", [], LOAD_TEST) == []
    wrong = slips_in(f"{SIZING} per second per H100 that is 600 GPUs.", [], LOAD_TEST)
    assert [s.stated.said for s in wrong] == ["600 GPUs"] and wrong[0].working.value == pytest.approx(6_000)


CHAIN = (
    "There are 1.5 billion users. Each one has 200 candidates, so that is 30 billion pairs a night. One H100 does "
    "150,000 pairs a second, so that's 200,000 GPU-seconds, about 55 GPU-hours, which is around 14 GPUs for four hours."
)


def test_a_chain_built_on_a_wrong_count_is_followed_link_by_link() -> None:
    slips = slips_in(CHAIN)
    assert [s.stated.said for s in slips] == ["30 billion pairs"]
    found = knock_ons(CHAIN, [], [], [("30 billion pairs", slips[0].ratio)])
    assert [k.stated for k in found] == ["200,000 GPU-seconds", "55 GPU-hours"]  # 14 GPUs follows from 55 GPU-hours
    assert all(k.ratio == pytest.approx(0.1, rel=0.02) for k in found)


# Built on the wrong figure in any wording: a product with it, or a capacity over it, said close to what it gives.
EMBEDDING = "Each embedding is 768 dims in fp16, about 150 bytes."  # 1,536 bytes: 10x low
FLEET = "We keep 2 billion vectors, so about 300 GB of embeddings. A node has 60 GB of RAM. So 5 nodes hold it all."
WRONG = ("150 bytes", 0.0977)
LATER = "At my per-vector figure a shard of 50M vectors is only about 7.5 GB, so it fits on one node."


def test_a_product_or_a_ratio_with_the_wrong_figure_is_caught_link_by_link_in_any_wording() -> None:
    found = knock_ons(FLEET, [EMBEDDING], [], [("150 bytes", 0.0977)])
    assert [k.stated for k in found] == ["300 GB", "5 nodes"]
    assert found[0].ratio == pytest.approx(0.0977) and found[1].ratio == pytest.approx(0.0977)  # 300 GB / 60 GB
    fits = knock_ons("A node has 60 GB of RAM, so about 400 million embeddings fit.", [EMBEDDING], [], [WRONG])
    assert [(k.stated, k.ratio) for k in fits] == [("400 million embeddings", pytest.approx(1 / 0.0977))]
    later = knock_ons(LATER, [EMBEDDING, FLEET], [], [("150 bytes", 0.0977)])
    assert [(k.stated, k.working) for k in later] == [("7.5 GB", "50M vectors x 150 bytes")]


def test_a_conclusion_that_the_corrected_figure_gives_or_that_came_before_the_wrong_one_is_left_alone() -> None:
    right = FLEET.replace("300 GB", "3 TB").replace("5 nodes", "50 nodes")
    assert knock_ons(right, [EMBEDDING], [], [("150 bytes", 0.0977)]) == []
    # the capacity said before the wrong count is not "built on" it: 60 GB is never accused from 5 nodes
    assert [k.stated for k in knock_ons(FLEET, [], [], [("5 nodes", 10.0)])] == []


def test_a_wrong_count_stays_open_until_a_count_of_the_same_thing_replaces_it() -> None:
    question = "Can you show me the math behind {}?"
    state = one_open_probe("llm-inference-platform", "208 GB / 93 MB", "2,000 sequences", 10.24, question, at=960)
    assert still_open(state, "Routing adds about 200 ms, and there are 190 tenants.") == ("2,000 sequences",)
    assert still_open(state, "Redone: about 220 sequences fit, so memory is the limit.") == ()


def test_a_figure_near_the_wrong_one_over_a_count_is_not_built_on_it_when_its_measure_differs() -> None:
    # 32 KB over 80 layers is 3,200 (bytes), near 2,850 tokens by chance: a count of tokens is no amount of bytes
    stated = [k.stated for k in knock_ons(f"{KV} {SEQUENCE}", [], [], [("32 KB", 0.0977)])]
    assert "2,850 tokens" not in stated and stated == ["90 MB"]
