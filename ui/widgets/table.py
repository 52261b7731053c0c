"""A touch-friendly table: tall rows, whole-row selection, one tap opens, kinetic scrolling."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.models.base import ROW_ROLE, SORT_ROLE, RowTableModel
from ui.widgets import accessible
from ui.widgets.touch import card, kinetic, label

ROW_PX = 56
#: The least width of the first stretched column, in line heights, while it has more to show: a
#: ticket's title cut to three characters a line in large text could not be read.
READABLE_EM = 5


def row_height(widget: QWidget) -> int:
    """Rows stay one touch target high, and grow with large text."""
    return max(ROW_PX, int(widget.fontMetrics().height() * 2.2))


#: What a line may break between: a run of letters and digits stays whole, each Chinese
#: character stands alone (Qt wraps Chinese text between any two).
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_UNITS = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")
#: The part of the view a column people read (a history's notes) may always take, where its
#: text is that long: squeezed like the others, it kept four large letters a line.
READ_SHARE = 0.3
#: Rows measured for a column's width: as many as Qt's own ResizeToContents reads.
_MEASURED_ROWS = 1000


def unbreakable_parts(text: str) -> list[str]:
    """The pieces of ``text`` a wrapped line never cuts: its words, and each Chinese
    character on its own."""
    return _UNITS.findall(text)


class TouchTable(QTableView):
    """A QTableView over a ``RowTableModel``; ``on_row(callback)`` gets the tapped row.

    ``name`` is what a screen reader calls the table: the title of its card, as a rule.
    The columns always fit the view, never scrolling sideways where they can be made to
    fit (``_fit_columns``): ``give_way`` columns hide, first first, only when the others
    cannot fit even wrapped; ``keep`` columns are never narrower than their contents;
    ``elide`` columns may be cut (…) down to their header.
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
        keep: Sequence[int] = (),
        elide: Sequence[int] = (),
    ):
        super().__init__(parent)
        self.source = model
        #: Columns hidden, first first, while the view is too narrow for every column
        #: (a portrait tablet, large text): the rest stay readable instead of scrolling away.
        self._give_way = tuple(give_way)
        self._gave_way: set[int] = set()
        self._keep = set(keep)
        self._elide = set(elide)
        self._read: set[int] = set()
        self._always_wrap = False
        self._steady_over: Callable[[], Sequence[Any]] | None = None
        # the other columns follow their contents as rows arrive: fit them again once the
        # layout settles (a zero timeout, so one refit per turn of the loop)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_columns)
        self._later = QTimer(self, singleShot=True, interval=2000)
        self._later.timeout.connect(self._fit_columns)
        self._measured: dict[int, list[str]] = {}
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
        self._row_heights()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # a header over its cells, not centred over left-aligned text (the search's 地址)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._stretch: tuple[int, ...] = ()
        self.stretch_columns(*stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        kinetic(self)

    def setModel(self, model: Any) -> None:
        """Show ``model``, fitting the columns again whenever its rows change."""
        super().setModel(model)
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
            model.headerDataChanged,
        ):
            signal.connect(self._schedule)
        # a timer's text changes every second: measure again now and then, not each time
        model.dataChanged.connect(self._schedule_later)
        self._schedule()

    def setSortingEnabled(self, enable: bool) -> None:
        """Sort on a tap on a header; the arrow (and the room Qt keeps for it in every
        header) only once the worker has sorted by that column."""
        super().setSortingEnabled(enable)
        header = self.horizontalHeader()
        header.sortIndicatorChanged.connect(self._sorted)
        self._sorted(header.sortIndicatorSection())

    def _sorted(self, section: int, *_: Any) -> None:
        header = self.horizontalHeader()
        header.setSortIndicatorShown(self.isSortingEnabled() and 0 <= section < header.count())
        self._refit.start()

    def _schedule_later(self, *_: Any) -> None:
        if not self._later.isActive():
            self._later.start()

    def _schedule(self, *_: Any) -> None:
        """Fit the columns on the next turn of the event loop (once, however many ask)."""
        self._refit.start()

    def stretch_columns(self, *columns: int) -> None:
        """The columns that take the room the others leave."""
        self._stretch = columns
        self._refit.start()

    def keep_whole(self, *columns: int) -> None:
        """Columns never narrower than their contents (photos, a number to read whole)."""
        self._keep |= set(columns)
        self._refit.start()

    def read_whole(self, *columns: int) -> None:
        """Columns people read (a history's notes): given their contents' width, or
        ``READ_SHARE`` of the view where they are longer, before the others."""
        self._read |= set(columns)
        self._refit.start()

    def steady_over(self, rows: Callable[[], Sequence[Any]]) -> None:
        """Measure the columns over ``rows()`` (all of them), not only the rows shown, so a
        filter showing fewer rows does not move the columns (the ticket list's states)."""
        self._steady_over = rows
        self._refit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()

    def viewportEvent(self, event: QEvent) -> bool:
        # the vertical scroll bar coming or going (rows wrapped taller) narrows the view
        if event.type() == QEvent.Type.Resize:
            self._refit.start()
        return super().viewportEvent(event)

    def _fit_columns(self) -> None:
        """Every column at its contents' width where the view has room, the stretched ones
        sharing what is left. Where it has not, the rows wrap and each column gives up
        width in proportion to what it can spare, down to its header and its longest word
        (no name or word is cut); only where even that is too wide do the give-way columns
        hide, and only where nothing else helps does the table scroll sideways."""
        self._measured = {}
        header = self.horizontalHeader()
        if self.model() is None or not header.count():
            return
        # hidden by the screen (the premises' own column), not by us: not ours to show
        theirs = {
            c
            for c in range(header.count())
            if header.isSectionHidden(c) and c not in self._gave_way
        }
        columns = [c for c in range(header.count()) if c not in theirs]
        needs = {c: self._header_needs(c) for c in columns}
        natural = {c: self._natural(c, needs[c][0]) for c in columns}
        floor = {c: self._floor(c, natural[c], needs[c][1]) for c in columns}
        room = self.viewport().width()
        self._share_read(floor, natural, room)
        self._gave_way = set()
        for column in self._give_way:
            if sum(floor[c] for c in columns if c not in self._gave_way) <= room:
                break
            if column in natural:
                self._gave_way.add(column)
        shown = [c for c in columns if c not in self._gave_way]
        squeezed = sum(natural[c] for c in shown) > room
        widths = (
            self._squeezed(shown, natural, floor, room)
            if squeezed
            else self._shared(shown, natural, room)
        )
        for column in columns:
            if header.isSectionHidden(column) != (column in self._gave_way):
                header.setSectionHidden(column, column in self._gave_way)
        self._wrap(self._always_wrap or squeezed)
        self._break_headers(widths, {c: needs[c][0] for c in columns})
        for column in shown:
            if header.sectionSize(column) != widths[column]:
                header.resizeSection(column, widths[column])
        bar = Qt.ScrollBarPolicy
        self.setHorizontalScrollBarPolicy(
            bar.ScrollBarAsNeeded if sum(widths.values()) > room + 1 else bar.ScrollBarAlwaysOff
        )

    def _share_read(self, floor: dict[int, int], natural: dict[int, int], room: int) -> None:
        """A read column's least is its contents or ``READ_SHARE`` of the view, as far as the
        others' least leaves room: it never makes the table scroll sideways."""
        for column in sorted(self._read & set(floor)):
            others = sum(w for c, w in floor.items() if c != column)
            share = min(natural[column], math.ceil(READ_SHARE * room), room - others)
            floor[column] = max(floor[column], share)

    def _shared(self, shown: list[int], natural: dict[int, int], room: int) -> dict[int, int]:
        """Room for every column whole: the stretched ones share what is left equally."""
        widths = {c: natural[c] for c in shown}
        stretched = [c for c in self._stretch if c in widths]
        if stretched:
            spare = room - sum(widths.values())
            for i, column in enumerate(stretched):
                widths[column] += spare // len(stretched) + (i < spare % len(stretched))
        return widths

    def _squeezed(
        self, shown: list[int], natural: dict[int, int], floor: dict[int, int], room: int
    ) -> dict[int, int]:
        """Too little room: each column gives up the same part of what it can spare."""
        spare = sum(natural[c] - floor[c] for c in shown)
        excess = sum(natural[c] for c in shown) - room
        part = min(1.0, excess / spare) if spare > 0 else 1.0
        widths = {c: int(natural[c] - (natural[c] - floor[c]) * part) for c in shown}
        left = room - sum(widths.values())
        if left > 0:  # rounding: the last pixels to a column that gave some up
            takers = [c for c in self._stretch if c in widths] or shown
            widths[takers[-1]] += left
        return widths

    def _wrap(self, wrap: bool) -> None:
        if self.wordWrap() == wrap:
            return
        self.setWordWrap(wrap)
        mode = QHeaderView.ResizeMode
        self.verticalHeader().setSectionResizeMode(mode.ResizeToContents if wrap else mode.Fixed)

    def _texts(self, column: int) -> list[str]:
        if column not in self._measured:  # once per fit: a column is measured twice
            self._measured[column] = self._read_texts(column)
        return self._measured[column]

    def _read_texts(self, column: int) -> list[str]:
        """The texts of ``column``: the rows shown, and the rows the widths are steady over."""
        model = self.model()
        rows = min(model.rowCount(), _MEASURED_ROWS)
        texts = [str(model.index(r, column).data() or "") for r in range(rows)]
        if self._steady_over is not None:
            texts += [self.source.display(row, column) for row in self._steady_over()]
        return texts

    def _margin(self) -> int:
        return 2 * (self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 1) + 4

    def _header_needs(self, column: int) -> tuple[int, int]:
        """A column's header on one line, and broken over two (where it has a space)."""
        header = self.horizontalHeader()
        broken: set[int] | None = getattr(self.source, "broken_headers", None)
        least = header.minimumSectionSize()  # Qt makes no section narrower
        if broken is None:
            one = max(least, header.sectionSizeFromContents(column).width())
            return one, one
        had = column in broken
        broken.discard(column)
        one = header.sectionSizeFromContents(column).width()
        broken.add(column)
        two = header.sectionSizeFromContents(column).width()
        if not had:
            broken.discard(column)
        return max(least, one), max(least, min(one, two))

    def _natural(self, column: int, header: int) -> int:
        """A column's width with every cell on one line, and its header whole."""
        delegate = self.itemDelegateForColumn(column)
        if delegate is not None:
            # drawn by its delegate (thumbnails): its text is what a screen reader says, never
            # shown ("1 photo" made a history's photos 138 px for 72 px of thumbnail). Every
            # row's, not only those in view (sizeHintForColumn): a row scrolled to later
            # must not widen the column under the finger.
            model, option = self.model(), QStyleOptionViewItem()
            rows = range(min(model.rowCount(), _MEASURED_ROWS))
            hints = (delegate.sizeHint(option, model.index(r, column)).width() for r in rows)
            return max(header, *hints, self.sizeHintForColumn(column))
        metrics = self.fontMetrics()
        text = max((metrics.horizontalAdvance(t) for t in self._texts(column)), default=0)
        return max(header, self.sizeHintForColumn(column), text + self._margin())

    def _floor(self, column: int, natural: int, header: int) -> int:
        """The least a column may have: its header (on two lines if need be), and unless
        it may elide, its longest word; a kept column, all of its contents."""
        if column in self._keep:
            return natural
        need = header
        # the row's own text (a title; a history's notes, which people read there): never
        # a word a line
        if (column in self._read) if self._read else self._stretch[:1] == (column,):
            need = max(need, READABLE_EM * self.fontMetrics().height())
        if column not in self._elide:
            metrics = self.fontMetrics()
            for text in self._texts(column):
                for part in unbreakable_parts(text):
                    need = max(need, metrics.horizontalAdvance(part) + self._margin())
        return min(need, natural)

    def _break_headers(self, widths: dict[int, int], one_line: dict[int, int]) -> None:
        """Headers too wide for their column on two lines; the rest on one."""
        broken: set[int] | None = getattr(self.source, "broken_headers", None)
        wanted = {c for c, w in widths.items() if w < one_line[c] - 1}
        if broken is None or broken == wanted:
            return
        broken.clear()
        broken.update(wanted)
        self.source.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(one_line) - 1)

    def _row_heights(self) -> None:
        vertical = self.verticalHeader()
        vertical.setDefaultSectionSize(row_height(self))
        # a wrapped row grows with its lines but is never less than a touch target
        vertical.setMinimumSectionSize(row_height(self))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._row_heights()
            self._refit.start()

    def wrap_rows(self) -> None:
        """Long texts always wrap onto more lines (each row as tall as it needs), not cut."""
        self._always_wrap = True
        self._wrap(True)

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
