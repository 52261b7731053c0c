"""What a record's detail screen (a ticket, a hazard) is built of: one scrolling page with the
facts on the left and, on the right, the next step and the history with each step's photos
(stacked in portrait).

The screens (``ticket_detail.py``, ``hazard_detail.py``) fill the facts and say which steps
are allowed and what each asks for; the parts here are laid out the same for both. A record's
facts grid and heading card serve the household and premises screens too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.models.base import RowTableModel
from ui.models.history import StepHistoryModel
from ui.screens.base import Screen
from ui.widgets.action_panel import ActionPanel
from ui.widgets.photos import PhotoStrip
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.table import history_card
from ui.widgets.thumbs import PhotoColumn
from ui.widgets.touch import card, kinetic
from ui.widgets.touch import label as text_label

translate = QCoreApplication.translate


def facts_grid(
    fields: Sequence[tuple[str, str]], prefix: str, data: Iterable[str] = ()
) -> tuple[QGridLayout, dict[str, QLabel]]:
    """A caption and a value per ``(key, caption)``, with the values by key; a value is named
    ``<prefix>_<key>`` and marked as the record's own text (not UI text) when its key is in
    ``data``."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setColumnStretch(1, 1)
    own = set(data)
    values: dict[str, QLabel] = {}
    for i, (key, caption) in enumerate(fields):
        grid.addWidget(text_label(caption, "muted"), i, 0)
        value = text_label("")
        value.setObjectName(f"{prefix}_{key}")
        if key in own:
            value.setProperty("data", True)
        values[key] = value
        grid.addWidget(value, i, 1)
    return grid, values


def head_card(info: QLayout, actions: Sequence[QWidget]) -> QFrame:
    """A record's heading: what it is (``info``) on the left, what can be done with it
    stacked on the right (a household's visit and edits, a premises' inspection and edit)."""
    frame, head = card(vertical=False)
    head.addLayout(info, 1)
    column = QVBoxLayout()
    for widget in actions:
        column.addWidget(widget)
    column.addStretch(1)
    head.addLayout(column)
    return frame


class RecordDetailScreen(Screen):
    """A record's detail screen: ``detail_page`` lays out the page, ``facts_grid`` the facts'
    captions and values, ``next_step`` the action panel's card and ``history`` the steps.

    Subclasses implement ``_open_panel(step)`` (fill and show the rows the step asks for)
    and ``_confirm(step)`` (run it through ``action_panel.submit``).
    """

    def detail_page(self) -> ResponsiveRow:
        """One scrolling page (the action panel grows with photos and departments and must
        never squeeze the history into overlapping it); returns its row of columns."""
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        # The bar's room is kept from the start: appearing when a step's form (a photo, a
        # department) makes the page taller, it narrowed the page and moved every button.
        self.detail_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        kinetic(self.detail_scroll)
        row = ResponsiveRow()
        self.detail_scroll.setWidget(row)
        self.body.addWidget(self.detail_scroll, 1)
        return row

    def state_lines(self, facts: QVBoxLayout, state_name: str, flag_name: str) -> QLabel:
        """The record's state as ``self.state`` and, under it, a hidden urgent flag (returned):
        a running clock, an overdue warning."""
        self.state = text_label("", "section")
        self.state.setObjectName(state_name)
        flag = text_label("", "urgent")
        flag.setObjectName(flag_name)
        flag.hide()
        facts.addWidget(self.state)
        facts.addWidget(flag)
        return flag

    def facts_grid(
        self, fields: Sequence[tuple[str, str]], prefix: str, data: frozenset[str] = frozenset()
    ) -> QGridLayout:
        """The record's facts (``facts_grid`` below); each value is ``values[key]``."""
        grid, self.values = facts_grid(fields, prefix, data)
        return grid

    def next_step(self, panel: ActionPanel) -> QFrame:
        """The card of the steps allowed now, around ``panel``."""
        self.action_panel = panel
        panel.opened.connect(self._open_panel)
        panel.confirmed.connect(self._confirm)
        # what tests and the screenshot script reach for
        self.panel, self.panel_form = panel.panel, panel.form
        self.confirm, self.no_actions = panel.confirm, panel.nothing
        self.action_buttons = panel.action_buttons
        # a cancelled step's photos are let go of (their files deleted: nothing names them)
        self.step_photos = panel.panel.findChildren(PhotoStrip)
        for strip in self.step_photos:
            panel.cancel.clicked.connect(lambda _=False, s=strip: s.set_digests([]))
        frame, layout = card()
        layout.addWidget(text_label(translate("RecordDetailScreen", "Next step"), "section"))
        layout.addWidget(panel)
        return frame

    def history(
        self,
        model: RowTableModel[Any],
        stretch: Sequence[int],
        photos_column: int,
        photos_of: Callable[[Any], tuple[str, ...]],
    ) -> QFrame:
        """The card of the record's steps (``model``, the subclass's ``history_model``), with
        every photo a step took as thumbnails (a tap shows it large)."""
        frame, self.history_table = history_card(
            translate("RecordDetailScreen", "History"), model, stretch
        )
        self.history_photos = PhotoColumn(
            self.history_table, photos_column, self.ctx.ops, self.ws, photos_of
        )
        self.history_table.keep_whole(photos_column)  # its thumbnails, never cut
        self.history_table.read_whole(StepHistoryModel.COL_NOTE)  # what people read there
        return frame

    def right_column(self, *cards: QFrame) -> QWidget:
        """The next step above the history, the history taking what height is left."""
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        for i, c in enumerate(cards):
            column.addWidget(c, 1 if i == len(cards) - 1 else 0)
        return right

    def leaving(self) -> None:
        """Back with a step's panel open: its photos were never saved (a step taken names
        its own, which stay)."""
        for strip in self.step_photos:
            strip.let_go(everything=True)

    def _open_panel(self, step: str) -> None:
        raise NotImplementedError

    def _confirm(self, step: str) -> None:
        raise NotImplementedError
