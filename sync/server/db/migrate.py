"""Applying the Alembic migrations, and refusing to serve a database that is not current."""

from __future__ import annotations

import secrets
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, insert, select

from sync.server.db import retention, schema
from sync.server.db.engine import writing

_SCRIPTS = Path(__file__).with_name("migrations")


class SchemaNotCurrentError(RuntimeError):
    """The database is behind (or ahead of) this server's migrations."""


def alembic_config() -> Config:
    """Alembic's configuration for this server's migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    return cfg


def head_revision() -> str:
    """The newest migration this server knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Apply pending migrations, and install the built-in checklists the server has no
    template of, in one transaction; returns the revision reached."""
    cfg = alembic_config()
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        # in the same transaction as the schema: a migrated server has its default checklist
        from sync.server.admin.templates import install_built_in

        install_built_in(conn)
        retention.ensure_partitions(conn)
        if conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "instance")).first():
            return head_revision()
        # names this database in cursors, so a cursor from another database is refused
        conn.execute(insert(schema.meta).values(key="instance", value=secrets.token_hex(4)))
    return head_revision()


def check_current(engine: Engine) -> None:
    """Raise SchemaNotCurrentError unless the database is at this server's head."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaNotCurrentError(
            f"database schema is at {current or 'nothing'}, this server needs {head}: "
            "run `gridterm-server migrate --db …` first"
        )
