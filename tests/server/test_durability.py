"""Guarantees 1–3 on the server's side: a server killed in the middle of a batch keeps all of
it or none of it; an answer is only ever sent for what is committed; the resent batch lands
exactly once."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.server.helpers import Client, build_district, op, visit_fields


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(db_url: str, blob_dir: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server.cli",
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--blob-dir",
            str(blob_dir),
        ],
        env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/healthz", timeout=2).raise_for_status()
            return proc, url
        except httpx.HTTPError:
            assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.1)


def _stored(server, ids: list[str]) -> int:
    with server.engine.connect() as conn:
        query = select(func.count()).select_from(schema.visit).where(schema.visit.c.id.in_(ids))
        return conn.execute(query).scalar_one()


def test_a_server_killed_mid_batch_keeps_all_or_nothing(server, tmp_path):
    d = build_district(server.url, server.engine, households_per_grid=5)
    terminal = d.client("grid_worker")
    uid, homes = d.user_id("grid_worker"), d.households["g1"]
    db_url = server.engine.url.render_as_string(hide_password=False)
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6):
        proc, url = _start(db_url, tmp_path / "blobs")
        doomed = Client(url)  # the same terminal, talking to the instance about to die
        doomed.device_id, doomed.token = terminal.device_id, terminal.token
        ops = []
        for i in range(1000):
            v = new_id()
            ops.append(op("visit", v, visit_fields(homes[i % 5], uid, id=v), seq=i))
        ids = [o["entity_id"] for o in ops]
        answer: list[httpx.Response] = []

        def send(c=doomed, batch=ops, out=answer):
            with contextlib.suppress(httpx.HTTPError):  # the connection dies with the server
                out.append(c.push(batch))

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        sender.join()
        doomed.close()
        stored = _stored(server, ids)
        assert stored in (0, len(ids)), "a batch is one transaction"
        if answer and answer[0].status_code == 200:
            assert stored == len(ids), "an answer means committed"
        # the terminal sends the same batch again, to a surviving instance
        again = terminal.push(ops)
        statuses = {r["status"] for r in again.json()["results"]}
        assert statuses == ({"duplicate"} if stored else {"applied"})
        assert _stored(server, ids) == len(ids)
