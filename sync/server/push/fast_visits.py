"""New visits judged by what the batch already judged: the common case of a push, short.

Most of a batch is new visits whose choices repeat (the same worker, visit type, outcome,
``met``, concerns and photos, the same few households): every check the visit handler runs
on those fields is a pure function of their values. So the first visit of each such
combination goes the whole way (``handlers/facts.py``'s ``_apply_visit``, the core's
``validate_visit``, the answer's bookkeeping), and what it stored for those fields is kept;
a later visit with the same values takes them and has only its own values checked here:
its time (``timestamp``, ``time_text``), notes (``optional_text``'s strip and length), its
household (prefetched, in the user's area) and the size limits ``check_fields`` puts on
each. Anything else — another kind of op, an op answered before, a value of an unusual type,
a check that would refuse, a household or id not seen yet — goes the whole way, which
answers exactly as before: this path only ever accepts what that one would have applied
with the same row, and the tests in ``tests/server/test_fast_visits.py`` hold it to that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from gridterm.domain.field_limits import MAX_FIELD_CHARS, MAX_FIELD_DEPTH
from gridterm.domain.validation import TEXT_MAX as _ID_TEXT_MAX
from gridterm.domain.visits import NOTES_MAX as _NOTES_MAX
from sync.protocol import OpKind
from sync.server.push.request import PushedOp
from sync.server.push.wire import time_text
from sync.server.push.work import MAX_ID, Work

#: The fields whose values repeat from visit to visit, as the key of what they were stored as.
_SHARED = ("user_id", "visit_type", "met", "concerns", "outcome", "photos", "ticket_id")
#: What a visit is looked up by, after its field names (one flat tuple: the names come
#: first and these eight always follow, so two keys of one length name the same fields).
_KEYED = (*_SHARED, "revision_of")
_CREATE = OpKind.CREATE
_fromisoformat = datetime.fromisoformat
#: Not looked at yet (what a cache's ``get`` answers for a value it has not seen).
_UNSEEN: Any = object()


def _limited(text: str) -> bool:
    """Whether ``check_fields`` would look closer at this text (too long, or maybe too deep):
    such a value goes the whole way."""
    return len(text) > MAX_FIELD_DEPTH and (len(text) > MAX_FIELD_CHARS or text[0] in "[{")


class FastVisits:
    """The short path of one batch's new visits (see the module's docstring)."""

    def __init__(self, work: Work, applied: Callable[[PushedOp], None]) -> None:
        self.work = work
        self.applied = applied  # the answer's bookkeeping of an op applied as sent
        self.device = work.principal.device_id
        self.in_scope = work.principal.grid_nums
        self._visits = work.rows_of("visit")
        self._insert = work.insert_new
        self._households = work.rows_of("household")
        #: the shared fields' key → what they were stored as, and whether exactly as sent
        self._shared: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        #: household id as sent → (its stored id, its grid, the grid's partition), or None
        self._homes: dict[object, tuple[str, str, str] | None] = {}
        self._times: dict[str, str | None] = {}  # visited_at as sent → as stored, or None

    def add(self, op: PushedOp) -> bool:
        """Apply ``op`` here when it is a new visit like one already applied; False: judge it
        the whole way."""
        entity_id, fields = op.entity_id, op.fields
        if op.entity != "visit" or op.op is not _CREATE or entity_id in self._visits:
            return False
        get = fields.get
        sent_home = get("household_id")
        try:
            shared = self._shared.get((*fields, *map(get, _KEYED)))
            if shared is None:
                return False
            home = self._homes.get(sent_home, _UNSEEN)
        except TypeError:  # an unhashable value (a list where text was expected)
            return False
        if home is _UNSEEN:
            home = self._home(sent_home)
        if home is None or len(entity_id) > MAX_ID:
            return False
        sent_id, visited_at, notes, created_at = (
            get("id"),
            get("visited_at"),
            get("notes"),
            get("created_at"),
        )
        # each text as ``_limited`` judges it, written out: this runs for every visit
        if type(created_at) is not str or (
            len(created_at) > MAX_FIELD_DEPTH
            and (len(created_at) > MAX_FIELD_CHARS or created_at[0] in "[{")
        ):
            return False
        if type(visited_at) is not str:
            return False
        stored_at = self._times.get(visited_at, _UNSEEN)
        if stored_at is _UNSEEN:
            stored_at = self._time(visited_at)
        if stored_at is None:
            return False
        if notes is None:
            note = ""
        elif (
            type(notes) is not str
            or (len(notes) > MAX_FIELD_DEPTH and (len(notes) > MAX_FIELD_CHARS or notes[0] in "[{"))
            or len(note := notes.strip()) > _NOTES_MAX
        ):
            return False
        if sent_id is not None and (type(sent_id) is not str or _limited(sent_id)):
            return False
        household_id, grid_id, partition = home
        user_id, visit_type, met, concerns, outcome, photos, ticket_id, as_sent = shared
        row = {
            "id": entity_id,
            "household_id": household_id,
            "user_id": user_id,
            "visited_at": stored_at,
            "visit_type": visit_type,
            "met": met,
            "concerns": concerns,
            "notes": note,
            "outcome": outcome,
            "photos": photos,
            "ticket_id": ticket_id,
            "revision_of": None,
            "created_at": created_at,
            "grid_id": grid_id,
        }
        # stored exactly as sent (``Work.stored_as_sent``): every wire column, same value
        as_sent = (
            as_sent
            and sent_id == entity_id
            and sent_home == household_id
            and visited_at == stored_at
            and notes == note
        )
        self._insert("visit", entity_id, row, partition, self.device if as_sent else None)
        self.applied(op)
        return True

    def judged(self, op: PushedOp, applied: bool) -> None:
        """After ``op`` went the whole way (``applied``: as a new visit, by this call): keep
        what its shared fields were stored as. Another kind of op may have changed a
        household: what was kept of the households is forgotten."""
        if op.entity != "visit":
            self._homes.clear()
            return
        row = self.work.new_row("visit", op.entity_id) if applied else None
        if row is None or row["revision_of"] is not None or op.op is not _CREATE:
            return
        fields = op.fields
        values = (*map(fields.get, _SHARED), fields.get("revision_of"))
        if any(v is not None and type(v) is not str for v in values):
            return  # 1, 1.0 and True are one key: only text and None are kept
        as_sent = all(
            name in fields and fields[name] == row[name] and type(fields[name]) is type(row[name])
            for name in (*_SHARED, "revision_of")
        )
        try:
            key = (*fields, *values)
        except TypeError:
            return
        self._shared[key] = (*(row[name] for name in _SHARED), as_sent)

    def _home(self, sent: object) -> tuple[str, str, str] | None:
        """A visit's household as sent → its stored id, grid and partition, when it is on
        the server (prefetched) in the user's area and passes ``required_text``."""
        if type(sent) is not str:
            return None
        if sent in self._homes:
            return self._homes[sent]
        found = None
        row = self._households.get(sent)
        stripped = sent.strip()
        if (
            row is not None
            and row["grid_id"] in self.in_scope
            and stripped
            and len(stripped) <= _ID_TEXT_MAX
            and not _limited(sent)
        ):
            grid_id = row["grid_id"]
            found = (stripped, grid_id, self.work.partition_of(grid_id))
        self._homes[sent] = found
        return found

    def _time(self, sent: str) -> str | None:
        """A visit's time as sent (text) → as stored (``timestamp`` and ``time_text``), or
        None; remembered."""
        stored = None
        if not _limited(sent):
            # ``timestamp``'s checks of a text, written out (a call fewer per visit): refused,
            # the whole way words it
            try:
                parsed = _fromisoformat(sent)
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is not None:
                stored = time_text(sent, parsed)
        self._times[sent] = stored
        return stored
