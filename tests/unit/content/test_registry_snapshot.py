"""The estimator reads the registry from ``packs/registry.json``: it must be exactly the validated
``registry.yaml``, entry by entry and field by field, so the snapshot can never say something the YAML does not."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

import pytest

from sdcoach.content import hardware, hardware_schema
from sdcoach.content.hardware import SNAPSHOT, read_registry
from sdcoach.content.hardware_schema import snapshot_text
from sdcoach.content.loader import load_registry
from sdcoach.errors import ContentError, UnknownNameError

REBUILD = "registry.json is stale: run `python scripts/build_registry.py` after editing registry.yaml"


def test_the_shipped_snapshot_is_the_validated_yaml() -> None:
    assert SNAPSHOT.read_text(encoding="utf-8") == snapshot_text(load_registry()), REBUILD


def test_every_entry_reads_back_equal_to_the_validated_one() -> None:
    validated, snapshot = load_registry(), read_registry()
    assert [a.model_dump() for a in validated.accelerators] == [asdict(a) for a in snapshot.accelerators]
    assert [m.model_dump() for m in validated.models] == [asdict(m) for m in snapshot.models]


@pytest.mark.parametrize(
    ("plain", "validated"),
    [
        (hardware.Accelerator, hardware_schema.Accelerator),
        (hardware.ModelArchitecture, hardware_schema.ModelArchitecture),
    ],
)
def test_the_plain_records_have_the_schemas_fields_in_its_order(plain: type, validated: type) -> None:
    assert [f.name for f in fields(plain)] == list(validated.model_fields)


def test_names_are_as_forgiving_as_the_validated_registry() -> None:
    validated, snapshot = load_registry(), read_registry()
    for name in ("H100", "gb300 nvl72", "Ironwood", "TPU v6e"):
        assert snapshot.accelerator(name).id == validated.accelerator(name).id
    for name in ("llama-3.1-405b", "Llama 2 70B", "deepseek-r1"):
        assert snapshot.model(name).id == validated.model(name).id
    with pytest.raises(UnknownNameError) as caught:
        snapshot.accelerator("h100-sxn")
    assert "h100-sxm" in caught.value.suggestions


def test_a_damaged_snapshot_is_a_clear_content_error(tmp_path: Path) -> None:
    damaged = tmp_path / "registry.json"
    damaged.write_text(json.dumps({"accelerators": [{"id": "x"}], "models": []}), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_registry(damaged)
    assert caught.value.path == str(damaged)
    assert "build_registry.py" in (caught.value.hint or "")
