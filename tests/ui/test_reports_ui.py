"""团队 and 报表 on the demo street office, as its community supervisor: the team today, a
preview with charts, an export off the GUI thread into a chosen folder, in both languages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import log_in, open_tab, tap, wait_idle
from ui.models.report_table import ReportTableModel
from ui.models.team import TeamModel

SUPERVISOR = "S0001"


def test_team_shows_every_worker_with_who_has_not_checked_in(qtbot, demo_window, qtmodeltester):
    log_in(qtbot, demo_window, SUPERVISOR)
    team = open_tab(qtbot, demo_window, "team")
    qtbot.waitUntil(lambda: team.model.rowCount() > 0, timeout=10000)
    qtmodeltester.check(team.model)
    members = team.model.rows()
    checked, behind = sum(m.checked_in for m in members), sum(m.behind for m in members)
    assert team.summary.text() == f"已签到 {checked}/{len(members)} 人 · 重点户逾期 {behind} 人"
    first = [team.model.index(0, c).data() for c in range(team.model.columnCount())]
    if not members[0].checked_in:
        assert first[TeamModel.COL_STATUS] == "未签到"
    assert team.as_of.text().startswith("数据截至")


def test_preview_then_export_xlsx_into_a_folder(qtbot, demo_window, tmp_path: Path, qtmodeltester):
    log_in(qtbot, demo_window, SUPERVISOR)
    reports = open_tab(qtbot, demo_window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    assert reports.document.title == "工作日志"
    assert reports.figures.heading.text().startswith("工作日志 · ")
    qtmodeltester.check(reports.table_model)
    reports.kind.setCurrentIndex(1)
    qtbot.waitUntil(lambda: reports.document.title == "月度民情分析", timeout=10000)
    assert reports.chart.chart().series(), "the preview draws the chart"
    reports.table_pick.setCurrentIndex(1)
    assert reports.table_model.rowCount() > 0
    folder = tmp_path / "usb"
    folder.mkdir()
    # the walk of 2026-12-03: the bar read "0%" before any export had run; the screenshots
    # of 2026-12-06: its empty frame looked like a text field to type into
    assert not reports.progress.isVisible()
    reports.choose_folder(str(folder))
    reports.format.setCurrentIndex(reports.format.findData("xlsx"))
    export_at = reports.export_button.geometry()
    with qtbot.waitSignal(reports.exported, timeout=20000) as saved:
        tap(qtbot, reports.export_button)
    assert reports.progress.isVisible() and reports.export_button.geometry() == export_at
    path = Path(saved.args[0])
    assert path.parent == folder and path.suffix == ".xlsx"
    assert reports.progress.value() == 100 and reports.open_button.isEnabled()
    assert reports.progress.text() == "100%"
    assert openpyxl.load_workbook(path).sheetnames[0] == "汇总"
    assert demo_window.workspace.reports.exports()[0].file == str(path)
    wait_idle(qtbot, demo_window)


def test_street_staff_see_their_street_office_and_each_community(qtbot, demo_window):
    """Street staff report on the whole street office: its area kind was once passed as a
    word the core did not know, and the screen stayed empty."""
    log_in(qtbot, demo_window, "J0001")
    reports = open_tab(qtbot, demo_window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    assert reports.area.itemText(0) == "东湖街道"
    assert reports.document.title == "工作日志"
    for i in range(1, min(reports.area.count(), 3)):
        shown = reports.document
        reports.area.setCurrentIndex(i)
        qtbot.waitUntil(lambda shown=shown: reports.document is not shown, timeout=10000)
    wait_idle(qtbot, demo_window)


def test_english_reports_and_pdf(qtbot, demo_window, tmp_path: Path):
    log_in(qtbot, demo_window, SUPERVISOR)
    demo_window.change_language("en")
    reports = open_tab(qtbot, demo_window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    assert reports.document.title == "Daily work log" and reports.title() == "Reports"
    reports.choose_folder(str(tmp_path))
    reports.format.setCurrentIndex(reports.format.findData("pdf"))
    with qtbot.waitSignal(reports.exported, timeout=30000) as saved:
        tap(qtbot, reports.export_button)
    text = pypdf.PdfReader(saved.args[0]).pages[0].extract_text()
    assert "Daily work log" in text and "Page 1 of" in text
    wait_idle(qtbot, demo_window)


def test_the_coverage_pie_names_its_slices_whole_in_english(qtbot, demo_window):
    """The legend gives each slice an equal share of the chart's width: "Visited as
    scheduled 344" was cut to "Visited as sch…" on the tablet."""
    log_in(qtbot, demo_window, SUPERVISOR)
    demo_window.change_language("en")
    reports = open_tab(qtbot, demo_window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    reports.kind.setCurrentIndex(1)
    qtbot.waitUntil(lambda: reports.document.title == "Monthly summary", timeout=10000)
    reports.table_pick.setCurrentIndex(reports.table_pick.findText("Key-household coverage"))
    legend = reports.chart.chart().legend()
    markers = legend.markers()
    assert len(markers) == 2 and legend.isVisible()
    metrics = QFontMetrics(legend.font())
    share = reports.chart.width() / len(markers)
    for marker in markers:
        # the swatch, its gap and the label's own margins take about two lines' height
        assert metrics.horizontalAdvance(marker.label()) + 2 * metrics.height() <= share, (
            marker.label()
        )
    wait_idle(qtbot, demo_window)


def test_an_unwritable_folder_says_so_and_writes_nothing(qtbot, demo_window, tmp_path: Path):
    log_in(qtbot, demo_window, SUPERVISOR)
    reports = open_tab(qtbot, demo_window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    gone = tmp_path / "unplugged"
    reports.choose_folder(str(gone))  # the USB drive was pulled out
    tap(qtbot, reports.export_button)
    qtbot.waitUntil(
        lambda: reports.export_button.isEnabled() and reports.message.text() != "正在导出……",
        timeout=10000,
    )
    assert "无法写入" in reports.message.text()
    assert not gone.exists() and demo_window.workspace.reports.exports() == []


def test_report_table_model_passes_the_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(ReportTableModel())


def test_the_building_shades_tiles_by_last_visit_and_marks_overdue_key_households(qtbot, window):
    from datetime import timedelta

    from gridterm.reports.coverage import Band
    from tests.ui.helpers import open_building
    from ui.models.floors import COVERAGE_ROLE

    log_in(qtbot, window)
    ws = window.workspace
    ws.visits.record(
        household_id="h-g1-502",
        visited_at=ws.session.now() - timedelta(days=3),
        visit_type="routine",
        outcome="nothing_raised",
    )
    building = open_building(qtbot, window)
    qtbot.waitUntil(lambda: "h-g1-502" in building.model.coverage)
    cells = {}
    for row in range(building.model.rowCount()):
        for col in range(building.model.columnCount()):
            index = building.model.index(row, col)
            if index.data() is not None:
                cells[index.data()] = index.data(COVERAGE_ROLE)
    assert cells["502"].band is Band.WEEK and cells["502"].days == 3
    # the elderly person living alone was never visited: no colour but "never", and overdue
    assert cells["501"].band is Band.NONE and cells["501"].overdue
    assert not cells["602"].overdue
    assert not building.delegate.shading and not building.coverage_legend[0].isVisible()
    tap(qtbot, building.shading)
    assert building.delegate.shading and building.coverage_legend[0].isVisible()
    shot = building.view.viewport().grab().toImage()
    assert not shot.isNull()


@pytest.mark.parametrize(
    ("size", "locale", "text"),
    [((1280, 800), "zh_CN", "normal"), ((800, 1280), "en", "large")],
    ids=["landscape", "portrait-en-large"],
)
def test_team_and_reports_fit_the_tablet(qtbot, ctx, size, locale, text) -> None:
    from tests.ui.layout import settled_problems, tablet_window

    with tablet_window(qtbot, ctx, size, locale, text) as window:
        log_in(qtbot, window, "s1")
        bad = []
        team = open_tab(qtbot, window, "team")
        qtbot.waitUntil(lambda: team.team is not None, timeout=10000)
        bad += [f"team: {p}" for p in settled_problems(qtbot, window)]
        reports = open_tab(qtbot, window, "reports")
        qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
        bad += [f"reports: {p}" for p in settled_problems(qtbot, window)]
        # the month without tickets: four figures read "—" with why under them
        reports.kind.setCurrentIndex(reports.kind.findData("monthly"))
        qtbot.waitUntil(lambda: reports.document.kind == "monthly", timeout=10000)
        whys = [
            w
            for w in reports.figures.findChildren(QLabel)
            if w.objectName().startswith("figureReason")
        ]
        assert len(whys) == 4
        qtbot.waitUntil(lambda: all(w.isVisible() for w in whys), timeout=5000)
        bad += [f"monthly: {p}" for p in settled_problems(qtbot, window)]
        wait_idle(qtbot, window)
    assert bad == [], "\n".join(bad)


def test_no_urgent_ticket_reads_a_dash_not_100_percent(qtbot, window, tmp_path: Path):
    """A month without urgent tickets: the 10-minute rate does not apply, on screen (with
    why, as its tooltip) and in the exported workbook."""
    log_in(qtbot, window, "s1")
    reports = open_tab(qtbot, window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    reports.kind.setCurrentIndex(reports.kind.findData("monthly"))
    qtbot.waitUntil(lambda: reports.document.title == "月度民情分析", timeout=10000)
    names = [name for name, _value, _kind in reports.document.figures]
    figure = reports.figures.findChild(QLabel, f"figure{names.index('10分钟响应率')}")
    assert figure.text() == "—"
    assert figure.toolTip() == "无紧急工单" == figure.accessibleDescription()
    folder = tmp_path / "usb"
    folder.mkdir()
    reports.choose_folder(str(folder))
    reports.format.setCurrentIndex(reports.format.findData("xlsx"))
    with qtbot.waitSignal(reports.exported, timeout=20000) as saved:
        tap(qtbot, reports.export_button)
    summary = openpyxl.load_workbook(saved.args[0]).worksheets[0]
    (row,) = [r for r in summary.iter_rows() if r[0].value == "10分钟响应率"]
    assert row[1].value == "—" and "无紧急工单" in row[1].comment.text
    wait_idle(qtbot, window)


def under(lower: QLabel, upper: QLabel) -> bool:
    """``lower``'s top at or below ``upper``'s bottom, the two overlapping sideways."""
    a = QRect(lower.mapTo(lower.window(), QPoint(0, 0)), lower.size())
    b = QRect(upper.mapTo(upper.window(), QPoint(0, 0)), upper.size())
    return a.top() > b.bottom() and a.left() <= b.right() and b.left() <= a.right()


def test_shares_of_nothing_read_a_dash_with_why_under_it(qtbot, window, tmp_path: Path):
    """No key household and no ticket: the coverage (it read 100%) and the escalation share
    (it read 0%) do not apply. Each "—" says why under it, in small muted text a tablet
    shows without a long press; the workbook and the PDF say the same."""
    log_in(qtbot, window, "s1")
    window.workspace.store.write(  # 501's elderly resident moved away: no key household left
        lambda tx: tx.execute("UPDATE household SET key_reasons = '[]'")
    )
    reports = open_tab(qtbot, window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    reports.kind.setCurrentIndex(reports.kind.findData("monthly"))
    qtbot.waitUntil(lambda: reports.document.title == "月度民情分析", timeout=10000)
    names = [name for name, _value, _kind in reports.document.figures]
    expected = {
        "重点户走访覆盖": "无重点户",
        "上报上级占比": "无上报工单",
        "10分钟响应率": "无紧急工单",
    }
    for name, reason in expected.items():
        i = names.index(name)
        figure = reports.figures.findChild(QLabel, f"figure{i}")
        why = reports.figures.findChild(QLabel, f"figureReason{i}")
        assert figure.text() == "—" and figure.accessibleDescription() == reason, name
        assert why is not None and why.text() == reason and why.property("role") == "muted"
        # shown (a layout shows what it is given on its next turn), under the dash
        qtbot.waitUntil(
            lambda why=why, figure=figure: why.isVisible() and under(why, figure), timeout=5000
        )
    visits = names.index("走访")  # a figure that applies has no reason under it
    assert reports.figures.findChild(QLabel, f"figureReason{visits}") is None
    folder = tmp_path / "usb"
    folder.mkdir()
    reports.choose_folder(str(folder))
    for kind in ("xlsx", "pdf"):
        reports.format.setCurrentIndex(reports.format.findData(kind))
        with qtbot.waitSignal(reports.exported, timeout=30000) as saved:
            tap(qtbot, reports.export_button)
        if kind == "xlsx":
            rows = {
                r[0].value: r[1]
                for r in openpyxl.load_workbook(saved.args[0]).worksheets[0].iter_rows()
            }
            for name, reason in expected.items():
                assert rows[name].value == "—" and reason in rows[name].comment.text, name
        else:
            text = "\n".join(p.extract_text() for p in pypdf.PdfReader(saved.args[0]).pages)
            for name, reason in expected.items():
                assert f"{name}: — {reason}" in text, name
    wait_idle(qtbot, window)
