"""No plaintext personal data in a terminal's files while it syncs, nor after (issue 16).

Terminal A (grid worker w1, enrolled on the real server) registers a resident with an ID
number and a health status and reports a ticket about the household with a photo (a real
JPEG, downscaled before upload), then syncs; terminal B (w2, a second worker of the same grid,
or s1, the community's supervisor) makes its first sync: the area's snapshot, then the
ticket's photo; a later correction then reaches B by the pull. While each sync runs,
every file opened, renamed or removed under the terminal's data folder and the temp folder is
read just before (an audit hook), both folders are scanned from another thread and again at
each change of sync stage, and both are scanned once more after: none may hold the name, the
ID number or the health status (UTF-8 or UTF-16), nor a JPEG (its magic at the start, its
JFIF header or a run of its bytes anywhere)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PIL import Image, ImageDraw

from gridterm.services.attachments import add_attachment
from gridterm.services.register import Register
from gridterm.services.tickets import Tickets
from sync.client.photo_scaling import downscale
from sync.client.report import SyncReport
from sync.client.settings import SyncSettings
from tests.security.scan import JPEG_HEADERS, Leak, Sampler, found_in, markers, scan, watch
from tests.sync import district as districts
from tests.sync.conftest import Terminal, make_terminal

NAME, ID_NUMBER, HEALTH = "王秀英", "110105195803150025", "精神疾病规律服药"
#: The health status A corrects it to later (it reaches B by the pull).
LATER = "冠心病长期服药"
#: Written into the photo's JPEG comment (the original keeps it; the downscaled copy not).
PHOTO_NOTE = "户籍照片-王秀英家"


def _photo() -> bytes:
    """A real JPEG larger than the upload's longest side, so it is downscaled on the way."""
    image = Image.radial_gradient("L").resize((2600, 1950)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for x in range(0, 2600, 130):
        draw.line([(x, 0), (2600 - x, 1950)], fill=(200, 60, 30), width=9)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, comment=PHOTO_NOTE.encode())
    return out.getvalue()


ORIGINAL = _photo()
UPLOADED = downscale(ORIGINAL, SyncSettings().photo_max_side) or ORIGINAL
#: What must never be readable: the resident's details, either photo's header or its bytes.
WANTED = (
    *markers(NAME, ID_NUMBER, HEALTH, LATER, PHOTO_NOTE),
    *JPEG_HEADERS,
    *(p[len(p) // 2 : len(p) // 2 + 48] for p in (ORIGINAL, UPLOADED)),
)


@pytest.fixture
def temp(tmp_path, monkeypatch) -> Path:
    """The temp folder of this test only (Python's, and TMPDIR for anything else)."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def _record(a: Terminal, grid: str, household: str) -> tuple[str, str]:
    """The resident and a ticket with the photo, on A; returns (resident id, ticket id)."""
    s = a.session()
    resident = Register(s).add_resident(
        household, name=NAME, gender="female", id_number=ID_NUMBER, health=HEALTH
    )
    sha = add_attachment(s, ORIGINAL, "image/jpeg").sha256
    ticket = Tickets(s).open(
        grid_id=grid,
        category="环境卫生",
        title="楼道堆放杂物",
        household_id=household,
        photos=(sha,),
    )
    return resident.id, ticket.id


class Watched(NamedTuple):
    """A sync watched: its report, what was found, the stages seen and how many of the
    sync's own file events (opened, renamed, removed) the hook read."""

    report: SyncReport
    leaks: list[Leak]
    stages: list[str]
    file_events: int


def _watched_sync(t: Terminal, temp: Path) -> Watched:
    """One sync with its folders watched every way."""
    roots = [t.path.parent, temp]
    stages: list[str] = []
    between: list[Leak] = []

    def at_each_stage(phase: str, done: int, total: int) -> None:
        if not stages or stages[-1] != phase:
            stages.append(phase)
            between.extend(scan(roots, WANTED, f"at {phase}"))

    t.engine.progress = at_each_stage
    with watch(roots, WANTED) as hook, Sampler(roots, WANTED) as sampler:
        report = t.sync()
    assert sampler.passes >= 2 and sampler.reads > 0  # it looked
    leaks = [*hook.leaks, *sampler.leaks, *between, *scan(roots, WANTED)]
    return Watched(report, leaks, stages, hook.events)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Terminals a test opens, closed after it."""
    opened: list[Terminal] = []
    yield opened
    for t in opened:
        t.close()


@pytest.mark.parametrize("second", ["w2", "s1"])
def test_no_plaintext_on_either_terminal_during_or_after_a_sync(
    sync_server, temp, tmp_path, terminals, second
):
    d = districts.build(sync_server.engine)
    household = d.households["g1"][0]
    a = make_terminal(tmp_path, d, "w1", sync_server.url, name="A")
    terminals.append(a)
    assert a.sync().ok
    resident_id, ticket_id = _record(a, d.grids["g1"], household)
    pushed = _watched_sync(a, temp)
    assert pushed.report.ok and pushed.report.photos == 1, pushed.report
    assert {"push", "photos"} <= set(pushed.stages) and pushed.file_events > 0  # it read them
    assert pushed.leaks == []
    b = make_terminal(tmp_path, d, second, sync_server.url, name="B")
    terminals.append(b)
    first = _watched_sync(b, temp)
    report = first.report
    assert report.ok and report.snapshot_bytes > 0 and report.photos_downloaded == 1, report
    assert "photos_down" in first.stages and first.file_events > 0
    assert first.leaks == []
    # what could have leaked is there: the resident in clear through the app, the photo
    session = b.session()
    residents = Register(session).residents(household)
    assert [(r.id, r.name, r.id_number, r.health) for r in residents] == [
        (resident_id, NAME, ID_NUMBER, HEALTH)
    ]
    photos = Tickets(session).get(ticket_id).photos
    assert found_in(b.store.blobs.get(photos[0]), WANTED)  # the scan would see it
    # a later change comes by the pull, not a snapshot
    Register(a.session()).edit_resident(resident_id, health=LATER)
    assert _watched_sync(a, temp).leaks == []
    pulled = _watched_sync(b, temp)
    report = pulled.report
    assert report.ok and report.snapshot_bytes == 0 and report.pulled >= 1, report
    assert pulled.leaks == []
    assert [r.health for r in Register(b.session()).residents(household)] == [LATER]
