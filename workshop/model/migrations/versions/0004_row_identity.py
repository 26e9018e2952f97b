"""Rows keep one identity across files; a person without a team is unique too; a workshop has a label salt.

- `uid` on every table a merge matches by row rather than by name (tasks, ideas, feedback, caution flags,
  replaced-ballot records): a random UUID set when the row is made. Copies of one file share them, so a
  merge recognises its own rows, while two cards typed alike are two rows. Existing rows get fresh ones.
- `uq_participant_name_team` becomes a unique index over (name, coalesce(team_id, 0)): the constraint it
  replaces let any number of people of one name without a team through, as NULLs never equal each other.
  SQLite and PostgreSQL both keep expression indexes. People of one name without a team that a file
  already holds (the old constraint let them in) are told apart first: the second is renamed "Name (2)",
  and so on, so every person and their ballots stay. A later batch migration of `participant` must create
  this index again: SQLite's table rebuild does not carry expression indexes over.
- `workshop.label_salt`: a secret per workshop (32 hex digits) that anonymous labels are made with, so a
  label cannot be worked back from the round and participant ids.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import secrets
import uuid
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

IDENTIFIED_TABLES = ("task", "idea", "feedback_item", "caution_flag", "ballot_replacement")


def _add_filled_column(
    table: str, column: sa.Column[str], fresh: Callable[[], str], *, unique: bool = False
) -> None:
    """Adds a required column, giving every existing row its own fresh value first."""
    with op.batch_alter_table(table) as batch:
        batch.add_column(sa.Column(column.name, column.type, nullable=True))
    rows = sa.table(table, sa.column("id", sa.Integer()), sa.column(column.name, column.type))
    connection = op.get_bind()
    ids = connection.execute(sa.select(rows.c.id)).scalars().all()
    if ids:
        change = rows.update().where(rows.c.id == sa.bindparam("row_id"))
        connection.execute(
            change.values({column.name: sa.bindparam("fresh")}),
            [{"row_id": row_id, "fresh": fresh()} for row_id in ids],
        )
    # One rebuild of the table on SQLite for both changes.
    with op.batch_alter_table(table) as batch:
        batch.alter_column(column.name, existing_type=column.type, nullable=False)
        if unique:
            batch.create_unique_constraint(op.f(f"uq_{table}_{column.name}"), [column.name])


def _tell_apart_people_of_one_name_without_a_team() -> None:
    """Numbers the second and later people of one name without a team ("Sam Roe (2)"), oldest row first."""
    people = sa.table(
        "participant", sa.column("id", sa.Integer()), sa.column("name", sa.Text()), sa.column("team_id")
    )
    connection = op.get_bind()
    without_team = connection.execute(
        sa.select(people.c.id, people.c.name).where(people.c.team_id.is_(None)).order_by(people.c.id)
    ).all()
    taken = {name for _, name in without_team}
    seen: set[str] = set()
    for row_id, name in without_team:
        if name in seen:
            number = 2
            while f"{name} ({number})" in taken:
                number += 1
            name = f"{name} ({number})"
            taken.add(name)
            connection.execute(people.update().where(people.c.id == row_id).values(name=name))
        seen.add(name)


def upgrade() -> None:
    for table in IDENTIFIED_TABLES:
        _add_filled_column(
            table, sa.Column("uid", sa.String(length=36)), lambda: uuid.uuid4().hex, unique=True
        )
    _add_filled_column("workshop", sa.Column("label_salt", sa.Text()), lambda: secrets.token_hex(16))
    with op.batch_alter_table("participant") as batch:
        batch.drop_constraint("uq_participant_name_team", type_="unique")
    _tell_apart_people_of_one_name_without_a_team()
    op.create_index(
        "uq_participant_name_team",
        "participant",
        [sa.text("name"), sa.text("coalesce(team_id, 0)")],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_participant_name_team", table_name="participant")
    with op.batch_alter_table("participant") as batch:
        batch.create_unique_constraint("uq_participant_name_team", ["name", "team_id"])
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("label_salt")
    for table in IDENTIFIED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"uq_{table}_uid"), type_="unique")
            batch.drop_column("uid")
