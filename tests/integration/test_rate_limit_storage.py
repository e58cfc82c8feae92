"""The rate-limit counters in the database, as two workers use them: no hit is lost when both count at once,
and a window that has ended starts again from zero (SQLite file and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from sdcoach.store.database import open_database
from sdcoach.store.models import RateLimitRecord
from sdcoach.store.rate_limits import DatabaseStorage


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'limits.db'}"


def test_two_workers_counting_at_once_lose_no_hit(url: str) -> None:
    open_database(url)  # migrated once; each "worker" then has its own engine and pool, as a process would
    engines = [create_engine(url) for _ in range(2)]
    workers = [DatabaseStorage(engine) for engine in engines]
    start = threading.Barrier(2)

    def count(storage: DatabaseStorage) -> None:
        start.wait()
        for _ in range(40):
            storage.incr("sign-in/account/alice@example.com", 60)

    threads = [threading.Thread(target=count, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert workers[0].get("sign-in/account/alice@example.com") == 80
    assert workers[1].get_expiry("sign-in/account/alice@example.com") > time.time() + 50
    for engine in engines:
        engine.dispose()
    with Session(open_database(url)) as db:
        keys = list(db.scalars(select(RateLimitRecord.key_hash)))
    assert len(keys) == 1 and "alice" not in keys[0]  # only a hash of the key is kept


def test_an_ended_window_starts_again_from_zero(url: str) -> None:
    storage = DatabaseStorage(open_database(url))
    assert [storage.incr("k", 1) for _ in range(3)] == [1, 2, 3]
    time.sleep(1.2)
    assert storage.get("k") == 0 and storage.incr("k", 60) == 1
    storage.clear("k")
    assert storage.get("k") == 0 and storage.check()
