"""The Alembic migrations build exactly the schema the code declares, on both backends."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from sync.server.db import changes
from sync.server.db.engine import writing
from sync.server.db.migrate import current_revision, head_revision, upgrade
from sync.server.db.retention import include_name, partitioned
from sync.server.db.schema import metadata
from tests.server.migrating import old_database, upgraded


def test_migrations_match_the_declared_schema(server):
    assert current_revision(server.engine) == head_revision()
    with server.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        drift = compare_metadata(context, metadata)
    assert drift == []


def test_the_change_log_is_partitioned_by_month_on_postgresql(server):
    with server.engine.connect() as conn:
        assert partitioned(conn) == (server.backend == "postgresql")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_schema_6_carries_the_change_log_forward(backend, tmp_path) -> None:
    """Entries logged before schema 6 stay, in order, and seq goes on rising after them."""
    with old_database(backend, tmp_path) as engine:
        with upgraded(engine, "0005") as conn:
            conn.execute(
                text(
                    "INSERT INTO change_log (txid, partition, entity, entity_id, op)"
                    " VALUES (0, 'g1', 'visit', 'v1', 'upsert'),"
                    " (0, 'g1', 'visit', 'v2', 'upsert')"
                )
            )
        upgrade(engine)
        with writing(engine) as conn:
            changes.record(conn, 0, [("g1", "visit", "v3", changes.UPSERT)])
            rows = conn.execute(
                text(
                    "SELECT seq, entity_id, logged_at FROM change_log"
                    " WHERE entity = 'visit' ORDER BY seq"
                )
            ).all()
            assert partitioned(conn) == (backend == "postgresql")
        assert [r.entity_id for r in rows] == ["v1", "v2", "v3"]
        assert len({r.seq for r in rows}) == 3 and all(r.logged_at > 0 for r in rows)
