"""Shared fixtures: every test runs with its own empty SDCOACH_HOME, so none touches the real one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

DATA = Path(__file__).parent / "data"

# Property tests check what holds, not how fast: a loaded CI machine must not fail them on Hypothesis's
# 200 ms per-example deadline (a slow first call then reads as a flaky failure).
settings.register_profile("sdcoach", deadline=None)
settings.load_profile("sdcoach")


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


@pytest.fixture
def postgres_url() -> str:
    """A real PostgreSQL database with an empty schema (.ci/run starts the server and sets the URL)."""
    import os

    url = os.environ.get("SDCOACH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("SDCOACH_TEST_POSTGRES_URL is not set (.ci/run starts PostgreSQL and sets it)")
    from sqlalchemy import create_engine, text

    from sdcoach.store.database import forget_database

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:  # tests run in parallel (pytest -n): each worker empties its own database, never another's
        url = _worker_database(url, f"sdcoach_{worker}")
    forget_database(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _worker_database(url: str, name: str) -> str:
    """The URL of database ``name`` on the same server, created on first use."""
    from sqlalchemy import create_engine, make_url, text

    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)
