"""The candidate's diagrams in an interview: every version attached, with the turn it came after.

Chained after 0007 (one turn, one review).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The diagrams table: session, version (unique per session), format, the text as given, when, after which turn."""
    op.create_table(
        "diagrams",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("after_turn", sa.Integer, nullable=False),
    )
    op.create_index("ix_diagrams_session_id", "diagrams", ["session_id"])
    op.create_index("ux_diagrams_session_version", "diagrams", ["session_id", "version"], unique=True)


def downgrade() -> None:
    """Drop the diagrams table."""
    op.drop_index("ux_diagrams_session_version", "diagrams")
    op.drop_index("ix_diagrams_session_id", "diagrams")
    op.drop_table("diagrams")
