"""Mixture-of-experts arithmetic: one routed expert's size from published totals, and the experts a step reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdcoach.engine.estimate import moe, serving
from sdcoach.errors import UsageError


@pytest.mark.parametrize(
    ("total", "active", "experts", "per_token", "from_config"),
    [
        # DeepSeek-V3 config.json: 58 MoE layers, SwiGLU experts of 3 x hidden 7168 x moe_intermediate 2048.
        (671e9, 37e9, 256, 8, 58 * 3 * 7168 * 2048),
        # Qwen3-235B-A22B config.json: 94 MoE layers, 3 x hidden 4096 x moe_intermediate 1536.
        (235e9, 22e9, 128, 8, 94 * 3 * 4096 * 1536),
        # Llama 4 Maverick: 24 MoE layers (every other of 48), 3 x hidden 5120 x intermediate 8192.
        (400e9, 17e9, 128, 1, 24 * 3 * 5120 * 8192),
        # gpt-oss-120b model card Table 1: 114.71B of MLP (experts and routers) over 128 experts.
        (116.83e9, 5.13e9, 128, 4, 114.71e9 / 128),
    ],
)
def test_one_expert_from_published_totals_matches_the_config(
    total: float, active: float, experts: int, per_token: int, from_config: float
) -> None:
    size = moe.expert_params(total=total, active=active, experts=experts, per_token=per_token)
    assert size == pytest.approx((total - active) / (experts - per_token))
    # The published totals are rounded (671B, 22B, 17B), so the derivation agrees with the config to ~1%.
    assert size == pytest.approx(from_config, rel=0.012)


def test_touched_experts_by_hand() -> None:
    experts = moe.RoutedExperts(experts=256, per_token=8, bytes_per_expert=1.0)
    assert experts.touched(1) == pytest.approx(8)
    # 57 tokens each pick 8 of 256: an expert is missed with probability (1 - 8/256)^57 = (31/32)^57.
    assert experts.touched(57) == pytest.approx(256 * (1 - (31 / 32) ** 57))
    assert experts.touched(57) == pytest.approx(214.1, abs=0.1)
    assert experts.touched(10_000) == pytest.approx(256)


@given(tokens=st.integers(1, 5000), more=st.integers(1, 5000))
def test_more_tokens_never_touch_fewer_experts(tokens: int, more: int) -> None:
    experts = moe.RoutedExperts(experts=128, per_token=4, bytes_per_expert=1.0)
    assert 4 - 1e-9 <= experts.touched(tokens) <= experts.touched(tokens + more) <= 128


def test_a_decode_step_of_one_reads_the_active_weights_and_a_big_batch_all_of_them() -> None:
    experts = moe.routed_experts(total=671e9, active=37e9, experts=256, per_token=8, bytes_per_param=1.0)
    model = serving.ServedModel("DeepSeek-V3", 37e9, 671e9, 35_136, experts=experts)
    assert model.weights_read(1) == pytest.approx(37e9)
    assert model.weights_read(100_000) == pytest.approx(671e9)
    assert 37e9 < model.weights_read(64) < 671e9


@pytest.mark.parametrize(("active", "experts", "per_token"), [(37e9, 8, 8), (37e9, 8, 0), (671e9, 256, 8)])
def test_impossible_mixtures_are_refused(active: float, experts: int, per_token: int) -> None:
    with pytest.raises(UsageError):
        moe.expert_params(total=671e9, active=active, experts=experts, per_token=per_token)
