"""The Alembic migrations build exactly the schema the code declares, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.server.db.migrate import current_revision, head_revision
from sync.server.db.schema import metadata


def test_migrations_match_the_declared_schema(server):
    assert current_revision(server.engine) == head_revision()
    with server.engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), metadata)
    assert drift == []
