"""`sdcoach estimate ...` end to end: JSON keys in base units, the working, and clear errors."""

from __future__ import annotations

import json

import pytest

from tests.integration.cli_runner import run_sdcoach


def estimate(*args: str) -> dict[str, object]:
    result = run_sdcoach("estimate", *args, "--json")
    assert result.code == 0, result.err
    payload: dict[str, object] = json.loads(result.out)
    assert isinstance(payload["steps"], list) and payload["steps"]
    assert isinstance(payload["assumptions"], list) and payload["assumptions"]
    return payload


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        (
            [
                "training",
                "--params",
                "70B",
                "--tokens",
                "2T",
                "--gpu",
                "a100",
                "--mfu",
                "40%",
                "--gpus",
                "2048",
                "--usd-per-gpu-hour",
                "2",
            ],
            {"total_flops", "gpu_hours", "days", "cost_usd"},
        ),
        (["mfu", "--achieved-tflops", "400", "--gpu", "H100"], {"mfu"}),
        (["weights", "--model", "Llama-2-70B", "--dtype", "fp16"], {"bytes"}),
        (
            ["training-memory", "--params", "7.5B", "--gpus", "64", "--zero-stage", "2"],
            {"bytes_per_gpu", "weights_bytes", "gradients_bytes", "optimizer_bytes"},
        ),
        (
            ["checkpoint", "--params", "176B", "--write-bandwidth", "40GB/s"],
            {"weights_bytes", "full_bytes", "write_seconds"},
        ),
        (
            ["kv-cache", "--model", "llama2-70b", "--seq-len", "4096", "--batch", "8"],
            {"bytes_per_token", "bytes_per_sequence", "total_bytes"},
        ),
        (
            ["serving", "--model", "llama-3-8b", "--gpu", "l40s", "--qps", "5"],
            {"gpus", "replicas", "tokens_per_second", "bottleneck"},
        ),
        (["traffic", "--per-day", "500M"], {"per_second_avg", "per_second_peak"}),
        (
            ["storage", "--items-per-day", "1B", "--bytes-per-item", "1KB", "--retention-years", "2"],
            {"bytes_per_month", "total_bytes"},
        ),
        (["embeddings", "--items", "1B", "--dimensions", "768"], {"bytes", "index_bytes"}),
        (["allreduce", "--bytes", "14GB", "--gpus", "8", "--bus-bandwidth", "200GB/s"], {"seconds"}),
    ],
)
def test_each_calculator_prints_its_keys(args: list[str], keys: set[str]) -> None:
    assert keys <= set(estimate(*args))


def test_values_are_in_base_units() -> None:
    payload = estimate("weights", "--params", "70e9", "--dtype", "bf16")
    assert payload["bytes"] == 140e9
    kv = estimate("kv-cache", "--layers", "40", "--hidden-size", "5120", "--seq-len", "1")
    assert kv["bytes_per_token"] == 819_200


def test_names_are_forgiving() -> None:
    for name in ("H100", "h100-sxm", "H100 SXM5"):
        assert estimate("mfu", "--achieved-tflops", "494.7", "--gpu", name)["mfu"] == pytest.approx(0.5)
    for name in ("Llama-2-70B", "llama2-70b", "llama 2 70b"):
        assert estimate("weights", "--model", name)["bytes"] == 140e9


def test_the_terminal_view_shows_result_working_and_assumptions() -> None:
    result = run_sdcoach("estimate", "training", "--params", "405e9", "--tokens", "15.6T")
    assert result.code == 0
    assert "3.79e25 FLOP" in result.out
    assert "Say it as" in result.out and "≈ 3.6e25" in result.out
    assert "Assumptions" in result.out and "Kaplan" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["checkpoint", "--params", "70B", "--write-bandwidth", "40GB"], "--write-bandwidth expects a bandwidth"),
        (["weights", "--params", "-7B"], "--params must be a number from 1 to"),
        (
            ["training", "--params", "7B", "--tokens", "1T", "--gpu", "h100", "--mfu", "1.4"],
            "--mfu must be a number above 0 and at most 1",
        ),
        (["mfu", "--achieved-tflops", "1200", "--gpu", "h100"], "MFU cannot exceed 1"),
        (["weights", "--params", "7B", "--dtype", "fp12"], "--dtype must be one of"),
        (["weights", "--model", "llama-2-71b"], "llama-2-70b"),
        (["mfu", "--achieved-tflops", "100", "--gpu", "h1000"], "h100"),
        (["traffic", "--per-day", "lots"], "--per-day expects a number"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_2(args: list[str], message: str) -> None:
    result = run_sdcoach("estimate", *args)
    assert result.code == 2, result.out
    assert message in result.err
    assert "Traceback" not in result.err


def test_the_registries_list_hardware_and_models_with_sources() -> None:
    hardware = json.loads(run_sdcoach("estimate", "hardware", "--json").out)["accelerators"]
    ids = {a["id"] for a in hardware}
    assert {"h100-sxm", "h100-pcie", "h200", "b200", "a100-40gb", "a100-80gb", "l4", "l40s", "mi300x"} <= ids
    assert {"tpu-v4", "tpu-v5e", "tpu-v5p"} <= ids
    assert {"gb200-nvl72", "gb300-nvl72", "b300", "h20", "mi325x", "mi355x", "tpu-v6e", "tpu7x", "trainium2"} <= ids
    assert all(a["source"] for a in hardware)
    models = json.loads(run_sdcoach("estimate", "models", "--json").out)["models"]
    model_ids = {m["id"] for m in models}
    assert {"llama-2-70b", "llama-3-8b", "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "gpt-3-175b"} <= model_ids
    assert {"opt-13b", "deepseek-v3"} <= model_ids
    assert {"llama-4-scout", "llama-4-maverick", "qwen3-32b", "qwen3-235b-a22b", "gpt-oss-120b"} <= model_ids
    assert {"gpt-oss-20b", "deepseek-r1"} <= model_ids
    assert all(m["source"] for m in models)
    table = run_sdcoach("estimate", "hardware")
    assert "H100" in table.out and "TB/s" in table.out
    assert "gb200-nvl72" in table.out and "Domain" in table.out


def test_2026_models_run_through_the_calculators() -> None:
    kv = estimate("kv-cache", "--model", "qwen3-235b-a22b", "--seq-len", "32768", "--batch", "16")
    assert kv["bytes_per_token"] == 2 * 94 * 4 * 128 * 2
    assert kv["total_bytes"] == 2 * 94 * 4 * 128 * 2 * 32768 * 16
    plan = estimate("serving", "--model", "llama-4-maverick", "--gpu", "gb200", "--qps", "20", "--dtype", "fp8")
    assert {"gpus", "replicas", "tokens_per_second", "bottleneck", "weights_read_bytes"} <= set(plan)
    assumptions = plan["assumptions"]
    assert isinstance(assumptions, list) and any("Mixture of experts" in a for a in assumptions)
