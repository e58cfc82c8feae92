"""Migrations carry existing data forward: a database with cards and reviews at 0003 upgrades to the newest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text

from sdcoach.store.cards import CardRepository
from sdcoach.store.database import HEAD, MIGRATIONS, forget_database, open_database


def _upgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _upgrade_keeps_cards_and_reviews(url: str) -> None:
    _upgrade(url, "0003")
    engine = create_engine(url)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with engine.begin() as db:
        db.execute(
            text("INSERT INTO cards VALUES ('tradeoff:x', 'tradeoff', 'x', '{}', :now, 2, 0, :now)"), {"now": now}
        )
        db.execute(
            text(
                "INSERT INTO reviews (card_id, attempt_id, score, rating, reviewed_at, due_after) "
                "VALUES ('tradeoff:x', NULL, 0.7, 3, :now, :now)"
            ),
            {"now": now},
        )
    engine.dispose()
    upgraded = open_database(url)
    cards = CardRepository(upgraded)
    assert cards.get("tradeoff:x") is not None and cards.get("tradeoff:x").reps == 2  # type: ignore[union-attr]
    assert [r.card_id for r in cards.reviews()] == ["tradeoff:x"]
    assert CardRepository(upgraded, "someone-else").all() == []
    with upgraded.begin() as db:  # a new review gets a fresh id after the copied ones
        db.execute(
            text(
                "INSERT INTO reviews (owner, card_id, score, rating, reviewed_at, due_after) "
                "VALUES ('local', 'tradeoff:x', 0.9, 4, :now, :now)"
            ),
            {"now": now},
        )
    cards.close()


def test_sqlite_upgrade_keeps_cards_and_reviews(tmp_path: Path) -> None:
    _upgrade_keeps_cards_and_reviews(f"sqlite:///{tmp_path / 'old.db'}")


def test_postgresql_upgrade_keeps_cards_and_reviews(postgres_url: str) -> None:
    _upgrade_keeps_cards_and_reviews(postgres_url)


@pytest.mark.parametrize(
    ("start", "cut_at", "absent"),
    [
        (None, "CREATE TABLE turns", {"alembic_version", "sessions"}),
        ("0003", "CREATE TABLE cards_v4", {"users", "session_locks"}),
        ("0004", "SET version_num='0005'", {"session_locks"}),
    ],
)
def test_an_upgrade_cut_short_leaves_the_database_as_it_was(
    tmp_path: Path, start: str | None, cut_at: str, absent: set[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cut.db'}"
    if start is not None:
        _upgrade(url, start)

    def killed(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if cut_at in statement:
            raise KeyboardInterrupt("killed mid-upgrade")  # what a kill leaves: no commit

    event.listen(Engine, "before_cursor_execute", killed)
    try:
        with pytest.raises(KeyboardInterrupt):
            open_database(url)
    finally:
        event.remove(Engine, "before_cursor_execute", killed)
    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    version = engine.connect().execute(text("SELECT version_num FROM alembic_version")).scalar() if start else None
    engine.dispose()
    assert version == start and not tables & absent  # nothing of the cut-short upgrade was kept
    upgraded = open_database(url)  # and the next run upgrades cleanly
    assert CardRepository(upgraded).all() == []
    forget_database(url)


OPEN_AT_ONCE = """
import sys, time
from sdcoach.store.database import engine_for, migrate
engine = engine_for(sys.argv[1])
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # every process starts migrating at the same moment
print("applied" if migrate(engine) else "found current")
"""


def _open_at_once(url: str, processes: int = 6) -> list[str]:
    """``processes`` real processes open the database at the same moment; what each one did."""
    import subprocess
    import sys
    import time

    start_at = str(time.time() + 4.0)  # after every interpreter has started, even on a loaded machine
    running = [
        subprocess.Popen([sys.executable, "-c", OPEN_AT_ONCE, url, start_at], stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    said = [p.communicate(timeout=180)[0].strip() for p in running]
    assert [p.returncode for p in running] == [0] * processes, said
    return said


def test_workers_opening_a_new_sqlite_database_at_once_migrate_it_once(tmp_path: Path) -> None:
    said = _open_at_once(f"sqlite:///{tmp_path / 'new.db'}")
    assert sorted(said) == ["applied"] + ["found current"] * 5


def test_workers_opening_an_older_postgresql_database_at_once_migrate_it_once(postgres_url: str) -> None:
    _upgrade(postgres_url, "0003")  # an upgrade as well as a new schema: both take the lock
    said = _open_at_once(postgres_url)
    assert sorted(said) == ["applied"] + ["found current"] * 5
    engine = create_engine(postgres_url)
    with engine.connect() as db:
        assert db.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    engine.dispose()


def test_workers_opening_a_new_postgresql_database_at_once_migrate_it_once(postgres_url: str) -> None:
    said = _open_at_once(postgres_url)
    assert sorted(said) == ["applied"] + ["found current"] * 5


def test_a_failed_migration_names_the_reason_and_never_the_schema_sql(tmp_path: Path) -> None:
    from sdcoach.errors import StoreError

    url = f"sqlite:///{tmp_path / 'clash.db'}"
    engine = create_engine(url)
    with engine.begin() as db:
        db.execute(text("CREATE TABLE sessions (id INTEGER)"))  # a table of the same name, not made by sdcoach
    engine.dispose()
    with pytest.raises(StoreError) as refused:
        open_database(url)
    message = str(refused.value)
    assert "already exists" in message and "CREATE" not in message and "[SQL" not in message
    forget_database(url)
