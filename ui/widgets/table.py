"""A touch-friendly table: tall rows, whole-row selection, one tap opens, kinetic scrolling."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from ui.models.base import ROW_ROLE, SORT_ROLE, RowTableModel
from ui.widgets import accessible
from ui.widgets.touch import card, kinetic, label

ROW_PX = 56


def row_height(widget: QWidget) -> int:
    """Rows stay one touch target high, and grow with large text."""
    return max(ROW_PX, int(widget.fontMetrics().height() * 2.2))


class TouchTable(QTableView):
    """A QTableView over a ``RowTableModel``; ``on_row(callback)`` gets the tapped row.

    ``name`` is what a screen reader calls the table: the title of its card, as a rule.
    """

    def __init__(
        self,
        model: RowTableModel[Any],
        stretch: Sequence[int] = (),
        sortable: bool = False,
        parent: QWidget | None = None,
        *,
        name: str = "",
        description: str = "",
        give_way: Sequence[int] = (),
    ):
        super().__init__(parent)
        self.source = model
        #: Columns hidden, first first, while the view is too narrow for every column
        #: (a portrait tablet, large text): the rest stay readable instead of scrolling away.
        self._give_way = tuple(give_way)
        if name:  # a screen reader says it before the rows (我的网格, 表格)
            accessible.name(self, name, description)
        if sortable:
            proxy = QSortFilterProxyModel(self)
            proxy.setSourceModel(model)
            proxy.setSortRole(SORT_ROLE)
            self.setModel(proxy)
            self.setSortingEnabled(True)
            # Start in the order the service gave (urgent and oldest first); a tap on a
            # header sorts by that column.
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(row_height(self))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._stretch: tuple[int, ...] = ()
        self.stretch_columns(*stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        kinetic(self)
        # the other columns size to their contents as rows arrive: fit the stretched ones
        # again once the layout settles (a zero timeout, so one refit per turn of the loop)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_columns)
        header.sectionResized.connect(self._on_section_resized)

    def stretch_columns(self, *columns: int) -> None:
        """The columns that take the room the others leave (again after a new model)."""
        self._stretch = columns
        for column in columns:
            self.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column not in self._stretch and not self._refit.isActive():
            self._refit.start()

    def _fit_columns(self) -> None:
        """Stretched columns share what the others leave, but never shrink below their
        header, nor (in a table whose rows wrap) below their longest word: a column whose
        share is too small keeps what it needs and the rest share the remainder. Where the
        table is too narrow for all of them (English, large text, a portrait tablet) it
        scrolls sideways rather than cut a column's name or a word in two."""
        if not self._stretch:
            return
        header = self.horizontalHeader()
        if self._give_way:
            self._make_way()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        others = sum(header.sectionSize(c) for c in shown if c not in self._stretch)
        needs = {c: self._column_needs(c) for c in self._stretch if c in shown}
        room = self.viewport().width() - others
        squeezed = room < sum(needs.values())
        fixed = set(needs) if squeezed else set()
        # give the needy what they need until every other's equal share suffices (the room
        # covers every need, so some column always shares)
        while not squeezed and (free := [c for c in needs if c not in fixed]):
            share = (room - sum(needs[c] for c in fixed)) / len(free)
            needy = {c for c in free if needs[c] > share}
            if not needy:
                break
            fixed |= needy
        for column, width in needs.items():
            if column in fixed:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        bar = Qt.ScrollBarPolicy
        self.setHorizontalScrollBarPolicy(
            bar.ScrollBarAsNeeded if squeezed else bar.ScrollBarAlwaysOff
        )

    def _make_way(self) -> None:
        """Hide as few of the give-way columns as lets every other column fit the view."""
        header = self.horizontalHeader()
        wanted = {
            c: self._column_needs(c)
            if c in self._stretch
            else max(self.sizeHintForColumn(c), header.sectionSizeFromContents(c).width())
            for c in range(header.count())
        }
        hidden: set[int] = set()
        for column in self._give_way:
            if sum(w for c, w in wanted.items() if c not in hidden) <= self.viewport().width():
                break
            hidden.add(column)
        for column in self._give_way:
            if header.isSectionHidden(column) != (column in hidden):
                header.setSectionHidden(column, column in hidden)

    def _column_needs(self, column: int) -> int:
        """The least width of a stretched column: its header, and where rows wrap, its
        longest word with the cell's margins."""
        need = self.horizontalHeader().sectionSizeFromContents(column).width()
        if not self.wordWrap():
            return need
        model, metrics = self.model(), self.fontMetrics()
        margin = 2 * (self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 1)
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            for word in str(text or "").split():
                need = max(need, metrics.horizontalAdvance(word) + margin + 4)
        return need

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(row_height(self))

    def wrap_rows(self) -> None:
        """Long texts wrap onto more lines (each row as tall as it needs), not cut off."""
        self.setWordWrap(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the longest word of a stretched column comes with the rows
        self.model().modelReset.connect(self._refit.start)
        self.model().rowsInserted.connect(self._refit.start)

    def on_row(self, callback: Callable[[Any], None]) -> None:
        """Call ``callback(row)`` when a row is tapped."""
        self.clicked.connect(lambda index: callback(self.row_of(index)))

    def row_of(self, index: QModelIndex) -> Any:
        """The dataclass behind a (possibly sorted) index."""
        return index.data(ROW_ROLE)


def history_card(
    title: str, model: RowTableModel[Any], stretch: Sequence[int]
) -> tuple[QFrame, TouchTable]:
    """A card with ``title`` over a table of a record's steps, tall enough to read and with
    each row as high as its wrapped note (a ticket's or a hazard's history)."""
    frame, layout = card()
    layout.addWidget(label(title, "section"))
    table = TouchTable(model, stretch=stretch, name=title)
    table.setObjectName("historyTable")
    table.setMinimumHeight(280)
    table.wrap_rows()
    layout.addWidget(table, 1)
    return frame, table
