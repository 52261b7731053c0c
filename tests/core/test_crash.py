"""A process killed with SIGKILL mid-write leaves a consistent database with nothing half-saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gridterm.store import Store
from tests.conftest import PIN

BATCH = 50

WRITER = textwrap.dedent(f"""
    import sys
    from tests.conftest import Territory
    from gridterm.services.visits import Visits
    from gridterm.store import Store
    from gridterm.ids import new_id

    store = Store.unlock(sys.argv[1], "w1", "{PIN}")
    territory = Territory(store)
    hid = territory.household()
    session = territory.session()
    visits = Visits(session)
    print("ready", flush=True)
    while True:
        # Each transaction holds {BATCH} visits: a kill lands inside one most of the time.
        def write(tx):
            for _ in range({BATCH}):
                visits_row = dict(id=new_id(), household_id=hid, user_id=session.user.id,
                                  visited_at="2026-11-20T09:00:00+00:00",
                                  visit_type="routine", outcome="nothing_raised",
                                  notes="x" * 2000, created_at="2026-11-20T09:00:00+00:00")
                tx.insert("visit", visits_row)
        store.write(write)
""")


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.9])
def test_sigkill_mid_write_leaves_whole_transactions_only(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "crash.db"
    Store.create(path, "w1", PIN).close()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=root,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with Store.unlock(path, "w1", PIN) as store:
        assert store.query("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        visits = store.query("SELECT count(*) n FROM visit")[0]["n"]
        outbox = store.query("SELECT count(*) n FROM outbox WHERE entity = 'visit'")[0]["n"]
        orphans = store.query(
            "SELECT count(*) n FROM visit v LEFT JOIN outbox o ON o.entity_id = v.id "
            "WHERE o.seq IS NULL"
        )[0]["n"]
    assert visits > 0, "the writer was killed before it wrote anything; raise the delay"
    assert visits == outbox and orphans == 0
    assert visits % BATCH == 0
