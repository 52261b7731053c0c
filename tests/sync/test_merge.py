"""Two terminals editing the same household and the same ticket offline: the server merges
field by field, a field changed on both sides is kept as a conflict on both the server and
the terminal, nothing is lost (docs/sync-contract.md, guarantee 7)."""

from __future__ import annotations

from sqlalchemy import select

from gridterm.services.register import Register
from gridterm.services.sync_conflicts import SyncConflicts
from gridterm.services.tickets import Tickets
from sync.server.db import schema
from tests.sync.conftest import make_terminal
from tests.sync.helpers import puller


def _server_row(server, table, row_id):
    t = schema.metadata.tables[table]
    with server.engine.connect() as conn:
        return conn.execute(select(t).where(t.c.id == row_id)).mappings().one()


def _server_conflicts(server, entity_id):
    c = schema.conflict
    with server.engine.connect() as conn:
        return {
            r.field: r.terminal_value
            for r in conn.execute(select(c).where(c.c.entity_id == entity_id))
        }


def _edit_ticket(t, ticket_id, **changes):
    # the shape of a ticket edit (title/description) as the app writes it
    t.store.write(lambda tx: tx.update("ticket", ticket_id, changes))


def test_same_household_and_ticket_edited_on_two_terminals(tmp_path, server, district, proxy):
    a = make_terminal(tmp_path, district, "w1", proxy.url, name="a")
    b = make_terminal(tmp_path, district, "w2", proxy.url, name="b")
    try:
        assert a.sync().ok
        ticket = Tickets(a.session()).open(
            grid_id=district.grids["g1"], category="环境卫生", title="楼道堆放杂物"
        )
        assert a.sync().ok
        assert b.sync().ok
        household = district.households["g1"][0]

        # both offline
        Register(a.session()).edit_household(household, phone="13800000001", notes="A的备注")
        Register(b.session()).edit_household(household, phone="13900000002", rental=True)
        Tickets(a.session()).act(ticket.id, "accept", note="A受理")
        Tickets(b.session()).act(ticket.id, "accept", note="B也受理")
        _edit_ticket(a, ticket.id, description="A写的说明")
        _edit_ticket(b, ticket.id, description="B写的说明")

        first = a.sync()
        assert first.ok and first.conflicts == 0, first
        second = b.sync()
        assert second.error is None and second.rejected == 0, second
        assert second.conflicts == 3, second  # phone, the ticket's status, its description

        # the server: first writer's values, the other field merged in, conflicts recorded
        h = _server_row(server, "household", household)
        assert (h["phone"], h["notes"], h["rental"]) == ("13800000001", "A的备注", 1)
        assert _server_conflicts(server, household) == {"phone": '"13900000002"'}
        on_ticket = _server_conflicts(server, ticket.id)
        assert set(on_ticket) == {"status", "description"}
        assert "B也受理" in on_ticket["status"] and "B写的说明" in on_ticket["description"]
        tk = _server_row(server, "ticket", ticket.id)
        assert (tk["status"], tk["description"]) == ("accepted", "A写的说明")

        # terminal B shows both values, and its copy now matches the server
        seen = {(c.entity, c.field): c for c in SyncConflicts(b.session()).open()}
        assert seen[("household", "phone")].local_value == "13900000002"
        assert seen[("household", "phone")].server_value == "13800000001"
        assert seen[("ticket", "description")].local_value == "B写的说明"
        assert seen[("ticket", "status")].server_value == "accepted"
        row = b.store.query("SELECT phone, rental FROM household WHERE id = ?", (household,))
        assert row == [{"phone": "13800000001", "rental": 1}]

        # A gets B's merged field on its next pull, and the conflicts as the server holds
        # them: both terminals and the server agree on which are open
        assert a.sync().ok
        assert a.store.query("SELECT rental FROM household WHERE id = ?", (household,)) == [
            {"rental": 1}
        ]
        on_server = {c.id for c in _open_on_server(server, district)}
        assert {c.id for c in SyncConflicts(a.session()).open()} == on_server
        assert {c.id for c in SyncConflicts(b.session()).open()} == on_server
        assert len(on_server) == 3
    finally:
        a.close()
        b.close()


def test_pull_never_overwrites_an_unsent_edit_and_shows_the_conflict(
    server, district, proxy, new_terminal
):
    a = new_terminal(district, "w1", proxy.url, name="a")
    b = new_terminal(district, "w2", proxy.url, name="b")
    household = district.households["g1"][1]
    Register(b.session()).edit_household(household, notes="B还没发出去的备注")
    Register(a.session()).edit_household(household, notes="A的备注", phone="13700000003")
    assert a.sync().ok

    # B pulls before it pushes (as when its push was deferred): its edit must survive
    stats = puller(b, district.user_ids["w2"]).pull_all()
    assert stats.merge.conflicts == 1
    row = b.store.query("SELECT notes, phone FROM household WHERE id = ?", (household,))
    assert row == [{"notes": "B还没发出去的备注", "phone": "13700000003"}]
    (conflict,) = SyncConflicts(b.session()).open()
    assert (conflict.field, conflict.source) == ("notes", "pull")
    assert (conflict.local_value, conflict.server_value) == ("B还没发出去的备注", "A的备注")

    # the push then reports the same conflict from the server: still one, both values kept
    report = b.sync()
    assert report.error is None and report.conflicts == 1
    (confirmed,) = SyncConflicts(b.session()).open()
    assert confirmed.id == conflict.id  # the server names it as the pull did
    assert (confirmed.source, confirmed.local_value) == ("server", "B还没发出去的备注")
    assert confirmed.by_user == district.user_ids["w2"] and confirmed.written_at
    assert _server_conflicts(server, household) == {"notes": '"B还没发出去的备注"'}


def _open_on_server(server, district):
    c = schema.conflict
    grids = list(district.grids.values())
    with server.engine.connect() as conn:
        return conn.execute(select(c).where(c.c.status == "open", c.c.grid_id.in_(grids))).all()
