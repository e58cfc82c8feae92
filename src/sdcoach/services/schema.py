"""The store's schema brought up to date once, before an app's workers start (each then finds it current)."""

from __future__ import annotations

from sdcoach.config import Settings


def migrate_before_serving(settings: Settings) -> None:
    """Open the configured database, applying any migrations under the schema lock."""
    from sdcoach.store.database import open_database

    open_database(settings.database)
