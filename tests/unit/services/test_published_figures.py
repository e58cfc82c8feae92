"""The estimator reproduces figures published in papers, model cards and engineering posts.

Each case cites its source. Tolerances follow the precision the source printed: a figure printed
with two significant figures ("3.8e25", "2.3TB") is checked to within 5% (half a unit in the last
place is up to 2.6% for those values), a figure printed with three or more to within 1%. Where the
source rounds a ratio to whole percent (MFU), the check is +/- 1 percentage point.
"""

from __future__ import annotations

import pytest

from sdcoach.services import estimates
from sdcoach.services.estimates import ComputeFlags, ShapeFlags

GiB = 2**30
TiB = 2**40


def training_flops(params: str, tokens: str) -> float:
    return estimates.estimate_training(
        params=params,
        model=None,
        tokens=tokens,
        flops_per_param_token=6,
        total_flops=None,
        compute=ComputeFlags(),
        gpus=None,
        usd_per_gpu_hour=None,
    ).value("total_flops")


def test_gpt3_training_compute() -> None:
    # Brown et al. 2020, "Language Models are Few-Shot Learners", Appendix D, Table D.1:
    # GPT-3 175B (174,600M parameters) on 300B tokens, total train compute 3.14E+23 FLOPs.
    assert training_flops("174600e6", "300e9") == pytest.approx(3.14e23, rel=0.01)


def test_llama3_405b_training_compute() -> None:
    # Llama Team, "The Llama 3 Herd of Models" (2024), section 1: 405B parameters on 15.6T tokens,
    # "pre-trained using 3.8 x 10^25 FLOPs".
    assert training_flops("405e9", "15.6T") == pytest.approx(3.8e25, rel=0.05)


def mfu(achieved: str, gpu: str) -> float:
    return estimates.estimate_mfu(achieved_tflops=achieved, compute=ComputeFlags(gpu=gpu)).value("mfu")


def test_megatron_mfu_on_a100() -> None:
    # Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using
    # Megatron-LM", abstract: 163 teraFLOP/s per GPU on 3,072 A100s, "52% of theoretical peak".
    assert mfu("163", "a100-80gb") == pytest.approx(0.52, abs=0.01)


@pytest.mark.parametrize(("achieved", "published"), [("430", 0.43), ("400", 0.41), ("380", 0.38)])
def test_llama3_mfu_on_h100(achieved: str, published: float) -> None:
    # "The Llama 3 Herd of Models", section 3.3.2, Table 4: 430 / 400 / 380 TFLOPs per GPU at
    # BF16 MFU 43% / 41% / 38% on H100 (dense BF16 peak 989.4 TFLOPS).
    assert mfu(achieved, "H100") == pytest.approx(published, abs=0.01)


def zero_bytes_per_gpu(params: str, gpus: str, stage: int) -> float:
    return estimates.estimate_training_memory(
        params=params, model=None, gpus=gpus, zero_stage=stage, dtype="bf16"
    ).value("bytes_per_gpu")


@pytest.mark.parametrize(("stage", "published_gb"), [(0, 120), (1, 31.4), (2, 16.6), (3, 1.9)])
def test_zero_paper_memory_per_device(stage: int, published_gb: float) -> None:
    # Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
    # Figure 1: a 7.5B model with 64-way data parallelism needs 120 GB (baseline), 31.4 GB (P_os),
    # 16.6 GB (P_os+g) and 1.9 GB (P_os+g+p) per device; K = 12 for mixed-precision Adam.
    assert zero_bytes_per_gpu("7.5B", "64", stage) / 1e9 == pytest.approx(published_gb, rel=0.02)


def test_zero_trillion_parameter_model() -> None:
    # ZeRO paper, section 1: a 1 trillion parameter model needs 16 TB of model states, about
    # 16 GB per GPU once partitioned over 1,024 GPUs (stage 3).
    assert zero_bytes_per_gpu("1T", "1024", 3) / 1e9 == pytest.approx(16, rel=0.05)


NO_SHAPE = ShapeFlags()


def kv_bytes_per_token(model: str | None = None, shape: ShapeFlags = NO_SHAPE) -> float:
    return estimates.estimate_kv_cache(model=model, shape=shape, dtype="bf16", seq_len="1", batch="1").value(
        "bytes_per_token"
    )


