"""Ideas remember the opportunity they were promoted into; a workshop has a start time and a timed agenda.

- `idea.opportunity_id`: the opportunity an idea was made into (promoted or merged with others), so the
  opportunity shows the ideas it came from; deleting the opportunity leaves the ideas, unpromoted.
- `workshop.starts_at`: the time of day the workshop starts, from which the agenda's start times follow.
- `agenda_item`: the timed agenda, in order: an activity's title, its minutes (1-600), the phase it belongs
  to (or none, e.g. a break) and notes. Rows carry a `uid` so a merge matches them as it does tasks.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reflecting only `idea` itself: following its keys would reflect `participant`, whose expression index
    # (0004) SQLAlchemy cannot read back.
    with op.batch_alter_table("idea", reflect_kwargs={"resolve_fks": False}) as batch:
        batch.add_column(sa.Column("opportunity_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_idea_opportunity_id_opportunity"),
            "opportunity",
            ["opportunity_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_idea_opportunity_id"), ["opportunity_id"])
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("phase", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("minutes BETWEEN 1 AND 600", name=op.f("ck_agenda_item_minutes_1_to_600")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint("uid", name=op.f("uq_agenda_item_uid")),
    )


def downgrade() -> None:
    op.drop_table("agenda_item")
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("starts_at")
    with op.batch_alter_table("idea", reflect_kwargs={"resolve_fks": False}) as batch:
        batch.drop_index(op.f("ix_idea_opportunity_id"))
        batch.drop_constraint(op.f("fk_idea_opportunity_id_opportunity"), type_="foreignkey")
        batch.drop_column("opportunity_id")
