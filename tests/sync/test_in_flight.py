"""A push batch in flight is held in memory, not written to the outbox before it leaves: its
ops stay pending until the answer settles them (one write per op), except ops a photo may
still be renamed in, which are marked sent first; a push stopped with batches in flight marks
them sent (docs/sync.md, "Push"; docs/sync-contract.md, guarantees 2 and 3)."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from PIL import Image

from gridterm.services.attachments import add_attachment
from gridterm.services.visits import Visits
from tests.sync.conftest import (
    FAST,
    Terminal,
    assert_exactly_once,
    record_visits,
    server_ids,
)


def _states_while_pushing(t: Terminal) -> list[dict[str, int]]:
    """The outbox's rows per state each time a push request leaves."""
    seen: list[dict[str, int]] = []
    call = t.login.transport.call

    def watched(method: str, path: str, **kw: Any) -> Any:
        if path == "/v1/sync/push":
            seen.append(t.outbox_states())
        return call(method, path, **kw)

    t.login.transport.call = watched  # type: ignore[method-assign]
    return seen


def test_a_batch_in_flight_is_not_written_before_its_answer(server, district, new_terminal):
    t = new_terminal(district, "w1", server.url, settings=replace(FAST, first_batch_ops=100))
    ids = record_visits(t, district.households["g1"], 300)
    seen = _states_while_pushing(t)
    report = t.sync()
    assert report.ok, report
    assert len(seen) >= 2
    assert all("sent" not in states for states in seen), seen  # in flight, still pending
    assert_exactly_once(server, t, ids)


def test_a_lost_answer_leaves_its_batch_sent_and_the_next_sync_settles_it_once(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url, settings=replace(FAST, attempts=1))
    ids = record_visits(t, district.households["g1"], 300)
    before = proxy.bytes_down
    t.login.me()
    proxy.cut_response_after(proxy.bytes_down - before + 20)  # the push's answer: lost
    failed = t.sync()
    assert not failed.ok and proxy.cuts == 1
    assert t.outbox_states() == {"sent": 300}  # went out, not shown as synced
    report = t.sync()
    assert report.ok, report
    assert report.duplicates == 300  # the server had committed every one
    assert_exactly_once(server, t, ids)


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buf, "JPEG")
    return buf.getvalue()


def test_an_op_naming_a_photo_is_marked_sent_before_it_leaves(server, district, new_terminal):
    t = new_terminal(district, "w1", server.url)
    ids = record_visits(t, district.households["g1"], 20)
    session = t.session()
    sha = add_attachment(session, _jpeg(), "image/jpeg").sha256
    with_photo = Visits(session).record(
        household_id=district.households["g1"][0],
        visited_at="2026-11-20T10:00:00+08:00",
        visit_type="routine",
        outcome="nothing_raised",
        photos=[sha],
    )
    seen = _states_while_pushing(t)
    report = t.sync()
    assert report.ok, report
    # photo_prep never renames a photo in an op that went out: that one is marked first
    assert seen[0] == {"pending": 20, "sent": 1}, seen
    visits = [*ids, with_photo.id]
    assert sorted(server_ids(server, "visit", visits)) == sorted(visits)
    assert t.outbox_states() == {"confirmed": 22}  # and the photo's attachment record
