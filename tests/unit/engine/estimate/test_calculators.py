"""Calculator invariants: linearity, monotonicity and the arithmetic each one states."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdcoach.engine.estimate import memory, moe, network, serving, training, volume
from sdcoach.engine.estimate.memory import AnnIndex, Dtype
from sdcoach.errors import UsageError

counts = st.floats(min_value=1e6, max_value=1e13)
LLAMA2_70B = serving.ServedModel("Llama 2 70B", 70e9, 140e9, 327_680)
H100 = serving.ServingGpu("H100 SXM", 80e9, 3.35e12, 989.4e12)


@given(params=counts, tokens=counts, factor=st.floats(min_value=1.5, max_value=10))
def test_training_flops_are_linear_in_tokens(params: float, tokens: float, factor: float) -> None:
    one = training.training(params=params, tokens=tokens).value("total_flops")
    more = training.training(params=params, tokens=tokens * factor).value("total_flops")
    assert more == pytest.approx(one * factor)
    assert one == pytest.approx(6 * params * tokens)


@given(mfu=st.floats(min_value=0.05, max_value=1.0))
def test_gpu_hours_scale_inversely_with_mfu(mfu: float) -> None:
    compute = training.Compute(peak_flops=1e15, mfu=mfu)
    hours = training.training(params=1e9, tokens=1e12, compute=compute).value("gpu_hours")
    assert hours == pytest.approx(6e21 / (1e15 * mfu * 3600))


def test_training_reports_only_what_the_flags_determine() -> None:
    assert set(training.training(params=7e9, tokens=2e12).values) == {"total_flops"}
    full = training.training(
        params=7e9,
        tokens=2e12,
        compute=training.Compute(peak_flops=312e12, mfu=0.5),
        gpus=512,
        usd_per_gpu_hour=2.0,
    )
    assert set(full.values) == {"total_flops", "gpu_hours", "days", "cost_usd"}
    assert full.value("days") == pytest.approx(full.value("gpu_hours") / 512 / 24)
    assert full.value("cost_usd") == pytest.approx(full.value("gpu_hours") * 2.0)


def test_recomputation_uses_eight_flops_per_parameter_token() -> None:
    result = training.training(params=1e9, tokens=1e9, flops_per_param_token=8)
    assert result.value("total_flops") == pytest.approx(8e18)
    assert any("recomputation" in a for a in result.assumptions)


@pytest.mark.parametrize("mfu", [0.0, 1.3, -0.1])
def test_mfu_outside_zero_to_one_is_refused(mfu: float) -> None:
    with pytest.raises(UsageError, match="--mfu"):
        training.training(params=1e9, tokens=1e9, compute=training.Compute(peak_flops=1e15, mfu=mfu))


def test_achieved_above_peak_is_refused() -> None:
    with pytest.raises(UsageError, match="cannot exceed 1"):
        training.mfu(achieved_flops=1200e12, peak_flops=989e12)


@given(params=counts, gpus=st.integers(min_value=1, max_value=4096))
def test_each_zero_stage_needs_no_more_memory_than_the_last(params: float, gpus: int) -> None:
    per_gpu = [
        training.training_memory(params=params, gpus=gpus, zero_stage=stage).value("bytes_per_gpu")
        for stage in range(4)
    ]
    assert per_gpu == sorted(per_gpu, reverse=True)
    assert per_gpu[0] == pytest.approx(16 * params)
    assert per_gpu[3] == pytest.approx(16 * params / gpus)


def test_zero_stage_four_does_not_exist() -> None:
    with pytest.raises(UsageError, match="0, 1, 2 or 3"):
        training.training_memory(params=1e9, gpus=8, zero_stage=4)


@given(
    layers=st.integers(1, 128),
    kv_heads=st.integers(1, 64),
    seq=st.integers(1, 200_000),
    batch=st.integers(1, 512),
)
def test_kv_cache_is_linear_in_sequence_and_batch(layers: int, kv_heads: int, seq: int, batch: int) -> None:
    result = memory.kv_cache(layers=layers, kv_heads=kv_heads, head_dim=128, dtype=Dtype.BF16, seq_len=seq, batch=batch)
    per_token = 2 * layers * kv_heads * 128 * 2
    assert result.value("bytes_per_token") == per_token
    assert result.value("total_bytes") == pytest.approx(per_token * seq * batch)


def test_grouped_query_attention_caches_only_the_kv_heads() -> None:
    mha = memory.kv_cache(layers=80, kv_heads=64, head_dim=128, dtype=Dtype.BF16, seq_len=1, batch=1)
    gqa = memory.kv_cache(layers=80, kv_heads=8, head_dim=128, dtype=Dtype.BF16, seq_len=1, batch=1)
    assert mha.value("bytes_per_token") == 8 * gqa.value("bytes_per_token")


def test_latent_attention_caches_one_vector_per_layer() -> None:
    mla = memory.kv_cache(layers=61, kv_heads=128, head_dim=128, dtype=Dtype.BF16, seq_len=1, batch=1, latent_dim=576)
    assert mla.value("bytes_per_token") == 61 * 576 * 2


@pytest.mark.parametrize(("dtype", "per_param"), [(Dtype.FP32, 4), (Dtype.BF16, 2), (Dtype.FP8, 1), (Dtype.INT4, 0.5)])
def test_weights_follow_the_dtype(dtype: Dtype, per_param: float) -> None:
    assert memory.weights(8e9, dtype).value("bytes") == 8e9 * per_param


def test_checkpoint_holds_weights_plus_adam_state_and_times_the_write() -> None:
    result = training.checkpoint(params=70e9, with_optimizer=True, write_bandwidth=40e9)
    assert result.value("weights_bytes") == 140e9
    assert result.value("full_bytes") == 70e9 * 14
    assert result.value("write_seconds") == pytest.approx(980e9 / 40e9)
    weights_only = training.checkpoint(params=70e9, with_optimizer=False)
    assert weights_only.value("full_bytes") == 140e9


def test_hnsw_adds_its_links_and_ivfpq_compresses() -> None:
    flat = memory.embeddings(items=1e9, dimensions=768, dtype=Dtype.FP32, index=AnnIndex.FLAT)
    hnsw = memory.embeddings(items=1e9, dimensions=768, dtype=Dtype.FP32, index=AnnIndex.HNSW, hnsw_m=32)
    pq = memory.embeddings(items=1e9, dimensions=768, dtype=Dtype.FP32, index=AnnIndex.IVFPQ, pq_bytes=64)
    assert flat.value("bytes") == flat.value("index_bytes") == 1e9 * 768 * 4
    assert hnsw.value("index_bytes") == pytest.approx(1e9 * (768 * 4 + 64 * 4))
    assert pq.value("index_bytes") == pytest.approx(1e9 * 72)


@given(per_day=st.floats(min_value=1, max_value=1e12), peak=st.floats(min_value=1, max_value=10))
def test_traffic_peak_is_the_average_times_the_factor(per_day: float, peak: float) -> None:
    result = volume.traffic(per_day=per_day, peak_factor=peak)
    assert result.value("per_second_avg") == pytest.approx(per_day / 86400)
    assert result.value("per_second_peak") == pytest.approx(per_day / 86400 * peak)


def test_traffic_from_users_and_a_month() -> None:
    by_users = volume.traffic(dau=100e6, actions_per_user=20, peak_factor=1)
    assert by_users.value("per_second_avg") == pytest.approx(2e9 / 86400)
    by_month = volume.traffic(per_month=2.6298e9, peak_factor=1)
    assert by_month.value("per_second_avg") == pytest.approx(1000, rel=1e-3)
    assert any("2.5M" in a for a in by_month.assumptions)


def test_traffic_needs_exactly_one_source() -> None:
    with pytest.raises(UsageError, match="exactly one"):
        volume.traffic(per_day=1e6, per_month=3e7)


@given(
    items=st.floats(min_value=1, max_value=1e10),
    size=st.floats(min_value=1, max_value=1e6),
    years=st.integers(1, 10),
)
def test_storage_without_growth_is_monthly_times_months(items: float, size: float, years: int) -> None:
    result = volume.storage(items_per_month=items, bytes_per_item=size, replication=3, retention_years=years)
    assert result.value("bytes_per_month") == pytest.approx(items * size * 3)
    assert result.value("total_bytes") == pytest.approx(items * size * 3 * 12 * years)
    grown = volume.storage(
        items_per_month=items, bytes_per_item=size, replication=3, retention_years=years, growth_per_year=0.5
    )
    assert grown.value("total_bytes") > result.value("total_bytes")


@given(size=st.floats(min_value=1e6, max_value=1e12), gpus=st.integers(2, 4096))
def test_ring_allreduce_moves_two_n_minus_one_over_n(size: float, gpus: int) -> None:
    seconds = network.allreduce(size_bytes=size, gpus=gpus, bus_bandwidth=100e9).value("seconds")
    assert seconds == pytest.approx(2 * (gpus - 1) / gpus * size / 100e9)
    assert seconds < 2 * size / 100e9


@settings(max_examples=30)
@given(qps=st.floats(min_value=0.5, max_value=500), factor=st.floats(min_value=1.1, max_value=5))
def test_more_traffic_never_needs_fewer_gpus(qps: float, factor: float) -> None:
    def gpus(rate: float) -> float:
        load = serving.Workload(qps=rate, prompt_tokens=1000, output_tokens=250, tpot_seconds=0.05)
        return serving.serving(LLAMA2_70B, H100, load).value("gpus")

    assert gpus(qps * factor) >= gpus(qps)


def test_a_latency_target_below_the_weight_read_is_refused() -> None:
    load = serving.Workload(qps=10, prompt_tokens=1000, output_tokens=250, tpot_seconds=0.005)
    with pytest.raises(UsageError, match="per-token target"):
        serving.serving(LLAMA2_70B, H100, load, gpus_per_replica=2)


def test_serving_names_its_bottleneck() -> None:
    load = serving.Workload(qps=20, prompt_tokens=1000, output_tokens=250, tpot_seconds=0.05)
    result = serving.serving(LLAMA2_70B, H100, load)
    assert result.labels["bottleneck"]
    assert result.value("gpus") == result.value("replicas") * result.value("gpus_per_replica")


def test_sliding_window_layers_cache_only_their_window() -> None:
    # gpt-oss-120b: 36 layers, 8 KV heads of 64, BF16, 18 layers with a 128-token window.
    window = memory.LocalAttention(window=128, layers=18)
    long = memory.kv_cache(layers=36, kv_heads=8, head_dim=64, dtype=Dtype.BF16, seq_len=131_072, batch=2, local=window)
    per_layer = 2 * 8 * 64 * 2  # K and V, 8 KV heads, head dim 64, 2 bytes: 2,048 B per token per layer
    assert long.value("bytes_per_token") == 36 * per_layer == 73_728
    assert long.value("bytes_per_sequence") == per_layer * (18 * 131_072 + 18 * 128)
    assert long.value("total_bytes") == 2 * long.value("bytes_per_sequence")
    short = memory.kv_cache(layers=36, kv_heads=8, head_dim=64, dtype=Dtype.BF16, seq_len=100, batch=1, local=window)
    assert short.value("bytes_per_sequence") == 73_728 * 100


def test_a_window_on_more_layers_than_the_model_has_is_refused() -> None:
    with pytest.raises(UsageError, match="between 1 and 36"):
        memory.kv_cache(
            layers=36,
            kv_heads=8,
            head_dim=64,
            dtype=Dtype.BF16,
            seq_len=10,
            batch=1,
            local=memory.LocalAttention(window=128, layers=40),
        )


H200 = serving.ServingGpu("H200", 141e9, 4.8e12, 1979e12, scale_up_domain=8)
DEEPSEEK_FP8 = serving.ServedModel(
    "DeepSeek-V3",
    37e9,
    671e9,
    35_136,  # 61 layers x 576 cached elements x 1 byte
    experts=moe.routed_experts(total=671e9, active=37e9, experts=256, per_token=8, bytes_per_param=1.0),
)
DENSE_671B_FP8 = serving.ServedModel("dense 671B", 671e9, 671e9, 35_136)


def test_a_mixture_of_experts_meets_a_latency_a_dense_model_of_its_size_cannot() -> None:
    load = serving.Workload(qps=10, prompt_tokens=4200, output_tokens=1100, tpot_seconds=0.015)
    # Reading all 671 GB takes 671e9 / (8 x 4.8e12) = 17.5 ms, over a 15 ms target.
    with pytest.raises(UsageError, match=r"17\.5 ms"):
        serving.serving(DENSE_671B_FP8, H200, load, gpus_per_replica=8)
    plan = serving.serving(DEEPSEEK_FP8, H200, load, gpus_per_replica=8)
    batch = plan.value("batch")
    kv_avg = 35_136 * (4200 + 1100 / 2)
    budget = 0.015 * 8 * 4.8e12
    # The largest batch whose step (the experts it touches plus its KV) fits the budget, and no larger.
    assert DEEPSEEK_FP8.weights_read(batch) + batch * kv_avg <= budget
    assert DEEPSEEK_FP8.weights_read(batch + 1) + (batch + 1) * kv_avg > budget
    assert plan.value("weights_read_bytes") == pytest.approx(DEEPSEEK_FP8.weights_read(batch))
    assert plan.value("weights_read_bytes") < 671e9


def test_a_replica_wider_than_the_scale_up_domain_is_flagged() -> None:
    load = serving.Workload(qps=10, prompt_tokens=1000, output_tokens=250, tpot_seconds=0.05)
    within = serving.serving(DEEPSEEK_FP8, H200, load, gpus_per_replica=8)
    across = serving.serving(DEEPSEEK_FP8, H200, load, gpus_per_replica=16)
    assert not any("scale-up domain" in a for a in within.assumptions)
    assert "spans 2 scale-up domains of 8" in across.assumptions[0]
    dense = serving.serving(LLAMA2_70B, serving.ServingGpu("H100", 80e9, 3.35e12, 989.4e12, 8), load, 16)
    assert "tensor parallelism over the scale-out network" in dense.assumptions[0]


def test_windowed_layers_shrink_the_kv_a_sequence_holds() -> None:
    full = serving.ServedModel("m", 5e9, 117e9, 73_728)
    windowed = serving.ServedModel(
        "m", 5e9, 117e9, 73_728, local=memory.LocalAttention(window=128, layers=18), layers=36
    )
    assert full.kv_bytes(50) == windowed.kv_bytes(50) == 73_728 * 50
    assert windowed.kv_bytes(100_000) == pytest.approx(73_728 * (0.5 * 100_000 + 0.5 * 128))
