"""The server judges a pushed ticket's fields by the core's rules, as the quick report does
on the terminal: a ticket with no category is refused with the reason and field the form shows,
and the rest of the batch still lands. A category the street office has since taken off its list
is kept as stored (a terminal offline for days still has the old list), so it is not tried here."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.server.helpers import op, ticket_fields


@pytest.mark.parametrize("category", ["", None])
def test_a_ticket_without_a_category_is_refused_beside_its_field(server, district, category):
    worker = district.client("grid_worker")
    uid = district.user_id("grid_worker")
    bad, good = new_id(), new_id()
    g1 = district.grids["g1"]
    r = worker.push(
        [
            op("ticket", bad, ticket_fields(g1, uid, category=category), seq=1),
            op("ticket", good, ticket_fields(g1, uid), seq=2),
        ]
    )
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["rejected", "applied"]
    assert (results[0]["reason"], results[0]["field"]) == ("field.invalid_choice", "category")
    assert results[0]["retriable"] is False
    t = schema.ticket
    with server.engine.connect() as conn:
        ids = set(conn.execute(select(t.c.id).where(t.c.id.in_([bad, good]))).scalars())
    assert ids == {good}
