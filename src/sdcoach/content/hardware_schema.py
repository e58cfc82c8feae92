"""The estimator's registries as content: the pydantic models that validate ``packs/registry.yaml``.

The estimator itself reads the validated registry from its JSON snapshot into the plain dataclasses of
``content.hardware`` (no YAML, no pydantic at start-up); ``snapshot_text`` writes that snapshot.
"""

from __future__ import annotations

import json
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from sdcoach.content.base import Model, Text
from sdcoach.content.hardware import Attention, Vendor, name_key

Alias = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Registry ids keep the dots of version numbers: llama-3.1-405b, qwen2.5-0.5b.
RegistryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")]


class Accelerator(Model):
    """One accelerator's datasheet figures (dense, without sparsity)."""

    id: RegistryId
    name: Text
    vendor: Vendor
    aliases: tuple[Alias, ...] = ()
    memory_gb: float = Field(gt=0, description="HBM/GDDR capacity in GB (1e9 bytes) as the datasheet states it")
    memory_bandwidth_tb_s: float = Field(gt=0, description="Memory bandwidth in TB/s (1e12 bytes/s)")
    bf16_tflops: float = Field(gt=0, description="Peak dense BF16 TFLOPS (no sparsity)")
    fp8_tflops: float | None = Field(default=None, gt=0, description="Peak dense FP8 TFLOPS, if supported")
    int8_tops: float | None = Field(default=None, gt=0, description="Peak dense INT8 TOPS, if listed")
    fp4_tflops: float | None = Field(default=None, gt=0, description="Peak dense FP4 TFLOPS, if supported")
    interconnect: Text
    interconnect_gb_s: float = Field(gt=0, description="Per-chip scale-up bandwidth in GB/s as the datasheet states it")
    scale_up_domain: int | None = Field(
        default=None,
        gt=0,
        description="Accelerators one scale-up fabric joins (NVLink domain, Infinity Fabric platform, ICI pod)",
    )
    source: Text = Field(description="Where every figure above comes from, dense or sparse, per chip or per system")


class ModelArchitecture(Model):
    """A published model's shape: what the weight, KV-cache and FLOP calculators need."""

    id: RegistryId
    name: Text
    family: Text
    aliases: tuple[Alias, ...] = ()
    params: float = Field(gt=0, description="Total parameters")
    active_params: float | None = Field(default=None, gt=0, description="Parameters used per token (MoE)")
    layers: int = Field(gt=0)
    hidden_size: int = Field(gt=0)
    heads: int = Field(gt=0)
    kv_heads: int = Field(gt=0)
    head_dim: int = Field(gt=0)
    attention: Attention
    kv_latent_dim: int | None = Field(
        default=None, gt=0, description="MLA only: elements cached per token per layer (latent + decoupled RoPE key)"
    )
    local_attention_window: int | None = Field(
        default=None, gt=0, description="Tokens a sliding-window or chunked-attention layer keeps in its KV cache"
    )
    local_attention_layers: int = Field(
        default=0, ge=0, description="Layers that attend only within local_attention_window (the rest see everything)"
    )
    experts: int | None = Field(default=None, gt=1, description="MoE: routed experts per MoE layer")
    experts_per_token: int | None = Field(default=None, gt=0, description="MoE: routed experts each token uses")
    shared_experts: int = Field(default=0, ge=0, description="MoE: always-on experts per MoE layer")
    context_length: int = Field(gt=0)
    vocab_size: int | None = Field(default=None, gt=0)
    source: Text = Field(description="Where every figure above comes from: paper, model card, config.json")

    @model_validator(mode="after")
    def _attention_is_consistent(self) -> Self:
        if self.attention is Attention.MLA and self.kv_latent_dim is None:
            raise ValueError("an MLA model needs kv_latent_dim")
        if self.attention is Attention.MHA and self.kv_heads != self.heads:
            raise ValueError("multi-head attention has as many KV heads as heads")
        if self.attention is Attention.MQA and self.kv_heads != 1:
            raise ValueError("multi-query attention has one KV head")
        if self.heads % self.kv_heads:
            raise ValueError("heads must be a multiple of kv_heads")
        if (self.local_attention_window is None) != (self.local_attention_layers == 0):
            raise ValueError("local_attention_window and local_attention_layers come together")
        if self.local_attention_layers > self.layers:
            raise ValueError("local_attention_layers cannot exceed layers")
        return self

    @model_validator(mode="after")
    def _experts_are_consistent(self) -> Self:
        routed = (self.experts, self.experts_per_token)
        if self.active_params is None:
            if routed != (None, None) or self.shared_experts:
                raise ValueError("experts need active_params (a mixture of experts has fewer active than total)")
            return self
        if None in routed:
            raise ValueError("a mixture of experts (active_params set) needs experts and experts_per_token")
        experts, per_token = self.experts or 0, self.experts_per_token or 0
        if per_token >= experts:
            raise ValueError("experts_per_token must be fewer than experts")
        if self.active_params >= self.params:
            raise ValueError("active_params must be fewer than params")
        # The routed experts hold (params - active) / (experts - per_token) each; the rest is always read.
        if per_token * (self.params - self.active_params) / (experts - per_token) >= self.active_params:
            raise ValueError("params, active_params and the expert counts imply no always-active weights")
        return self

    @property
    def params_per_token(self) -> float:
        """Parameters that do work for each token (active parameters for a mixture of experts)."""
        return self.active_params or self.params


class Registry(Model):
    """The hardware and model registries."""

    accelerators: tuple[Accelerator, ...] = Field(min_length=1)
    models: tuple[ModelArchitecture, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_are_unambiguous(self) -> Self:
        for kind, entries in (("accelerator", self.accelerators), ("model", self.models)):
            seen: dict[str, str] = {}
            for entry in entries:
                for name in (entry.id, entry.name, *entry.aliases):
                    key = name_key(name)
                    if seen.get(key, entry.id) != entry.id:
                        raise ValueError(f"{kind} name {name!r} matches both {seen[key]!r} and {entry.id!r}")
                    seen[key] = entry.id
        return self


def snapshot_text(registry: Registry) -> str:
    """The validated registry as ``packs/registry.json``, the form the estimator reads at start-up."""
    payload = {"generated": "from registry.yaml by scripts/build_registry.py; edit the YAML, not this file"}
    payload |= registry.model_dump(mode="json")
    return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"
