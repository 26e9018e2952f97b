"""Merged rows say where they came from: a nullable `origin` on every table `workshop merge` brings in.

A column on each merged table (rather than a separate table of row ids) goes away with its row and stays
empty on a ballot that is cast again here, so it can never point at the wrong row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MERGED_TABLES = ("ballot", "caution_flag", "feedback_item", "idea", "readiness_answer", "task")


def upgrade() -> None:
    for table in MERGED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("origin", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in MERGED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("origin")
