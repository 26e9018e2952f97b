"""A round chooses its opportunities and may take partial rankings; the room keeps voter codes and replacements.

- `ballot_round_item`: the opportunities on a round's ballot; a round without rows offers every opportunity
  (as a round without `ballot_round_voter` rows lets every manager and leader vote), so existing rounds
  keep their meaning with no data to move.
- `ballot_round.top_k`: a ranking ballot may place only its top k opportunities (None: all of them).
- `ballot_round.uses_codes` and `voter_code`: rounds where each voter types a personal code from a printed
  card before their ballot opens.
- `ballot_replacement`: one row each time a voter casts again and replaces their earlier ballot, so the
  facilitator can see who replaced a ballot and when (never what either ballot said).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _round_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["round_id"], ["ballot_round.id"], name=op.f(f"fk_{table}_round_id_ballot_round"), ondelete="CASCADE"
    )


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    with op.batch_alter_table("ballot_round") as batch:
        batch.add_column(sa.Column("top_k", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("uses_codes", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "ballot_round_item",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        _round_fk("ballot_round_item"),
        _fk("ballot_round_item", "opportunity_id", "opportunity"),
        sa.PrimaryKeyConstraint("round_id", "opportunity_id", name=op.f("pk_ballot_round_item")),
    )
    op.create_table(
        "voter_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        _round_fk("voter_code"),
        _fk("voter_code", "participant_id", "participant"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voter_code")),
        sa.UniqueConstraint("round_id", "participant_id", name=op.f("uq_voter_code_round_participant")),
        sa.UniqueConstraint("round_id", "code", name=op.f("uq_voter_code_round_code")),
    )
    op.create_table(
        "ballot_replacement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("earlier_cast_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        _round_fk("ballot_replacement"),
        _fk("ballot_replacement", "participant_id", "participant"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_replacement")),
    )
    with op.batch_alter_table("ballot_replacement") as batch:
        batch.create_index(batch.f("ix_ballot_replacement_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    op.drop_table("ballot_replacement")
    op.drop_table("voter_code")
    op.drop_table("ballot_round_item")
    with op.batch_alter_table("ballot_round") as batch:
        batch.drop_column("uses_codes")
        batch.drop_column("top_k")
