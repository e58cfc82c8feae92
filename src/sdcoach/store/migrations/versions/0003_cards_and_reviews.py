"""Spaced-repetition cards and their reviews.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """A card per drill item with its FSRS state; a review row per graded attempt."""
    op.create_table(
        "cards",
        sa.Column("id", sa.String(140), primary_key=True),
        sa.Column("kind", sa.String(30), nullable=False, index=True),
        sa.Column("subject", sa.String(100), nullable=False),
        sa.Column("state_json", sa.Text, nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("lapses", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.String(140), sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("attempt_id", sa.Integer, nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("due_after", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("reviews")
    op.drop_table("cards")
