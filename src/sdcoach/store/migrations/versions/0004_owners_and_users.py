"""Accounts, and an owner on every row a person creates (the command line's owner is "local").

Cards become keyed by (owner, id) and reviews lose their foreign key to cards (they carry the owner
and the card id). Both tables are rebuilt by copy, which works the same on SQLite and PostgreSQL.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Users; owners on sessions and attempts; cards and reviews rebuilt with their owner."""
    op.create_table(
        "users",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for table in ("sessions", "drill_attempts"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("owner", sa.String(64), nullable=False, server_default="local"))
        op.create_index(f"ix_{table}_owner", table, ["owner"])
    _rebuild_cards()
    _rebuild_reviews()


def _rebuild_cards() -> None:
    op.create_table(
        "cards_v4",
        sa.Column("owner", sa.String(64), nullable=False, server_default="local"),
        sa.Column("id", sa.String(140), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("subject", sa.String(100), nullable=False),
        sa.Column("state_json", sa.Text, nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("lapses", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner", "id", name="pk_cards_owner_id"),
    )
    columns = "id, kind, subject, state_json, due, reps, lapses, created_at"
    op.execute(f"INSERT INTO cards_v4 (owner, {columns}) SELECT 'local', {columns} FROM cards")


def _rebuild_reviews() -> None:
    op.create_table(
        "reviews_v4",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner", sa.String(64), nullable=False, server_default="local"),
        sa.Column("card_id", sa.String(140), nullable=False),
        sa.Column("attempt_id", sa.Integer, nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_after", sa.DateTime(timezone=True), nullable=False),
    )
    columns = "id, card_id, attempt_id, score, rating, reviewed_at, due_after"
    op.execute(f"INSERT INTO reviews_v4 ({columns}) SELECT {columns} FROM reviews")
    op.drop_table("reviews")
    op.drop_table("cards")
    op.rename_table("cards_v4", "cards")
    op.rename_table("reviews_v4", "reviews")
    for table, column in (("cards", "owner"), ("cards", "kind"), ("cards", "due"), ("reviews", "owner")):
        op.create_index(f"ix_{table}_{column}", table, [column])
    op.create_index("ix_reviews_card_id", "reviews", ["card_id"])
    op.create_index("ix_reviews_reviewed_at", "reviews", ["reviewed_at"])
    if op.get_bind().dialect.name == "postgresql":  # copied ids did not move the serial's sequence
        next_id = "COALESCE((SELECT MAX(id) FROM reviews), 0) + 1"
        op.execute(f"SELECT setval(pg_get_serial_sequence('reviews', 'id'), {next_id}, false)")


def downgrade() -> None:
    """Not supported: accounts and owners cannot be folded back into one user's data."""
    raise NotImplementedError("downgrade below 0004 is not supported")
