"""CSV: UTF-8 with a BOM (so Excel reads Chinese right), one table per file; a zip when the
document has several tables."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from gridterm.reports.document import Document, Table, shown

BOM = "\ufeff"


def table_csv(table: Table, locale: str) -> bytes:
    """One table as CSV bytes: BOM, header row, one line per row."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([shown(v, c.kind, locale) for v, c in zip(row, table.columns, strict=True)])
    return out.getvalue().encode("utf-8")


def csv_is_zip(doc: Document) -> bool:
    """Whether the CSV export of ``doc`` is a zip (more than one table)."""
    return len(doc.tables) > 1


def write_csv(doc: Document, path: Path) -> None:
    """One CSV file, or a zip of one CSV per table, at ``path``."""
    if not csv_is_zip(doc):
        path.write_bytes(table_csv(doc.tables[0], doc.locale))
        return
    used: set[str] = set()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for n, table in enumerate(doc.tables, start=1):
            stem = table.code.split(":", 1)[-1] if ":" in table.code else table.title
            name = f"{n:02d}_{_safe(stem)}.csv"
            used.add(name)
            archive.writestr(name, table_csv(table, doc.locale))


def _safe(text: str) -> str:
    return "".join(c if c not in '\\/:*?"<>| ' else "_" for c in text)[:60]
