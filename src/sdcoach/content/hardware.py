"""The estimator's registries as the estimator reads them: accelerators and model architectures as frozen
dataclasses, read with the standard library from ``packs/registry.json``.

``packs/registry.yaml`` is the source: people edit it, and ``hardware_schema`` validates it with pydantic
(``sdcoach content lint``, the tests). ``registry.json`` is that validated registry written out by
``scripts/build_registry.py``, and a test keeps the two equal entry by entry. Reading the snapshot needs
neither YAML nor pydantic, so ``sdcoach estimate`` starts in a few milliseconds instead of a quarter second.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sdcoach.content.names import closest
from sdcoach.errors import ContentError, UnknownNameError

SNAPSHOT = Path(__file__).parent / "packs" / "registry.json"


def name_key(name: str) -> str:
    """A forgiving key for a name: lowercase, with spaces, dashes, dots and underscores removed."""
    return re.sub(r"[\s\-_.]+", "", name.lower())


class Vendor(StrEnum):
    """Who makes an accelerator."""

    NVIDIA = "nvidia"
    AMD = "amd"
    GOOGLE = "google"
    AWS = "aws"


class Attention(StrEnum):
    """How a model's attention keeps keys and values, which decides its KV-cache size."""

    MHA = "mha"
    GQA = "gqa"
    MQA = "mqa"
    MLA = "mla"


@dataclass(frozen=True)
class Accelerator:
    """One accelerator's datasheet figures (dense, without sparsity); ``hardware_schema`` documents each."""

    id: str
    name: str
    vendor: Vendor
    aliases: tuple[str, ...]
    memory_gb: float
    memory_bandwidth_tb_s: float
    bf16_tflops: float
    fp8_tflops: float | None
    int8_tops: float | None
    fp4_tflops: float | None
    interconnect: str
    interconnect_gb_s: float
    scale_up_domain: int | None
    source: str


@dataclass(frozen=True)
class ModelArchitecture:
    """A published model's shape: what the weight, KV-cache and FLOP calculators need."""

    id: str
    name: str
    family: str
    aliases: tuple[str, ...]
    params: float
    active_params: float | None
    layers: int
    hidden_size: int
    heads: int
    kv_heads: int
    head_dim: int
    attention: Attention
    kv_latent_dim: int | None
    local_attention_window: int | None
    local_attention_layers: int
    experts: int | None
    experts_per_token: int | None
    shared_experts: int
    context_length: int
    vocab_size: int | None
    source: str

    @property
    def params_per_token(self) -> float:
        """Parameters that do work for each token (active parameters for a mixture of experts)."""
        return self.active_params or self.params


@dataclass(frozen=True)
class Registry:
    """The hardware and model registries."""

    accelerators: tuple[Accelerator, ...]
    models: tuple[ModelArchitecture, ...]

    def accelerator(self, name: str) -> Accelerator:
        """An accelerator by id, name or alias, forgiving case, spaces and dashes."""
        names = [(a.id, (a.id, a.name, *a.aliases)) for a in self.accelerators]
        return self.accelerators[lookup("GPU or accelerator", name, names)]

    def model(self, name: str) -> ModelArchitecture:
        """A model by id, name or alias, forgiving case, spaces and dashes."""
        names = [(m.id, (m.id, m.name, *m.aliases)) for m in self.models]
        return self.models[lookup("model", name, names)]


def read_registry(path: Path = SNAPSHOT) -> Registry:
    """The validated registry from its JSON snapshot (``scripts/build_registry.py`` writes it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Registry(
            accelerators=tuple(_accelerator(entry) for entry in data["accelerators"]),
            models=tuple(_model(entry) for entry in data["models"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as err:  # a damaged install, not a user's mistake
        raise ContentError(
            f"The built-in hardware and model registry cannot be read: {err}.",
            path=path,
            hint="Reinstall sdcoach; in a checkout, run `python scripts/build_registry.py`.",
        ) from err


def _accelerator(entry: dict[str, Any]) -> Accelerator:
    return Accelerator(**{**entry, "vendor": Vendor(entry["vendor"]), "aliases": tuple(entry["aliases"])})


def _model(entry: dict[str, Any]) -> ModelArchitecture:
    return ModelArchitecture(
        **{**entry, "attention": Attention(entry["attention"]), "aliases": tuple(entry["aliases"])}
    )


def lookup(kind: str, name: str, entries: Sequence[tuple[str, tuple[str, ...]]]) -> int:
    """The index of the entry (id, names) one of whose names matches ``name``; else an error with suggestions."""
    wanted = name_key(name)
    keys: dict[str, str] = {}
    for index, (ident, names) in enumerate(entries):
        forgiving = {name_key(n) for n in names}
        if wanted in forgiving:
            return index
        keys.update(dict.fromkeys(forgiving, ident))
    suggestions = list(dict.fromkeys(keys[k] for k in closest(wanted, keys)))
    raise UnknownNameError(kind, name, suggestions, [ident for ident, _ in entries])
