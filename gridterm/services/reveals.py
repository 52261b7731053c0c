"""Showing one personal field in clear, on an explicit tap, and recording that it was shown."""

from __future__ import annotations

from gridterm.domain.reveals import Reveal, RevealedRecord
from gridterm.errors import NotFoundError
from gridterm.ids import new_id
from gridterm.services.session import Session
from gridterm.store.entities import codec
from gridterm.store.tx import Tx

#: Where each revealable record's grid is found.
_GRID_OF = {
    RevealedRecord.RESIDENT: (
        "SELECT r.{field} AS value, h.grid_id FROM resident r "
        "JOIN household h ON h.id = r.household_id WHERE r.id = ?"
    ),
    RevealedRecord.HOUSEHOLD: "SELECT {field} AS value, grid_id FROM household WHERE id = ?",
}


class Reveals:
    """Personal data is masked for every role; a role that may read a field sees it in clear
    only through ``reveal``, which records who saw what (pushed to the server's audit log)."""

    def __init__(self, session: Session):
        self.session = session

    def reveal(self, record: str, record_id: str, field: str) -> str:
        """The clear value of ``field`` of one resident or household in the user's area,
        after writing the reveal in the same transaction (PermissionDeniedError for a role
        that may not read it: then nothing is written)."""
        user, now = self.session.user, self.session.now()

        def write(tx: Tx) -> str:
            reveal = Reveal.create(
                id=new_id(), user=user, record=record, record_id=record_id, field=field,
                revealed_at=now,
            )  # fmt: skip
            # the field is a checked name of PERSONAL_FIELDS: safe to put in the query
            row = tx.one(_GRID_OF[reveal.record].format(field=reveal.field), (record_id,))
            if row is None:
                raise NotFoundError(f"{record}.not_found", f"no {record} {record_id}")
            self.session.require_grid(tx.reader(), row["grid_id"])
            tx.insert("personal_data_reveal", codec(Reveal).row(reveal))
            return str(row["value"] or "")

        return self.session.store.write(write)
