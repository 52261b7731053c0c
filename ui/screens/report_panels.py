"""Pieces of the Reports screen: the key figures panel and the removable drives to save to."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QStorageInfo
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from gridterm.reports.document import DASH, Document, NotApplicable, shown
from ui.formatting import time_text
from ui.widgets.touch import label

translate = QCoreApplication.translate

#: Where desktop Linux mounts USB drives (udisks), and Windows' drive letters beyond C:.
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")


class FiguresPanel(QFrame):
    """The report's title, header facts and key figures, two columns."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reportFigures")
        self.setProperty("role", "card")
        column = QVBoxLayout(self)
        self.heading = label("", "section")
        self.heading.setObjectName("reportHeading")
        column.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        column.addLayout(self.grid)
        column.addStretch(1)
        self._cells: list[QLabel] = []

    def show_document(self, doc: Document) -> None:
        """Show ``doc``'s title, place and period, and its figures."""
        place = " · ".join(v for _k, v in doc.header if v)
        self.heading.setText(f"{doc.title} · {place}")
        for cell in self._cells:
            cell.deleteLater()
        self._cells = []
        half = (len(doc.figures) + 1) // 2
        for i, (name, value, kind) in enumerate(doc.figures):
            row, col = i % half, (i // half) * 2
            key = label(name, "muted", wrap=False)
            number = label(shown(value, kind, doc.locale) or DASH, "", wrap=False)
            number.setObjectName(f"figure{i}")
            if isinstance(value, NotApplicable):  # "—": why, for a finger held on it
                number.setToolTip(value.reason)
                number.setAccessibleDescription(value.reason)
            self.grid.addWidget(key, row, col)
            self.grid.addWidget(number, row, col + 1)
            self._cells += [key, number]


def removable_drives() -> list[tuple[str, str]]:
    """(name, folder) of the writable USB drives mounted now."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        usable = volume.isValid() and volume.isReady() and not volume.isReadOnly()
        removable = root.startswith(_REMOVABLE_ROOTS) or (len(root) <= 3 and root[:1] not in "C/")
        if usable and removable:
            found.append((volume.displayName() or root, root))
    return found


def data_as_of_text(when: datetime | None) -> str:
    """What a report's data is as of: the terminal's last confirmed sync, or never synced."""
    if when is not None:
        return translate("Reports", "Data as of the last confirmed sync: {time}").format(
            time=time_text(when)
        )
    return translate("Reports", "Data as of: never synced with the server (local data only)")
