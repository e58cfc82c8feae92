"""Alembic environment: migrations run on the connection sdcoach hands over (see store/database.py)."""

from __future__ import annotations

from alembic import context

from sdcoach.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
