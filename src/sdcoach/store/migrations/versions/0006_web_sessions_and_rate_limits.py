"""Server-side web sessions (only a hash of each cookie's token is kept) and rate-limit counters every worker
shares.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The signed-in browsers and the sign-in / sign-up attempt counters."""
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(64), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_sessions_owner", "web_sessions", ["owner"])
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])
    op.create_table(
        "rate_limits",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.Column("resets_at", sa.Float, nullable=False),
    )
    op.create_index("ix_rate_limits_resets_at", "rate_limits", ["resets_at"])


def downgrade() -> None:
    """Drop both tables (everyone signs in again)."""
    op.drop_table("rate_limits")
    op.drop_table("web_sessions")
