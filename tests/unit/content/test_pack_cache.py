"""The pack cache never hands back a scenario made under another version of the content model."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdcoach.content import pack_cache
from sdcoach.content.loader import PACKS_DIR, load_scenario


def test_a_pack_cached_under_another_schema_is_not_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = PACKS_DIR / "scenarios" / "feature-store.yaml"
    scenario = load_scenario(path)
    pack_cache.store_scenario(path, tmp_path, scenario)
    assert pack_cache.cached_scenario(path, tmp_path) == scenario
    monkeypatch.setattr(pack_cache, "schema_fingerprint", lambda: "another-schema")
    assert pack_cache.cached_scenario(path, tmp_path) is None
