"""The claim checker recomputes arithmetic stated in prose and flags what does not add up."""

from __future__ import annotations

import pytest

from sdcoach.engine.estimate.claims import claims_in, quantities_in


@pytest.mark.parametrize(
    "text",
    [
        "Training FLOPs = 6 x 70B params x 200B tokens = 8.4e22.",
        "200k calls/s x 51 keys = 10.2M/s of lookups",
        "Weights: 70B x 2 bytes (bf16) = 140 GB, so at least 2 H100s.",
        "KV per token = 2 x 32 x 8 x 128 x 2 = 131,072 bytes (128 KiB)",
        "8.4e22 / (1,024 x 395.6e12) = 207,359 s = 57.6 h (2.4 days).",
        "2,048 H100 / 2,000 GPU-days + 2,048 A100 / 3,000 GPU-days = 1.02 + 0.68 = 1.7 a day",
        "Resumable state = 70B x 14 bytes (2 bf16 weights + 4 fp32 master + 4 Adam m + 4 Adam v) = 980 GB",
        "If each read has a 1% chance of being slow, then 1 - 0.99^10 = 9.6% of calls are.",
        "The difference is 38 min x 1,024 GPUs = 651 GPU-hours.",
        "4M predictions/s x 2,000 B = 8 GB/s, or 691.2 TB/day",
        "Store reads are then 1M + 200k (viewers) + 60k + 120k = 1.38M/s",
        "a 20% cut needs goodput of 55% / 0.8 = 68.75%.",
    ],
)
def test_correct_arithmetic_holds(text: str) -> None:
    claims = claims_in(text)
    assert claims, f"no claim found in {text!r}"
    assert all(c.holds for c in claims), [(c.expression, c.stated) for c in claims if not c.holds]


@pytest.mark.parametrize(
    "text",
    [
        "200k QPS x 2 KB = 40 GB/s of reads.",
        "A 70B model in bf16 needs 70B x 2 bytes = 35 GB.",
        "KV per token = 2 x 80 x 8 x 128 x 2 = 655,360 bytes",
        "6 x 405B x 15.6T = 3.8e24 FLOPs",
        "1.2B users x 2 KB = 240 GB",
        "120 + 50 x 80 = 6,500 values",
    ],
)
def test_wrong_arithmetic_is_flagged(text: str) -> None:
    claims = claims_in(text)
    assert claims, f"no claim found in {text!r}"
    assert not any(c.holds for c in claims)


def test_about_loosens_the_tolerance_to_ten_percent() -> None:
    assert claims_in("3 x 3 = about 10 nodes")[0].holds
    assert not claims_in("3 x 3 = 10 nodes")[0].holds


def test_prose_without_arithmetic_states_no_claim() -> None:
    assert claims_in("The ranking service calls us at 200k QPS with a p99 budget of 10 ms.") == []
    assert claims_in("1,500 GPUs = about 188 hosts") == []  # a relabelling, not a calculation


def test_quantities_are_read_with_their_units() -> None:
    readings = quantities_in("140 GB of weights, 3.35 TB/s, 70B params, 40%, 2 h")
    assert [r[0] for r in readings] == pytest.approx([140e9, 3.35e12, 70e9, 0.4, 2])
    assert readings[-1][1] == 7200
