"""Reports on the terminal (工作日志, 月度民情分析, 团队), from local data, offline.

The figures come from ``gridterm.reports`` over the local database (``LocalSource``); this
service checks the role and the area, and records each export (who, what, when, where) in
the same call that writes the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from gridterm.domain.users import ScopeLevel
from gridterm.ids import new_id
from gridterm.reports.area import require_reporter, resolve_area
from gridterm.reports.daily import DailyLog, daily_log
from gridterm.reports.export import Format, Progress, Report, export, parse_format
from gridterm.reports.local import LocalSource
from gridterm.reports.monthly import MonthlySummary, monthly_summary
from gridterm.reports.period import local_day, parse_day, parse_month
from gridterm.reports.rows import Area
from gridterm.reports.team import Team, team_today
from gridterm.services.session import Session
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One export made on this terminal."""

    id: str
    user_id: str
    kind: str
    area_level: str
    area_id: str
    period: str
    format: str
    file: str
    at: str


class Reports:
    """The logged-in supervisor's (or street staff's) reports of their area."""

    def __init__(self, session: Session):
        self.session = session

    def areas(self) -> list[Area]:
        """The areas the user may pick: their community or street office, and each grid."""
        require_reporter(self.session.user)

        def read(r: Reader) -> list[Area]:
            source = LocalSource(r)
            whole = resolve_area(source, self.session.user, None, None)
            grids = [source.area(ScopeLevel.GRIDS, g) for g in whole.grid_ids]
            return [whole, *grids] if whole.level is not ScopeLevel.GRIDS else grids

        return self.session.store.read(read)

    def daily(
        self, day: str, level: ScopeLevel | str | None = None, area_id: str | None = None
    ) -> DailyLog:
        """The daily log of a day (``YYYY-MM-DD``, not in the future) and area."""
        now = self.session.now()
        period = parse_day(day, local_day(now))
        return self._read(lambda s, area: daily_log(s, area, period, now), level, area_id)

    def monthly(
        self, month: str, level: ScopeLevel | str | None = None, area_id: str | None = None
    ) -> MonthlySummary:
        """The monthly summary of a month (``YYYY-MM``) and area."""
        now = self.session.now()
        period = parse_month(month, local_day(now))
        user = self.session.user
        return self._read(
            lambda s, area: monthly_summary(s, area, period, now, user), level, area_id
        )

    def team(self, level: ScopeLevel | str | None = None, area_id: str | None = None) -> Team:
        """The team of the area today, live."""
        now = self.session.now()
        return self._read(lambda s, area: team_today(s, area, now), level, area_id)

    def export(
        self,
        report: Report,
        fmt: Format | str,
        path: Path,
        *,
        locale: str = "zh_CN",
        signature_png: bytes | None = None,
        progress: Progress | None = None,
    ) -> Path:
        """Write the report's file and record the export; returns the path written.

        The file is complete before the record is written; a failure writes neither.
        """
        require_reporter(self.session.user)
        chosen = parse_format(fmt)
        written = export(
            report,
            chosen,
            Path(path),
            locale=locale,
            signature_png=signature_png,
            progress=progress,
        )
        kind = "daily" if isinstance(report, DailyLog) else "monthly"
        row = {
            "id": new_id(),
            "user_id": self.session.user.id,
            "kind": kind,
            "area_level": report.area.level.value,
            "area_id": report.area.id,
            "period": report.period.label(),
            "format": chosen.value,
            "file": str(written),
            "at": self.session.now().isoformat(timespec="milliseconds"),
        }

        def write(tx: Tx) -> None:
            cols = ", ".join(row)
            tx.execute(
                f"INSERT INTO report_export ({cols}) VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()),
            )

        self.session.store.write(write)
        return written

    def exports(self, limit: int = 100) -> list[ExportRecord]:
        """The newest exports made on this terminal."""
        rows = self.session.store.query(
            "SELECT * FROM report_export ORDER BY at DESC LIMIT ?", (limit,)
        )
        return [ExportRecord(**row) for row in rows]

    def data_as_of(self) -> datetime | None:
        """The terminal's last confirmed sync (what every report says its data is as of)."""
        return self.session.store.read(lambda r: LocalSource(r).data_as_of())

    def _read(
        self,
        compute: Callable[[LocalSource, Area], T],
        level: ScopeLevel | str | None,
        area_id: str | None,
    ) -> T:
        require_reporter(self.session.user)

        def read(r: Reader) -> T:
            source = LocalSource(r)
            area = resolve_area(source, self.session.user, level, area_id)
            return compute(source, area)

        return self.session.store.read(read)
