"""Which install extra brings a module, for one clear line when it is missing."""

from __future__ import annotations

#: Top-level module → the extra that installs it (pyproject.toml).
EXTRA_OF = {
    "PySide6": "ui",
    "shiboken6": "ui",
    "qasync": "ui",
    "requests": "sync",
    "PIL": "sync",
    "rich": "sync",
    "zstandard": "sync",
    "pydantic": "sync",
    "sqlcipher3": "terminal",
    "pypinyin": "terminal",
    "platformdirs": "terminal",
}
#: Top-level modules only the server extra installs.
SERVER_MODULES = ("fastapi", "fastapi_offline", "uvicorn", "sqlalchemy", "alembic", "psycopg",
                  "msgspec", "openpyxl", "pydantic_settings", "pythonjsonlogger")  # fmt: skip


def missing_extra(exc: ModuleNotFoundError, *, server: bool = False) -> str | None:
    """The line telling what to install for ``exc``; None if no extra brings that module."""
    top = (exc.name or "").split(".")[0]
    extra = "server" if server and (top in SERVER_MODULES or top in EXTRA_OF) else None
    extra = extra or EXTRA_OF.get(top) or ("server" if top in SERVER_MODULES else None)
    if extra is None:
        return None
    return f"{top} is not installed: install gridterm[{extra}] (pip install 'gridterm[{extra}]')"
