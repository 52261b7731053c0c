"""A table's stretched columns: never below their header, and in a table whose rows wrap,
never below their longest word — a hazard's English history cut "Rectification" to
"Rectifica…" in its Step column while the Note column beside it stood empty."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from tests.ui.conftest import log_in, open_tab
from tests.ui.layout import tablet_window, words_cut
from ui.models.base import RowTableModel
from ui.models.tickets import TicketModel
from ui.widgets.table import TouchTable


@dataclass(frozen=True)
class Step:
    when: str
    step: str
    note: str


class StepModel(RowTableModel[Step]):
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "When"),
        QT_TRANSLATE_NOOP("Columns", "Step"),
        QT_TRANSLATE_NOOP("Columns", "Note"),
    )

    def display(self, row: Step, column: int) -> str:
        return (row.when, row.step, row.note)[column]


def _table(qtbot, width: int, rows: list[Step]) -> TouchTable:
    model = StepModel()
    table = TouchTable(model, stretch=(1, 2))
    table.wrap_rows()
    qtbot.addWidget(table)
    table.resize(width, 400)
    table.show()
    model.set_rows(rows)
    qtbot.waitExposed(table)
    return table


def test_a_long_word_keeps_its_column_wide_enough_and_the_other_takes_the_rest(qtbot):
    long = "Rectification-and-re-inspection"
    rows = [Step("2026-11-25 11:55", f"{long} → Rectified", "")]
    probe = _table(qtbot, 800, rows)
    word = probe.fontMetrics().horizontalAdvance(long)
    # an equal share of what "When" leaves would be narrower than the word
    table = _table(qtbot, probe.horizontalHeader().sectionSize(0) + word + 100, rows)
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(1) >= word + 4)
    assert words_cut(table) == []
    # the rest of the width still goes to the note, and nothing scrolls sideways
    total = sum(header.sectionSize(c) for c in range(3))
    assert abs(total - table.viewport().width()) <= 2


def test_short_words_share_the_room_equally(qtbot):
    table = _table(qtbot, 600, [Step("11-25", "Found", "ok")])
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: abs(header.sectionSize(1) - header.sectionSize(2)) <= 1)


def test_too_narrow_for_every_word_it_scrolls_sideways_instead(qtbot):
    rows = [Step("2026-11-25 11:55", "Rectification", "Reinspection")]
    table = _table(qtbot, 200, rows)
    qtbot.waitUntil(lambda: words_cut(table) == [])
    assert table.horizontalScrollBar().maximum() > 0


def test_columns_give_way_in_a_narrow_view_and_come_back_in_a_wide_one(qtbot):
    model = StepModel()
    table = TouchTable(model, stretch=(1,), give_way=(0, 2))
    qtbot.addWidget(table)
    rows = [Step("2026-11-25 11:55", "Found", "Reinspection after the rectification")]
    model.set_rows(rows)
    table.resize(260, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()
    # too narrow for every column on one line: the rows wrap first, nothing hidden
    metrics = table.fontMetrics()
    words = sum(metrics.horizontalAdvance(w) for w in ("2026-11-25", "Found", "Reinspection"))
    table.resize(words + 120, 300)
    qtbot.waitUntil(lambda: table.wordWrap())
    assert not any(header.isSectionHidden(c) for c in range(3))
    assert table.horizontalScrollBar().maximum() == 0 and words_cut(table) == []
    # too narrow even wrapped: the first to give way goes first
    table.resize(words - 20, 300)
    qtbot.waitUntil(lambda: header.isSectionHidden(0))
    assert table.horizontalScrollBar().maximum() == 0
    table.resize(1000, 300)
    qtbot.waitUntil(lambda: not header.isSectionHidden(0) and not header.isSectionHidden(2))


def test_the_ticket_list_keeps_its_titles_readable_on_a_portrait_tablet(qtbot, ctx) -> None:
    """In large English text on a portrait tablet the title was cut to three characters
    and the time limit hidden behind a sideways scroll bar: the urgency, level and category
    columns give way instead (urgent tickets come first and have their banner)."""
    with tablet_window(qtbot, ctx, (800, 1280), "en", "large") as window:
        log_in(qtbot, window)
        for title in ("楼道灯坏了三天没人修", "单元门禁失灵外人随意进出"):
            window.workspace.tickets.open(grid_id="g1", category="物业管理", title=title)
        screen = open_tab(qtbot, window, "tickets")
        table = screen.table
        header = table.horizontalHeader()
        qtbot.waitUntil(lambda: table.model().rowCount() > 0)
        qtbot.waitUntil(lambda: header.isSectionHidden(TicketModel.COL_URGENT))
        assert not header.isSectionHidden(TicketModel.COL_DUE)
        assert table.horizontalScrollBar().maximum() == 0
        title = max(
            table.fontMetrics().horizontalAdvance(str(table.model().index(r, 1).data()))
            for r in range(table.model().rowCount())
        )
        # once the columns have settled (the rows and the view's width arrive in turns)
        qtbot.waitUntil(lambda: header.sectionSize(TicketModel.COL_TITLE) >= min(title, 150))