def test_opt13b_kv_cache_per_token() -> None:
    # Kwon et al., "Efficient Memory Management for Large Language Model Serving with PagedAttention"
    # (SOSP 2023), section 3: for OPT-13B "the KV cache of a single token demands 800 KB of space"
    # (2 x 5120 hidden x 40 layers x 2 bytes = 819,200 B = 800 KiB).
    assert kv_bytes_per_token("opt-13b") == 800 * 1024


def test_gqa_kv_cache_per_token() -> None:
    # Zhao et al., "Insights into DeepSeek-V3: Scaling Challenges and Reflections on Hardware for AI
    # Architectures" (ISCA 2025), Table 1: LLaMA-3.1 405B (GQA) 516.096 KB per token, Qwen-2.5 72B
    # (GQA: 80 layers, 8 KV heads, head dim 128) 327.680 KB, DeepSeek-V3 (MLA) 70.272 KB, in BF16.
    assert kv_bytes_per_token("llama-3.1-405b") == 516_096
    assert kv_bytes_per_token(shape=ShapeFlags(layers=80, kv_heads=8, head_dim=128)) == 327_680
    assert kv_bytes_per_token("deepseek-v3") == 70_272


@pytest.mark.parametrize(("model", "published_gb"), [("gpt-3-175b", 350), ("llama-2-70b", 140)])
def test_half_precision_weight_sizes(model: str, published_gb: float) -> None:
    # Hugging Face blog, "Optimizing your LLM in production" (2023), section 1: "GPT3 requires
    # 2 * 175 GB = 350 GB VRAM", "Llama-2-70b requires 2 * 70 GB = 140 GB VRAM".
    weights = estimates.estimate_weights(params=None, model=model, dtype="fp16").value("bytes")
    assert weights / 1e9 == pytest.approx(published_gb, rel=0.01)


def test_bloom_weights_and_resumable_checkpoint() -> None:
    # BigScience BLOOM model card, "Speeds, Sizes, Times": "Bf16 weights: 329GB", "Full checkpoint
    # with optimizer states: 2.3TB". The card's units are binary (176.2B x 2 bytes = 329 GiB).
    result = estimates.estimate_checkpoint(
        params="176.2B", model=None, optimizer="adam", dtype="bf16", write_bandwidth=None
    )
    assert result.value("weights_bytes") / GiB == pytest.approx(329, rel=0.01)
    assert result.value("full_bytes") / TiB == pytest.approx(2.3, rel=0.05)


def test_deepseek_serving_fleet_from_measured_throughput() -> None:
    # DeepSeek, "Day 6: One More Thing, DeepSeek-V3/R1 Inference System Overview" (open-infra-index,
    # 2025): ~73.7k input tokens/s per H800 node in prefill, ~14.8k output tokens/s in decode;
    # 608B input and 168B output tokens in 24 hours; on average 226.75 nodes (8 GPUs each) occupied.
    result = estimates.estimate_serving_throughput(
        input_per_day="608B",
        output_per_day="168B",
        prefill_tps="73.7k",
        decode_tps="14.8k",
        gpus_per_node=8,
        peak_factor=1.0,
    )
    nodes = next(s.value for s in result.steps if s.name == "nodes")
    assert nodes == pytest.approx(226.75, rel=0.01)
    assert result.labels["bottleneck"] == "decode"


def test_twitter_average_tweets_per_second() -> None:
    # Twitter Engineering blog, "New Tweets per second record, and how!" (2013): "more than 500
    # million Tweets a day which means about 5,700 Tweets a second, on average".
    result = estimates.estimate_traffic(per_day="500M", per_month=None, dau=None, actions_per_user=None, peak_factor=1)
    assert result.value("per_second_avg") == pytest.approx(5700, rel=0.05)


def test_faiss_hnsw_memory_per_vector() -> None:
    # FAISS wiki, "Guidelines to choose an index": HNSW memory is (d * 4 + M * 2 * 4) bytes per vector.
    result = estimates.estimate_embeddings(items="1", dimensions=128, dtype="fp32", index="hnsw", hnsw_m=32, pq_bytes=0)
    assert result.value("index_bytes") == 128 * 4 + 32 * 2 * 4
