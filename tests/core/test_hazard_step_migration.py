"""Schema 11 carries the hazards of the released schema forward into hazard steps: found by
the inspector with the answer's photos, escalated to its ticket, and where each stands."""

from __future__ import annotations

from pathlib import Path

from gridterm.store import Store
from tests.core.fixtures.make_schema_fixtures import AFTER, BEFORE
from tests.core.helpers import (
    FIXTURE_PIN,
    copy_fixture,
)


def steps(store: Store, hazard_id: str) -> list[tuple]:
    return [
        (r["id"], r["action"], r["from_status"], r["to_status"], r["by_user"], r["at"],
         r["photos"], r["ticket_id"])
        for r in store.query(
            "SELECT * FROM hazard_step WHERE hazard_id = ? ORDER BY at, id", (hazard_id,)
        )
    ]  # fmt: skip


def test_the_released_hazards_get_their_steps_from_what_is_known(tmp_path: Path) -> None:
    with Store.unlock(copy_fixture(10, tmp_path), "w1", FIXTURE_PIN) as store:
        found = ("found", None, "open", "u-i1", "2026-11-02T01:30:00Z", f'["{BEFORE}"]', None)
        assert steps(store, "h-open") == [("h-open:found", *found)]
        assert steps(store, "h-escalated") == [
            ("h-escalated:found", *found),
            ("h-escalated:escalated", "escalate", None, None, "", "2026-11-05T02:00:00Z",
             "[]", "t-h2"),
            ("h-escalated:carried", "carried", "open", "rectifying", "",
             "2026-11-05T02:00:01+00:00", "[]", None),
        ]  # fmt: skip
        assert steps(store, "h-closed")[-1] == (
            "h-closed:carried", "carried", "open", "closed", "", "2026-11-09T03:00:00Z",
            f'["{AFTER}"]', None,
        )  # fmt: skip
        assert [s[1] for s in steps(store, "h-reinspected")] == ["found", "carried"]
        # carried forward, not new work: nothing goes to the server (it carries its own)
        assert store.query("SELECT count(*) n FROM outbox WHERE entity = 'hazard_step'") == [
            {"n": 0}
        ]
