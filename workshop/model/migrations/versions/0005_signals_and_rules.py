"""Survey templates (ADKAR), remembered proposals, pilot owners and freed hours, the oversight rule.

- `survey_round.template` and `readiness_dimension.template`: a round asks either the five readiness
  dimensions ("readiness", every existing round and dimension) or Prosci's ADKAR elements ("ADKAR").
- `caution_flag.proposal_key` and `dismissed_proposal`: a flag accepted from a proposal the app made
  keeps the proposal's key, and a dismissed proposal is remembered, so neither is proposed again.
- `pilot.owner` and `pilot.hours_freed_per_week`: who runs a pilot, and the hours a week of the team's
  work it expects to free (the capacity ledger).
- `workshop.oversight_*`: the per-workshop rule for a workflow's least human oversight.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHOICE = sa.String(length=40)


def upgrade() -> None:
    for table in ("survey_round", "readiness_dimension"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("template", CHOICE, nullable=False, server_default="readiness"))
    with op.batch_alter_table("caution_flag") as batch:
        batch.add_column(sa.Column("proposal_key", sa.Text(), nullable=True))
    op.create_table(
        "dismissed_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dismissed_proposal")),
        sa.UniqueConstraint("key", name=op.f("uq_dismissed_proposal_key")),
    )
    with op.batch_alter_table("pilot") as batch:
        batch.add_column(sa.Column("owner", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("hours_freed_per_week", sa.Float(), nullable=True))
        batch.create_check_constraint(
            "hours_freed_not_negative", "hours_freed_per_week IS NULL OR hours_freed_per_week >= 0"
        )
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(
            sa.Column("oversight_low", CHOICE, nullable=False, server_default="human handles exceptions")
        )
        batch.add_column(
            sa.Column("oversight_medium", CHOICE, nullable=False, server_default="human reviews samples")
        )
        batch.add_column(
            sa.Column("oversight_high", CHOICE, nullable=False, server_default="human reviews every output")
        )
        batch.add_column(
            sa.Column("oversight_readiness_below", sa.Float(), nullable=False, server_default="3.0")
        )
        batch.add_column(
            sa.Column("oversight_top_priorities", sa.Integer(), nullable=False, server_default="3")
        )
        batch.create_check_constraint(
            "oversight_readiness_1_to_5", "oversight_readiness_below BETWEEN 1 AND 5"
        )
        batch.create_check_constraint("oversight_top_not_negative", "oversight_top_priorities >= 0")


def downgrade() -> None:
    with op.batch_alter_table("workshop") as batch:
        batch.drop_constraint(op.f("ck_workshop_oversight_top_not_negative"), type_="check")
        batch.drop_constraint(op.f("ck_workshop_oversight_readiness_1_to_5"), type_="check")
        for column in (
            "oversight_top_priorities",
            "oversight_readiness_below",
            "oversight_high",
            "oversight_medium",
            "oversight_low",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("pilot") as batch:
        batch.drop_constraint(op.f("ck_pilot_hours_freed_not_negative"), type_="check")
        batch.drop_column("hours_freed_per_week")
        batch.drop_column("owner")
    op.drop_table("dismissed_proposal")
    with op.batch_alter_table("caution_flag") as batch:
        batch.drop_column("proposal_key")
    for table in ("readiness_dimension", "survey_round"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("template")
