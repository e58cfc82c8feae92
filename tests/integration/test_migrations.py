"""Migrations carry existing data forward: a database with cards and reviews at 0003 upgrades to the newest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from sdcoach.store.cards import CardRepository
from sdcoach.store.database import MIGRATIONS, open_database


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
