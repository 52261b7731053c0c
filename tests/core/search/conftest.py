"""Search test fixtures: a store whose search index follows every write, and a register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gridterm.search import index
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF
from tests.core.search.register import Register


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store whose search index follows every write."""
    with Store.create(tmp_path / "t.db", "w1", "123456", FAST_KDF) as store:
        index.install(store)
        yield store


@pytest.fixture
def register(store: Store) -> Register:
    """A small register in that store."""
    return Register(store)
