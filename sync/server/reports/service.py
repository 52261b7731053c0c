"""A report on the server: the caller's area checked, figures from the server's rows, the file
written, the export recorded."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, insert

from gridterm.domain.users import User
from gridterm.errors import GridTermError, NotFoundError, PermissionDeniedError, ValidationError
from gridterm.ids import new_id
from gridterm.reports.area import require_reporter, resolve_area
from gridterm.reports.daily import DailyLog, daily_log
from gridterm.reports.export import Format, Report, export, parse_format
from gridterm.reports.export.fonts import FontMissingError
from gridterm.reports.monthly import monthly_summary
from gridterm.reports.period import local_day, parse_day, parse_month
from sync.server import audit
from sync.server.db import schema
from sync.server.db.engine import reading, writing
from sync.server.errors import ApiError
from sync.server.reports.rows import ServerSource

KINDS = ("daily", "monthly")
MEDIA_TYPES = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.CSV: "text/csv; charset=utf-8",
    Format.PDF: "application/pdf",
    Format.JSON: "application/json",
}


@dataclass(frozen=True, slots=True)
class Produced:
    """A report file written on the server, ready to send or keep."""

    path: Path
    format: Format
    report: Report

    @property
    def media_type(self) -> str:
        """The file's media type (a CSV of several tables is a zip)."""
        if self.path.suffix == ".zip":
            return "application/zip"
        return MEDIA_TYPES[self.format]


def compute(
    conn: Connection,
    user: User,
    kind: str,
    period: str,
    level: str | None,
    area_id: str | None,
    now: datetime,
) -> Report:
    """The report of ``kind`` for ``period`` and the area (the user's own when none)."""
    require_reporter(user)
    source = ServerSource(conn, now)
    area = resolve_area(source, user, level, area_id)
    today = local_day(now)
    if kind == "daily":
        return daily_log(source, area, parse_day(period, today), now)
    return monthly_summary(source, area, parse_month(period, today), now, user)


def produce(
    engine: Engine,
    user: User,
    kind: str,
    period: str,
    level: str | None,
    area_id: str | None,
    fmt: str,
    *,
    locale: str = "zh_CN",
    out: Path | None = None,
    device_id: str | None = None,
    via: str = "api",
) -> Produced:
    """Compute, write (to ``out``, or a temporary file) and record one export."""
    chosen = parse_format(fmt)
    now = datetime.now(UTC)
    with reading(engine) as conn:
        report = compute(conn, user, kind, period, level, area_id, now)
    target = out or Path(tempfile.mkdtemp(prefix="gridterm-report-")) / f"report.{chosen.value}"
    written = export(report, chosen, target, locale=locale)
    with writing(engine) as conn:
        record(conn, user, report, chosen, written.stat().st_size, device_id=device_id, via=via)
    return Produced(written, chosen, report)


def record(
    conn: Connection,
    user: User,
    report: Report,
    fmt: Format,
    size: int,
    *,
    device_id: str | None,
    via: str,
) -> None:
    """Keep who exported what and when (``report_export``, and the audit log)."""
    kind = "daily" if isinstance(report, DailyLog) else "monthly"
    conn.execute(
        insert(schema.report_export).values(
            id=new_id(),
            user_id=user.id,
            device_id=device_id,
            via=via,
            kind=kind,
            area_level=report.area.level.value,
            area_id=report.area.id,
            period=report.period.label(),
            format=fmt.value,
            bytes=size,
            at=int(datetime.now(UTC).timestamp() * 1000),
        )
    )
    area = report.area
    audit.record(
        conn,
        audit.EXPORT,
        user.id,
        f"{area.level.value}:{area.id}",
        device_id=device_id,
        area=audit.user_area(conn, user.id),
        kind=kind,
        period=report.period.label(),
        format=fmt.value,
        bytes=size,
        via=via,
    )


def as_api_error(exc: GridTermError) -> ApiError:
    """The HTTP answer for a refused report."""
    if isinstance(exc, PermissionDeniedError):
        return ApiError(403, exc.code, str(exc))
    if isinstance(exc, NotFoundError):
        return ApiError(404, exc.code, str(exc))
    if isinstance(exc, ValidationError):
        return ApiError(422, exc.code, str(exc), field=exc.field)
    if isinstance(exc, FontMissingError):
        return ApiError(503, exc.code, "the server cannot write PDFs: no CJK font installed")
    return ApiError(400, exc.code, str(exc))
