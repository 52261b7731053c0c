"""How a server instance is configured: one typed settings object (pydantic-settings).

Each value comes from, first to last: a flag of ``gridterm-server serve``, the environment
(``GRIDTERM_DB``, ``GRIDTERM_BLOB_DIR``, ``GRIDTERM_PORT`` … — the field's name in capitals
after ``GRIDTERM_``), the TOML file named by ``--config`` or ``GRIDTERM_CONFIG``, the default.
``serve`` hands the result to its worker processes through the environment (``as_env``), so
every worker reads the same object back (``Settings()`` in the app factory).
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_DB = "gridterm-server.db"
DEFAULT_BLOB_DIR = "gridterm-blobs"
CONFIG_ENV = "GRIDTERM_CONFIG"
#: The file ``Settings.load`` reads (the environment's GRIDTERM_CONFIG otherwise).
_config_file: ContextVar[Path | None] = ContextVar("gridterm_config_file", default=None)


class Settings(BaseSettings):
    """Everything an instance needs; it keeps no other state between requests."""

    model_config = SettingsConfigDict(env_prefix="GRIDTERM_", frozen=True, extra="forbid")

    #: postgresql://user@host/dbname, sqlite:///file or a file path.
    db: str = DEFAULT_DB
    blob_dir: Path = Path(DEFAULT_BLOB_DIR)
    #: Where photos and snapshots are kept when not in ``blob_dir``: ``s3://bucket/prefix`` of
    #: an S3-compatible object store every instance reaches (docs/scaling.md); credentials from
    #: boto3's usual sources (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, a role).
    blob_store: str = ""
    #: The object store's address when it is not AWS's (MinIO, Ceph, a cloud's S3 API).
    s3_endpoint_url: str = ""
    #: Apply migrations when starting (the SQLite default); PostgreSQL uses `migrate`.
    migrate_on_start: bool | None = None
    #: Database connections per worker process.
    pool_size: int = 10
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_format: Literal["text", "json"] = "text"
    #: Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed
    #: (comma-separated, or * for any); the server sits behind nginx (deploy/).
    forwarded_allow_ips: str = "127.0.0.1"
    #: The path prefix the proxy serves the API under (e.g. /gridterm), for links in /docs.
    root_path: str = ""

    @model_validator(mode="before")
    @classmethod
    def _db_url_is_db(cls, values: Any) -> Any:
        """``db_url=`` (the older keyword) names ``db``."""
        if isinstance(values, dict) and "db_url" in values:
            values = {**values}
            values["db"] = values.pop("db_url")
        return values

    @property
    def db_url(self) -> str:
        """The database URL (or file path)."""
        return self.db

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags, then the environment, then the optional TOML file."""
        path = _config_file.get() or os.environ.get(CONFIG_ENV)
        if not path:
            return init_settings, env_settings
        if not Path(path).is_file():
            raise FileNotFoundError(f"no configuration file at {path}")
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, Path(path))

    @classmethod
    def load(cls, config: Path | None = None, **flags: Any) -> Settings:
        """The settings of ``flags`` (given on the command line), the environment and
        ``config`` (a TOML file of the same names, lower case)."""
        token = _config_file.set(config)
        try:
            return cls(**flags)
        finally:
            _config_file.reset(token)

    def as_env(self) -> dict[str, str]:
        """These settings as GRIDTERM_* variables (for worker processes)."""
        values = self.model_dump(exclude_none=True)
        return {f"GRIDTERM_{name.upper()}": str(value) for name, value in values.items()}

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from the environment (for ``uvicorn --factory``)."""
        return cls()
