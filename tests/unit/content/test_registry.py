"""The estimator's registry: every entry loads with a source, per-chip figures divide the vendors' system
totals back out, dense figures are dense, and inconsistent MoE or attention shapes are refused by field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sdcoach.content.hardware import read_registry
from sdcoach.content.loader import PACKS_DIR, load_registry
from sdcoach.errors import ContentError

REGISTRY = load_registry()
NEW_ACCELERATORS = {"gb200-nvl72", "gb300-nvl72", "b300", "h20", "mi325x", "mi355x", "tpu-v6e", "tpu7x", "trainium2"}
NEW_MODELS = {
    "llama-4-scout",
    "llama-4-maverick",
    "qwen3-32b",
    "qwen3-235b-a22b",
    "gpt-oss-120b",
    "gpt-oss-20b",
    "deepseek-r1",
}


def test_the_2026_entries_load_with_sources() -> None:
    assert {a.id for a in REGISTRY.accelerators} >= NEW_ACCELERATORS
    assert {m.id for m in REGISTRY.models} >= NEW_MODELS
    for entry in (*REGISTRY.accelerators, *REGISTRY.models):
        assert len(entry.source) > 80, f"{entry.id}: a source names where each figure comes from"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("GB200", "gb200-nvl72"), ("gb300 nvl72", "gb300-nvl72"), ("Ironwood", "tpu7x"), ("TPU v6e", "tpu-v6e")],
)
def test_accelerator_names_are_forgiving(name: str, expected: str) -> None:
    assert read_registry().accelerator(name).id == expected  # the lookup the estimator uses, on the snapshot


def test_nvl72_entries_are_per_gpu_and_divide_the_rack_totals_back_out() -> None:
    gb200, gb300 = (next(a for a in REGISTRY.accelerators if a.id == i) for i in ("gb200-nvl72", "gb300-nvl72"))
    assert gb200.scale_up_domain == gb300.scale_up_domain == 72
    # GB200 NVL72 rack: 13.4 TB HBM3E at 576 TB/s; 360 PF BF16 and 720 PF FP8 with sparsity; FP4 720 PF dense.
    assert gb200.memory_gb * 72 / 1e3 == pytest.approx(13.4, rel=0.01)
    assert gb200.memory_bandwidth_tb_s * 72 == pytest.approx(576)
    assert gb200.bf16_tflops * 72 * 2 / 1e3 == pytest.approx(360)
    assert (gb200.fp8_tflops or 0) * 72 * 2 / 1e3 == pytest.approx(720)
    assert (gb200.fp4_tflops or 0) * 72 / 1e3 == pytest.approx(720)
    # GB300 NVL72 rack: the same 360 / 720 PF with sparsity; FP4 1,080 PF dense; about 20 TB of HBM3E.
    assert gb300.bf16_tflops * 72 * 2 / 1e3 == pytest.approx(360)
    assert (gb300.fp4_tflops or 0) * 72 / 1e3 == pytest.approx(1080)
    assert gb300.memory_gb * 72 / 1e3 == pytest.approx(20.7, rel=0.01)
    # NVLink 130 TB/s per rack is 1.8 TB/s per GPU.
    assert gb200.interconnect_gb_s * 72 / 1e3 == pytest.approx(130, rel=0.01)


def test_lower_precision_is_never_slower() -> None:
    for chip in REGISTRY.accelerators:
        if chip.fp8_tflops is not None:
            assert chip.fp8_tflops >= chip.bf16_tflops, chip.id
        if chip.fp4_tflops is not None:
            assert chip.fp4_tflops >= (chip.fp8_tflops or chip.bf16_tflops), chip.id


def test_every_mixture_of_experts_names_its_experts() -> None:
    for model in REGISTRY.models:
        if model.active_params is not None:
            assert model.experts and model.experts_per_token, model.id
            always = model.active_params - model.experts_per_token * (model.params - model.active_params) / (
                model.experts - model.experts_per_token
            )
            assert 0 < always < model.active_params, model.id


def broken(tmp_path: Path, model_id: str, **changes: object) -> Path:
    """The built-in registry with one model changed, written to a file of its own."""
    data = yaml.safe_load((PACKS_DIR / "registry.yaml").read_text(encoding="utf-8"))
    entry = next(m for m in data["models"] if m["id"] == model_id)
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("model_id", "changes", "message"),
    [
        ("qwen3-235b-a22b", {"experts": None}, "needs experts and experts_per_token"),
        ("qwen3-235b-a22b", {"experts_per_token": 128}, "fewer than experts"),
        ("gpt-oss-120b", {"active_params": 3e9}, "no always-active weights"),
        ("qwen3-32b", {"experts": 8}, "experts need active_params"),
        ("gpt-oss-20b", {"local_attention_layers": None}, "come together"),
        ("gpt-oss-20b", {"local_attention_layers": 30}, "cannot exceed layers"),
        ("llama-4-scout", {"source": None}, "source"),
    ],
)
def test_an_inconsistent_model_is_refused_naming_the_file(
    tmp_path: Path, model_id: str, changes: dict[str, object], message: str
) -> None:
    path = broken(tmp_path, model_id, **changes)
    with pytest.raises(ContentError) as caught:
        load_registry(path)
    assert caught.value.path == str(path)
    assert message in str(caught.value)
