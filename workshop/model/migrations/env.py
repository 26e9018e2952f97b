"""Alembic runs this for every schema change; the app hands it an open connection (see store.py)."""

from alembic import context

from workshop.model.entities import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("workshop migrations run from the app: open the file with `workshop check PATH`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
