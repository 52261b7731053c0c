"""The terminal's instructions for one sync of 10,000 unsent visits (its push); one JSON line.

What ``bench/sync.py``'s throughput part times, counted instead: a terminal holding
``--records`` unsent visits syncs (``SyncEngine.run``, the push and the pull after it) with
the real server on SQLite over loopback, the server in its own process at full speed. Run
under callgrind, only this process's instructions inside that ``t.sync()`` are counted
(``callgrind_control -i on`` / ``off`` around it), a figure no neighbour's load moves::

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \
        .venv/bin/python bench/push_client_cpu.py --callgrind --template /tmp/push-template

then ``callgrind_annotate /tmp/cg.out | head`` (its ``PROGRAM TOTALS``) is the figure.

The set-up — a district on a server database, a terminal enrolled and after its first sync,
the unsent visits written — is made once into ``--template`` by a child process (valgrind
does not follow children, so it runs at full speed) and copied for each run, so every run
syncs the same rows. Valgrind makes the terminal some fifty times slower, which would shrink
the batches the sizer picks (``target_request_s``); it is raised so that the batches are the
shipped ones, and ``requests`` (17 for 10,000 visits, as ``bench/sync.py`` makes) says so.

Usage::

    .venv/bin/python bench/push_client_cpu.py [--records 10000] [--template DIR] [--callgrind]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sync import _visits  # noqa: E402
from sync.client.settings import SyncSettings  # noqa: E402
from tests.sync import district as districts  # noqa: E402
from tests.sync.conftest import make_terminal, open_terminal  # noqa: E402
from tests.sync.district import Area  # noqa: E402
from tests.sync.server_process import ServerProcess  # noqa: E402

#: Batches as on a real loopback (the sizer grows them to the protocol's limit), whatever
#: valgrind does to the terminal's speed.
SETTINGS = SyncSettings(target_request_s=1000.0)


def make_template(template: Path, records: int) -> None:
    """A server database and a terminal after its first sync, holding ``records`` unsent
    visits, in ``template`` (``server/``, ``terminal/``, ``area.json``)."""
    srv = ServerProcess(template / "server")
    srv.start()
    try:
        d = districts.build(srv.engine, households_per_grid=100)
        t = make_terminal(template / "terminal", d, "w1", srv.url, settings=SETTINGS)
        try:
            assert t.sync().ok
            _visits(t, d.households["g1"], records)
            path = t.path
        finally:
            t.close()
    finally:
        srv.stop()
    area = {"tag": d.tag, "workers": d.workers, "path": str(path.relative_to(template))}
    (template / "area.json").write_text(json.dumps(area))


def one_sync(template: Path, records: int, count: bool) -> dict[str, object]:
    """Copy the template, start its server, open its terminal and sync once (counted)."""
    run = Path(tempfile.mkdtemp(prefix="gridterm-push-client-cpu-"))
    shutil.copytree(template, run, dirs_exist_ok=True)
    area_doc = json.loads((run / "area.json").read_text())
    srv = ServerProcess(run / "server")
    srv.start()
    try:
        area = Area(srv.engine, area_doc["tag"], workers=area_doc["workers"])
        t = open_terminal(run / area_doc["path"], area, "w1", srv.url, settings=SETTINGS)
        try:
            started = time.process_time()
            if count:
                _callgrind(True)
            report = t.sync()
            if count:
                _callgrind(False)
            cpu = time.process_time() - started
            assert report.ok and report.confirmed == records, report
            states = t.outbox_states()
            assert states.get("pending", 0) == states.get("sent", 0) == 0, states
        finally:
            t.close()
    finally:
        srv.stop()
        shutil.rmtree(run, ignore_errors=True)
    return {
        "records": records,
        "requests": report.requests,
        "confirmed": report.confirmed,
        "wire_bytes_up_per_record": round(report.payload_bytes / records, 1),
        "terminal_cpu_ms_per_1000": round(cpu * 1000 / (records / 1000), 1),
    }


def _callgrind(on: bool) -> None:
    """Switch callgrind's counting on or off for this process (run under
    ``valgrind --tool=callgrind --instr-atstart=no``): only the sync is counted."""
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True)


def main() -> None:
    """Make the template if it is missing (in a child, at full speed), then sync once."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--template", type=Path, help="made here if missing, reused if not")
    parser.add_argument("--make-template", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--callgrind", action="store_true", help="count the sync only")
    args = parser.parse_args()
    template = args.template or Path(tempfile.mkdtemp(prefix="gridterm-push-template-"))
    if args.make_template:
        make_template(template, args.records)
        return
    if not (template / "area.json").exists():
        argv = [sys.executable, __file__, "--make-template", "--template", str(template)]
        subprocess.run([*argv, "--records", str(args.records)], check=True, cwd=ROOT)
    figures = one_sync(template, args.records, args.callgrind)
    figures["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
