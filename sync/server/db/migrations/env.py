"""Alembic environment: runs on the connection handed over by sync.server.db.migrate."""

from __future__ import annotations

from alembic import context

from sync.server.db.retention import include_name
from sync.server.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
