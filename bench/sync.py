"""Benchmark of the terminal's sync engine against the real server; one JSON object last.

1. Throughput: a terminal holding 10,000 unsent visits syncs with a server on SQLite over
   loopback (both on this machine, the server in its own process). ``sync_records_per_s``
   counts from the start of the sync until every record is confirmed on the terminal;
   ``full_sync_records_per_s`` includes the pull that follows (the terminal's own visits,
   stored exactly as it sent them, are not sent back to it).
   ``wire_bytes_per_record`` is measured at the HTTP level (request/status lines, headers,
   bodies) in both directions; ``wire_bytes_up_per_record`` the terminal's uploads only.
2. A month offline: 3,000 records (visits, check-ins, household edits, tickets) and 300
   photos of about 1.5 MB (4000×3000 JPEG), over a link throttled to 2 Mbit/s each way that
   is cut every 20 s, through the fault-injecting proxy of tests/sync. Time is compressed by
   ``--scale`` (default 8): the link runs at 2 Mbit/s × scale, is cut every 20 s ÷ scale,
   and every duration of the engine (retry waits, the target duration of one request that
   sizes batches and chunks) is divided by scale, so the same bytes pass between two cuts as
   on the real link. ``offline_month_s`` = wall time × scale (the CPU work inside it is
   scaled too, which only overstates it). The photos are downscaled while the terminal is
   still offline (``SyncEngine.prepare_photos``, run by the app's background sync when
   there is no network); that CPU time is reported apart as ``month_offline_prep_cpu_s``.
   ``month_records_confirmed_s`` is how long until every record is confirmed (before the
   pull and the photos). ``reference_loop_s`` is the machine's speed at the end of the run
   (``bench/cpu.reference_loop_s``: smaller is faster). ``resent_fraction`` = bytes sent
   again after a cut ÷ bytes that had to be sent (push bodies + photos after downscaling);
   a push body cut anywhere counts whole.

Usage::

    .venv/bin/python bench/sync.py [--records 10000] [--runs 3] [--scale 16] [--skip-month]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageFilter  # noqa: E402

from bench.cpu import cpu_seconds, reference_loop_s  # noqa: E402
from gridterm.domain.visits import Visit  # noqa: E402
from gridterm.ids import new_id  # noqa: E402
from gridterm.services.attachments import add_attachment  # noqa: E402
from gridterm.services.register import Register  # noqa: E402
from gridterm.services.rounds import Rounds  # noqa: E402
from gridterm.services.tickets import Tickets  # noqa: E402
from gridterm.services.visits import Visits, visit_row  # noqa: E402
from sync.client.report import SyncReport  # noqa: E402
from sync.client.settings import SyncSettings  # noqa: E402
from tests.sync import district as districts  # noqa: E402
from tests.sync.conftest import Terminal, make_terminal  # noqa: E402
from tests.sync.proxy import FaultProxy  # noqa: E402
from tests.sync.server_process import ServerProcess  # noqa: E402

LINK_BPS = 2_000_000
CUT_EVERY_S = 20.0


def _visits(t: Terminal, households: list[str], n: int) -> None:
    """``n`` unsent visits written in one transaction (set-up, not timed)."""
    user_id = t.session().user.id

    def write(tx) -> None:  # type: ignore[no-untyped-def]
        for i in range(n):
            visit = Visit.create(
                id=new_id(),
                household_id=households[i % len(households)],
                user_id=user_id,
                visited_at="2026-11-20T09:30:00+08:00",
                visit_type="routine",
                met=["张三"],
                outcome="nothing_raised",
                notes=f"入户走访，了解近况 {i}",
            )
            tx.insert("visit", visit_row(visit))

    t.store.write(write)


def throughput(srv: ServerProcess, root: Path, records: int, runs: int) -> dict[str, float]:
    """Sync ``records`` unsent visits ``runs`` times (fresh district and terminal each)."""
    results: list[tuple[float, SyncReport, float, float]] = []
    assert srv.proc is not None
    for run in range(runs):
        d = districts.build(srv.engine, households_per_grid=100)
        t = make_terminal(root / f"t{run}", d, "w1", srv.url, settings=SyncSettings())
        try:
            assert t.sync().ok
            _visits(t, d.households["g1"], records)
            cpu, own = cpu_seconds(srv.proc.pid), time.process_time()
            report = t.sync()
            cpu, own = cpu_seconds(srv.proc.pid) - cpu, time.process_time() - own
            assert report.ok and report.confirmed == records, report
            until_confirmed = report.seconds - report.pull_seconds - report.photo_seconds
            per_1000 = 1000 / (records / 1000)
            results.append((until_confirmed, report, cpu * per_1000, own * per_1000))
        finally:
            t.close()
    until_confirmed, report, _, _ = sorted(results, key=lambda r: r[0])[len(results) // 2]
    cpu_runs, own_runs = [r[2] for r in results], [r[3] for r in results]
    return {
        "sync_records_per_s": round(records / until_confirmed),
        "full_sync_records_per_s": round(records / report.seconds),
        "sync_s_runs": [round(r[0], 3) for r in results],
        # the server's CPU for the whole sync (push, and the pull that follows) per 1,000
        "server_cpu_ms_per_1000": round(sorted(cpu_runs)[len(cpu_runs) // 2], 1),
        "server_cpu_ms_per_1000_runs": [round(c, 1) for c in cpu_runs],
        # the terminal's (this process's, every thread) for the same sync
        "terminal_cpu_ms_per_1000": round(sorted(own_runs)[len(own_runs) // 2], 1),
        "requests": report.requests,
        "wire_bytes_per_record": round(report.bytes / records, 1),
        "wire_bytes_up_per_record": round(report.payload_bytes / records, 1),
    }


def _photos(n: int, seed: int = 7) -> list[bytes]:
    """``n`` distinct photo-like 4000×3000 JPEGs of about 1.5 MB."""
    rng = random.Random(seed)
    w, h = 4000, 3000
    small = Image.frombytes("RGB", (w // 16, h // 16), rng.randbytes((w // 16) * (h // 16) * 3))
    picture = small.resize((w, h), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(6))
    picture = Image.blend(picture, Image.effect_noise((w, h), 18).convert("RGB"), 0.12)
    out = []
    for i in range(n):
        frame = picture.copy()
        left = i * 13 % 3800  # a mark of its own: every photo has another digest
        frame.paste((rng.randrange(256), rng.randrange(256), i % 256), (left, 40, left + 160, 200))
        buf = io.BytesIO()
        frame.save(buf, "JPEG", quality=80)
        out.append(buf.getvalue())
    return out


def _month(t: Terminal, d: districts.District, photos: list[bytes]) -> int:
    """A month of one worker's records (3,000), 300 of them visits with a photo."""
    session = t.session()
    visits, rounds = Visits(session), Rounds(session)
    register, tickets = Register(session), Tickets(session)
    households = d.households["g1"] + d.households["g2"]
    records = 0
    for day in range(30):
        for i in range(10):
            photo = photos[day * 10 + i]
            sha = add_attachment(session, photo, "image/jpeg").sha256
            visits.record(
                household_id=households[(day * 10 + i) % len(households)],
                visited_at=f"2026-10-{day + 1:02d}T10:{i:02d}:00+08:00",
                visit_type="routine",
                outcome="nothing_raised",
                notes="现场拍照留存",
                photos=[sha],
            )
        for i in range(73):
            visits.record(
                household_id=households[(day * 73 + i) % len(households)],
                visited_at=f"2026-10-{day + 1:02d}T14:{i % 60:02d}:00+08:00",
                visit_type="routine",
                met=["住户本人"],
                outcome="nothing_raised",
                notes=f"入户走访 {day}-{i}",
            )
        rounds.check("in")
        rounds.check("out")
        for i in range(5):
            register.edit_household(households[(day * 5 + i) % len(households)], notes=f"备注{day}")
        for i in range(5):
            tickets.open(grid_id=d.grids["g1"], category="环境卫生", title=f"楼道堆物 {day}-{i}")
        records += 10 + 73 + 2 + 5 + 5 * 2
    return records


