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


def test_names_on_the_snapshot_are_forgiving() -> None:
    # the lookup lives on the snapshot alone (the estimator's); the entries, aliases included, equal the
    # validated registry's by the test above
    snapshot = read_registry()
    accelerators = {"H100": "h100-sxm", "gb300 nvl72": "gb300-nvl72", "Ironwood": "tpu7x", "TPU v6e": "tpu-v6e"}
    for name, expected in accelerators.items():
        assert snapshot.accelerator(name).id == expected
    models = {"llama-3.1-405b": "llama-3.1-405b", "Llama 2 70B": "llama-2-70b", "deepseek-r1": "deepseek-r1"}
    for name, expected in models.items():
        assert snapshot.model(name).id == expected
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
