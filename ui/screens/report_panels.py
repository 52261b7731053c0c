"""Pieces of the Reports screen: the key figures panel and the removable drives to save to."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QStorageInfo, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from gridterm.reports.document import DASH, Document, NotApplicable, shown
from ui.formatting import time_text
from ui.widgets.touch import kinetic, label

translate = QCoreApplication.translate

#: Where desktop Linux mounts USB drives (udisks), and Windows' drive letters beyond C:.
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")


class FiguresPanel(QFrame):
    """The report's title, header facts and key figures, two columns. A figure that does
    not apply reads "—" with why under it (small, muted); the figures scroll when those
    lines leave them too little height (portrait, large text)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reportFigures")
        self.setProperty("role", "card")
        column = QVBoxLayout(self)
        self.heading = label("", "section")
        self.heading.setObjectName("reportHeading")
        column.addWidget(self.heading)
        figures = QWidget()
        self.grid = QGridLayout(figures)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.figures_view = _FiguresScroll()
        self.figures_view.setWidgetResizable(True)
        self.figures_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figures_view.setWidget(figures)
        kinetic(self.figures_view)
        column.addWidget(self.figures_view, 1)
        self._cells: list[QLabel] = []

    def show_document(self, doc: Document) -> None:
        """Show ``doc``'s title, place and period, and its figures."""
        place = " · ".join(v for _k, v in doc.header if v)
        self.heading.setText(f"{doc.title} · {place}")
        for cell in self._cells:
            # out of the panel at once: until Qt deletes it, a search of the panel (the
            # screen reader's, a test's findChild) would find the last report's figure{i}
            cell.hide()
            cell.setParent(None)
            cell.deleteLater()
        self._cells = []
        half = (len(doc.figures) + 1) // 2
        rows = [0, 0]  # the next row of each column of figures
        for i, (name, value, kind) in enumerate(doc.figures):
            side = i // half
            row, col = rows[side], side * 2
            key = label(name, "muted", wrap=False)
            number = label(shown(value, kind, doc.locale) or DASH, "", wrap=False)
            number.setObjectName(f"figure{i}")
            self.grid.addWidget(key, row, col)
            self.grid.addWidget(number, row, col + 1)
            self._cells += [key, number]
            if isinstance(value, NotApplicable):
                self._cells.append(self._reason(i, value.reason, number, row + 1, col))
            rows[side] = row + (2 if isinstance(value, NotApplicable) else 1)

    def _reason(self, i: int, reason: str, number: QLabel, row: int, col: int) -> QLabel:
        """Why figure ``i`` reads "—", under it (``figureReason{i}``): a tablet shows a
        tooltip only to a finger held on it. The dash's tooltip and description say it too.
        Under the figure's name and value, ending under the value, wrapped when narrow."""
        number.setToolTip(reason)
        number.setAccessibleDescription(reason)
        why = label(reason, "muted")
        why.setObjectName(f"figureReason{i}")
        why.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(why, row, col, 1, 2)
        return why


class _FiguresScroll(QScrollArea):
    """Scrolls up and down only: as wide as its figures, and as tall when it can be."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # new figures (or a new font) change what the figures need: tell the panel's layout
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        inner = self.widget()
        return inner.sizeHint() if inner is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.minimumSizeHint().width() + bar, super().minimumSizeHint().height())


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
