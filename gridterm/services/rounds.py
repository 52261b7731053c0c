"""The daily round: check in and out (打卡)."""

from __future__ import annotations

from datetime import datetime

from gridterm.domain.permissions import Activity, require
from gridterm.domain.rounds import CheckIn, CheckKind, Location, validate_check
from gridterm.ids import new_id
from gridterm.reports.period import stored
from gridterm.services.session import Session
from gridterm.store.entities import codec
from gridterm.store.tx import Tx


class Rounds:
    """Check-in and check-out of the logged-in worker."""

    def __init__(self, session: Session):
        self.session = session

    def last_check(self) -> CheckIn | None:
        """The worker's latest check-in or check-out."""
        row = self.session.store.read(
            lambda r: r.one(
                "SELECT * FROM check_in WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1",
                (self.session.user.id,),
            )
        )
        return None if row is None else codec(CheckIn).read(row)

    def check(self, kind: CheckKind | str, location: Location | None = None) -> CheckIn:
        """Check in or out now; refuses checking out when not checked in, and the reverse."""
        kind = CheckKind(kind)
        require(self.session.user, Activity.CHECK_IN)

        def write(tx: Tx) -> CheckIn:
            last = tx.one(
                "SELECT kind FROM check_in WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1",
                (self.session.user.id,),
            )
            validate_check(CheckKind(last["kind"]) if last else None, kind)
            check = CheckIn(new_id(), self.session.user.id, kind, self.session.now(), location)
            tx.insert("check_in", codec(CheckIn).row(check))
            return check

        return self.session.store.write(write)

    def on_day(self, day_start: datetime, day_end: datetime) -> list[CheckIn]:
        """The worker's check-ins between two instants, in order."""
        return [
            codec(CheckIn).read(r)
            for r in self.session.store.query(
                "SELECT * FROM check_in WHERE user_id = ? AND at >= ? AND at < ? ORDER BY at",
                # as stored (UTC text): an instant in another zone would not compare as text
                (self.session.user.id, stored(day_start), stored(day_end)),
            )
        ]
