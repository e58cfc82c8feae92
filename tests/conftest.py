"""Shared fixtures: every test runs with its own empty SDCOACH_HOME, so none touches the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def sdcoach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty home folder for the test."""
    home = tmp_path / "sdcoach-home"
    home.mkdir()
    monkeypatch.setenv("SDCOACH_HOME", str(home))
    return home


@pytest.fixture
def minimal_scenario_text() -> str:
    """The YAML text of a small valid scenario."""
    return (DATA / "minimal_scenario.yaml").read_text(encoding="utf-8")


@pytest.fixture
def user_scenarios(sdcoach_home: Path) -> Path:
    """The user's scenario folder, created."""
    folder = sdcoach_home / "scenarios"
    folder.mkdir()
    return folder
