"""The 2026 registry entries through the estimator: figures recomputed by hand in each test."""

from __future__ import annotations

import pytest

from sdcoach.engine.estimate.working import Estimate
from sdcoach.services import estimates
from sdcoach.services.estimates import ComputeFlags, ServingFlags, ShapeFlags


def kv(model: str, seq_len: str = "1") -> dict[str, float]:
    return estimates.estimate_kv_cache(model=model, shape=ShapeFlags(), dtype="bf16", seq_len=seq_len, batch="1").values


@pytest.mark.parametrize(
    ("model", "by_hand"),
    [
        ("qwen3-235b-a22b", 2 * 94 * 4 * 128 * 2),  # K and V x 94 layers x 4 KV heads x head dim 128 x 2 B = 192,512
        ("gpt-oss-120b", 2 * 36 * 8 * 64 * 2),  # 73,728
        ("gpt-oss-20b", 2 * 24 * 8 * 64 * 2),  # 49,152
        ("qwen3-32b", 2 * 64 * 8 * 128 * 2),  # 262,144
        ("llama-4-maverick", 2 * 48 * 8 * 128 * 2),  # 196,608
        ("deepseek-r1", 61 * 576 * 2),  # MLA: 61 layers x (512 latent + 64 RoPE key) x 2 B = 70,272, as V3
    ],
)
def test_kv_bytes_per_token(model: str, by_hand: int) -> None:
    assert kv(model)["bytes_per_token"] == by_hand


def test_qwen3_235b_kv_cache_at_its_native_context() -> None:
    assert kv("Qwen3-235B-A22B", "32768")["bytes_per_sequence"] == 192_512 * 32_768  # 6.31 GB


def test_gpt_oss_120b_sliding_layers_cap_a_long_sequence() -> None:
    # 18 full layers keep all 131,072 tokens, 18 banded layers the last 128; 2,048 B per token per layer.
    assert kv("gpt-oss-120b", "131072")["bytes_per_sequence"] == 2048 * (18 * 131_072 + 18 * 128)


def test_llama_4_scout_at_ten_million_tokens() -> None:
    # 12 global layers keep all 10,485,760 tokens, 36 chunked layers at most 8,192; 4,096 B per token per layer.
    assert kv("llama-4-scout", "10485760")["bytes_per_sequence"] == 4096 * (12 * 10_485_760 + 36 * 8192)


def test_training_a_mixture_of_experts_counts_active_parameters() -> None:
    result = estimates.estimate_training(
        params=None,
        model="deepseek-v3",
        tokens="14.8T",
        flops_per_param_token=6,
        total_flops=None,
        compute=ComputeFlags(),
        gpus=None,
        usd_per_gpu_hour=None,
    )
    # 6 x 37B active x 14.8T tokens, not 6 x 671B.
    assert result.value("total_flops") == pytest.approx(6 * 37e9 * 14.8e12)
    assert "mixture of experts" in result.assumptions[0]


def serve(model: str, gpu: str, dtype: str = "bf16", qps: str = "10", per_replica: int | None = None) -> Estimate:
    return estimates.estimate_serving(
        ServingFlags(model=model, gpu=gpu, dtype=dtype, qps=qps, gpus_per_replica=per_replica)
    )


def test_llama_4_maverick_on_gb200_stays_inside_the_nvlink_domain() -> None:
    plan = serve("llama-4-maverick", "gb200", qps="20")
    assert plan.value("gpus_per_replica") <= 72
    assert not any("scale-up domain" in a for a in plan.assumptions)
    assert "dense BF16 2500 TFLOP/s" in plan.assumptions[-1]
    # 400B x 2 bytes stay in memory; a decode step never reads more than that.
    assert plan.value("weights_read_bytes") <= 800e9


def test_fp4_weights_use_the_fp4_peak_where_the_chip_has_one() -> None:
    assert "dense FP4 14000 TFLOP/s" in serve("gpt-oss-120b", "b300", "fp4").assumptions[-1]
    assert "dense FP8 1979 TFLOP/s" in serve("gpt-oss-120b", "h100", "fp4").assumptions[-1]


def test_deepseek_r1_on_h20_in_fp8_fits_one_hgx_board() -> None:
    # 671 GB of FP8 weights in 8 x 96 GB x 0.9 = 691 GB usable.
    plan = serve("deepseek-r1", "h20", "fp8", qps="1", per_replica=8)
    assert plan.value("gpus_per_replica") == 8
    assert plan.value("batch") >= 1
