"""Writing a report to a file: xlsx, CSV (a zip when several tables), PDF or JSON.

``export`` checks the format and the output path before any work, writes into a temporary
file beside the target and renames it into place only when complete: a failure leaves
nothing half-written, and an existing file is replaced only by a whole new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from gridterm.errors import GridTermError, ValidationError
from gridterm.reports.daily import DailyLog
from gridterm.reports.daily_doc import daily_document
from gridterm.reports.document import Document
from gridterm.reports.monthly import MonthlySummary
from gridterm.reports.monthly_doc import monthly_document

Report = DailyLog | MonthlySummary
Progress = Callable[[int], None]


class Format(StrEnum):
    """The file formats a report exports to."""

    XLSX = "xlsx"
    CSV = "csv"
    PDF = "pdf"
    JSON = "json"


class OutputError(GridTermError):
    """The output file cannot be written there (no such folder, read-only, a USB drive gone)."""

    code = "report.output_unwritable"


def parse_format(text: object) -> Format:
    """``xlsx``/``csv``/``pdf``/``json``; anything else is refused."""
    try:
        return Format(str(text).strip().lower())
    except ValueError:
        raise ValidationError(
            "report.bad_format", f"unknown format {text!r}: xlsx, csv, pdf or json", field="format"
        ) from None


def document_of(report: Report, locale: str) -> Document:
    """The report's document in ``locale``."""
    if isinstance(report, DailyLog):
        return daily_document(report, locale)
    return monthly_document(report, locale)


def final_path(report: Report, fmt: Format, path: Path, locale: str = "zh_CN") -> Path:
    """Where the file will be: a CSV export of several tables is a ``.zip``."""
    from gridterm.reports.export.csvzip import csv_is_zip

    if fmt is Format.CSV and csv_is_zip(document_of(report, locale)) and path.suffix != ".zip":
        return path.with_suffix(".zip")
    return path


def check_output(path: Path) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(message=f"{path} is a folder", path=str(path))
    if not folder.is_dir():
        raise OutputError(message=f"no folder {folder}", path=str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(message=f"cannot write in {folder}", path=str(path))


def export(
    report: Report,
    fmt: Format,
    path: Path,
    *,
    locale: str = "zh_CN",
    signature_png: bytes | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write ``report`` as ``fmt`` at ``path`` (or its ``.zip`` for a CSV of several
    tables); returns the path written."""
    check_output(Path(path))
    target = final_path(report, fmt, Path(path), locale)
    check_output(target)
    step = progress or (lambda _n: None)
    step(10)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(report, fmt, tmp, locale, signature_png, step)
        step(95)
        # mkstemp makes the file private (0600); a report is an ordinary file of the user's
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(
            message=f"cannot write {target}: {exc.strerror}", path=str(target)
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    step(100)
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write(
    report: Report,
    fmt: Format,
    path: Path,
    locale: str,
    signature_png: bytes | None,
    step: Progress,
) -> None:
    if fmt is Format.JSON:
        from gridterm.reports.export.json_out import daily_json, monthly_json, write_json

        data = daily_json(report) if isinstance(report, DailyLog) else monthly_json(report)
        step(50)
        write_json(data, path)
        return
    doc = document_of(report, locale)
    if signature_png is not None:
        from dataclasses import replace

        doc = replace(doc, signature_png=signature_png)
    step(40)
    if fmt is Format.XLSX:
        from gridterm.reports.export.xlsx import write_xlsx

        write_xlsx(doc, path)
    elif fmt is Format.CSV:
        from gridterm.reports.export.csvzip import write_csv

        write_csv(doc, path)
    else:
        from gridterm.reports.export.pdf import write_pdf

        write_pdf(doc, path)