def offline_month(srv: ServerProcess, root: Path, scale: float) -> dict[str, float]:
    """The month offline, then syncs over the throttled link that is cut every 20 s."""
    d = districts.build(srv.engine, households_per_grid=50)
    proxy = FaultProxy(srv.port)
    real = SyncSettings()
    settings = replace(
        real,
        retry_base_s=real.retry_base_s / scale,
        target_request_s=real.target_request_s / scale,
        chunk_target_s=real.chunk_target_s / scale,
        attempts=20,
    )
    t = make_terminal(root / "month", d, "w1", proxy.url, settings=settings)
    try:
        assert t.sync().ok
        photos = _photos(300)
        records = _month(t, d, photos)
        prep = t.engine.prepare_photos()  # done while offline, as the app does
        proxy.throttle(LINK_BPS * scale)
        proxy.cut_every(CUT_EVERY_S / scale)
        started = time.monotonic()
        reports = []
        while True:
            report = t.sync()
            reports.append(report)
            if report.ok or len(reports) >= 20:
                break
            time.sleep(settings.retry_base_s)  # the scheduler's next try, compressed too
        wall = time.monotonic() - started
        proxy.cut_every(None)
        assert reports[-1].ok, reports[-1]
        first = reports[0]
        payload = sum(r.payload_bytes for r in reports)
        resent = sum(r.resent_bytes for r in reports)
        photo_bytes = sum(r.photo_bytes for r in reports)
        records_s = first.seconds - first.pull_seconds - first.photo_seconds
        return {
            "offline_month_s": round(wall * scale, 1),
            "resent_fraction": round(resent / payload, 4),
            "month_records_confirmed_s": round(records_s * scale, 1),
            "month_pull_s": round(first.pull_seconds * scale, 1),
            "month_photos_s": round(sum(r.photo_seconds for r in reports) * scale, 1),
            "month_records": records,
            "month_photos": sum(r.photos for r in reports),
            "month_photo_mb_taken": round(sum(map(len, photos)) / 1e6, 1),
            "month_photo_mb_sent": round(photo_bytes / 1e6, 1),
            "month_offline_prep_cpu_s": round(prep, 1),
            "month_wall_s": round(wall, 1),
            "month_syncs": len(reports),
            "month_cuts": proxy.cuts,
            "time_scale": scale,
        }
    finally:
        proxy.close()
        t.close()


def main() -> None:
    """Run both parts and print the figures (the JSON object is the last line)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=8.0)
    parser.add_argument("--skip-month", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gridterm-sync-bench-"))
    srv = ServerProcess(root / "server")
    srv.start()
    try:
        figures: dict[str, object] = {}
        if not args.skip_throughput:
            figures.update(throughput(srv, root, args.records, args.runs))
            print(json.dumps(figures), file=sys.stderr)
        if not args.skip_month:
            figures.update(offline_month(srv, root, args.scale))
    finally:
        srv.stop()
    figures["load_average_1m"] = round(os.getloadavg()[0], 2)
    figures["reference_loop_s"] = reference_loop_s()  # the machine's speed (bench/cpu.py)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
