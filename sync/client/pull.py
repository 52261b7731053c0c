"""Pull: the changes in the user's area after the stored cursor, a page at a time.

Each page is applied in one local transaction together with the cursor that follows it, so a
cut or a crash at any point resumes from the last applied page and never skips one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from gridterm.store.reader import Reader
from gridterm.store.tx import Tx
from sync.client import merge, outbox_pruning, removal, state
from sync.client.errors import AuthRequired, Refused, Unreachable
from sync.client.merge import MergeCounts, PulledRow
from sync.client.report import SyncReport
from sync.client.sizing import PieceSizer
from sync.client.stage import Stage
from sync.protocol import MAX_PULL_LIMIT, Removal

Progress = Callable[[str, int, int], None]
#: The server does not know the stored cursor: pull from the beginning.
_START_OVER = frozenset({"cursor.other_database", "cursor.invalid"})


@dataclass
class PullStats:
    """What a pull did."""

    pages: int = 0
    removed: int = 0
    #: Unsent ops of leaving grids quarantined before their grid was removed.
    quarantined: int = 0
    #: Confirmed outbox rows pruned after the pull (``outbox_pruning``).
    pruned: int = 0
    started_over: bool = False
    merge: MergeCounts = field(default_factory=MergeCounts)

    @property
    def rows(self) -> int:
        """Rows written or deleted here."""
        return self.merge.changed + self.removed

    def add_to(self, report: SyncReport) -> None:
        """Add the figures to the run's report (ops quarantined as their grid left count as
        rejected: ``removal.settle_leaving``)."""
        report.pulled += self.rows
        report.removed += self.removed
        report.rejected += self.quarantined
        report.conflicts += self.merge.conflicts


class Puller:
    """Pages through the area's changes until the server has no more."""

    def __init__(
        self,
        stage: Stage,
        *,
        user_id: str,
        kept_grids: frozenset[str] = frozenset(),
        before_leaving: Callable[[list[str]], object] | None = None,
        progress: Progress | None = None,
    ) -> None:
        settings = stage.settings
        self.store = stage.store
        self.cursor_key = state.cursor_key(user_id)
        self.kept_grids = kept_grids
        self.transport = stage.transport
        self.login = stage.login
        self.retrier = stage.retrier
        self.before_leaving = before_leaving
        self.progress = progress
        self.sizer = PieceSizer(settings.pull_limit, 50, MAX_PULL_LIMIT, settings.target_request_s)
        self.stats = PullStats()

    def pull_all(self) -> PullStats:
        """Apply pages until ``more`` is false. The next page is fetched while this one is
        applied (its cursor comes with the page; the stored cursor moves only with a page)."""
        cursor = state.get(self.store, self.cursor_key)
        started_over = False
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gridterm-pull") as http:
            fetching = http.submit(self._fetch, cursor, self.sizer.size)
            while True:
                try:
                    page, limit, seconds = fetching.result()
                except Refused as exc:
                    if exc.code not in _START_OVER or started_over:
                        raise
                    # the server's database was replaced (or the cursor is not its): take
                    # everything again; unsent local edits are protected by the merge
                    started_over = True
                    state.put(self.store, **{self.cursor_key: None})
                    self.stats.started_over = True
                    fetching = http.submit(self._fetch, None, self.sizer.size)
                    continue
                self.sizer.succeeded(limit, seconds)
                leaving = self.store.read(partial(_grids_leaving, page=page))
                leaving = [g for g in leaving if g not in self.kept_grids]
                if leaving and self.before_leaving is not None:
                    self.before_leaving(leaving)  # push the work recorded there first
                if page.more:
                    fetching = http.submit(self._fetch, page.cursor, self.sizer.size)
                self.store.write(partial(self._apply, page=page, leaving=leaving))
                self.stats.pages += 1
                if self.progress is not None:
                    self.progress("pull", self.stats.pages, self.stats.pages + int(page.more))
                if not page.more:
                    # a good sync: confirmed rows past the retention go (writer thread)
                    self.stats.pruned = self.store.write(outbox_pruning.prune)
                    return self.stats

    def _fetch(self, cursor: str | None, limit: int) -> tuple[Page, int, float]:
        """One page (with retries), the limit asked for and how long it took."""
        started = time.monotonic()
        page = self.retrier.run(lambda: self._fetch_once(cursor, limit))
        return page, limit, time.monotonic() - started

    def _fetch_once(self, cursor: str | None, limit: int) -> Page:
        params: dict[str, object] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        try:
            try:
                answer = self.transport.call(
                    "GET", "/v1/sync/pull", token=self.login.token(), params=params
                )
            except AuthRequired:
                answer = self.transport.call(
                    "GET", "/v1/sync/pull", token=self.login.renew(), params=params
                )
            return parse_page(answer.content)
        except (ValueError, KeyError, TypeError):
            raise Unreachable("net.bad_answer", "the pull answer was garbled") from None
        except Unreachable:
            self.sizer.failed()
            raise

    def _apply(self, tx: Tx, page: Page, leaving: list[str]) -> None:
        self.stats.quarantined += removal.settle_leaving(tx, leaving)
        self.stats.removed += removal.apply(
            tx, [r for r in page.removals if r.reason == "out_of_scope"], self.kept_grids
        )
        merge.apply_changes(tx, page.changes, self.stats.merge)
        self.stats.removed += removal.apply(
            tx, [r for r in page.removals if r.reason != "out_of_scope"]
        )
        if self.stats.merge.parked or tx.one("SELECT 1 AS x FROM sync_parked LIMIT 1"):
            merge.retry_parked(tx, self.stats.merge)
        state.write(tx, self.cursor_key, page.cursor)


@dataclass(frozen=True, slots=True)
class Page:
    """One pull page (``sync.protocol.Page``, its rows left unvalidated)."""

    changes: list[PulledRow]
    removals: list[Removal]
    cursor: str
    more: bool


def parse_page(content: bytes) -> Page:
    """A pull page. The rows are taken as sent (the store checks them on insert): skipping a
    field-by-field validation of thousands of rows keeps large pulls fast."""
    doc = json.loads(content)
    return Page(
        changes=[PulledRow(str(c["entity"]), str(c["id"]), dict(c["row"])) for c in doc["changes"]],
        removals=[Removal.model_validate(r) for r in doc["removals"]],
        cursor=str(doc["cursor"]),
        more=bool(doc["more"]),
    )


def _grids_leaving(r: Reader, page: Page) -> list[str]:
    if not any(x.reason == "out_of_scope" for x in page.removals):
        return []
    return removal.grids_leaving(r, page.removals)
