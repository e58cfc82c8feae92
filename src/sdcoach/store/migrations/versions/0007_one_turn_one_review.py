"""One stored turn per submitted form, unique turn numbers, and one review per showing of a card.

``turns.submit_id`` holds the id a page generates for each form it sends (a retried or doubled post finds
the turn it already stored); ``reviews.showing`` the id of the page that showed the card (a second post of
the same page records no second review). Turn numbers become unique per session: databases written while
two tabs raced can hold a number twice, so those sessions are renumbered in stored order first.

Chained after 0006 (the accounts work).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The two id columns and the three unique indexes (turn numbers renumbered where they repeat)."""
    _renumber_repeated_turns()
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("submit_id", sa.String(64), nullable=True))
    op.create_index("ux_turns_session_seq", "turns", ["session_id", "seq"], unique=True)
    op.create_index("ux_turns_session_submit", "turns", ["session_id", "submit_id"], unique=True)
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("showing", sa.String(64), nullable=True))
    op.create_index("ux_reviews_showing", "reviews", ["owner", "card_id", "showing"], unique=True)


def _renumber_repeated_turns() -> None:
    connection = op.get_bind()
    repeated = connection.execute(
        sa.text("SELECT DISTINCT session_id FROM turns GROUP BY session_id, seq HAVING COUNT(*) > 1")
    ).scalars()
    for session_id in list(repeated):
        ids = connection.execute(
            sa.text("SELECT id FROM turns WHERE session_id = :s ORDER BY seq, id"), {"s": session_id}
        ).scalars()
        for seq, turn_id in enumerate(list(ids)):
            connection.execute(sa.text("UPDATE turns SET seq = :seq WHERE id = :id"), {"seq": seq, "id": turn_id})


def downgrade() -> None:
    """Drop the indexes and the two columns."""
    op.drop_index("ux_reviews_showing", "reviews")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("showing")
    op.drop_index("ux_turns_session_submit", "turns")
    op.drop_index("ux_turns_session_seq", "turns")
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("submit_id")
