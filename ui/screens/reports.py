"""报表 (Reports): the daily work log or the monthly summary of an area — preview with charts,
then export to xlsx, CSV, PDF or JSON in a folder or on a USB drive, and open the file.

The figures and the tables are the core's (``Reports``, ``document_of``): the preview shows
the same tables the file holds. Reading and writing run off the GUI thread; the export
reports its progress to a bar and always says what the data is as of.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QTabWidget,
)

from gridterm.reports.document import Document
from gridterm.reports.export import Format, Report, document_of
from ui.context import AppContext
from ui.models.report_table import ReportTableModel
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.screens.report_panels import FiguresPanel, data_as_of_text, removable_drives
from ui.settings import REPORT_FOLDER
from ui.widgets import accessible
from ui.widgets.dates import date_edit
from ui.widgets.report_chart import ReportChart
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, card, label
from ui.workspace import Workspace


def documents_folder() -> Path:
    """The user's Documents folder, where exports go unless another is chosen."""
    import platformdirs

    return Path(platformdirs.user_documents_path())


class _Progress(QObject):
    """Carries the export's progress from the worker thread to the bar (a queued signal)."""

    moved = Signal(int)


class ReportsScreen(Screen):
    """Pick day or month and area, look, export."""

    watches = frozenset({"visit", "check_in", "ticket", "ticket_transition", "hazard"})
    loaded = Signal()
    exported = Signal(str)

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("reports")
        self.report: Report | None = None
        self.document: Document | None = None
        self.last_file: Path | None = None
        self._build_controls()
        self._build_preview()
        self._build_export()
        self._progress = _Progress(self)
        self._progress.moved.connect(self.progress.setValue)

    # -- layout ------------------------------------------------------------------------------

    def _build_controls(self) -> None:
        box, row = card(vertical=False)
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        self.kind.addItem(self.tr("Daily work log"), "daily")
        self.kind.addItem(self.tr("Monthly summary"), "monthly")
        self.day = date_edit("reportDate")
        today = self.ws.session.today()  # the office's day, as Team and Today show it
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.area = QComboBox()
        self.area.setObjectName("reportArea")
        for widget, text in (
            (self.kind, self.tr("Report")),
            (self.day, self.tr("Date")),
            (self.area, self.tr("Area")),
        ):
            widget.setMinimumHeight(48)
            accessible.name(widget, text)
        row.addWidget(label(self.tr("Report"), "section"))
        row.addWidget(self.kind, 2)
        row.addWidget(self.day, 2)
        row.addWidget(self.area, 3)
        self.body.addWidget(box)
        self.as_of = label("", "muted")
        self.as_of.setObjectName("dataAsOf")
        self.body.addWidget(self.as_of)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.area.currentIndexChanged.connect(lambda _i: self.reload())
        self._kind_changed()

    def _build_preview(self) -> None:
        row = ResponsiveRow()
        self.figures = FiguresPanel()
        row.add(self.figures, 2)
        view_card, box = card()
        self.table_pick = QComboBox()
        self.table_pick.setObjectName("reportTable")
        accessible.name(self.table_pick, self.tr("Part of the report"))
        self.table_pick.setMinimumHeight(48)
        self.table_pick.currentIndexChanged.connect(self._show_table)
        box.addWidget(self.table_pick)
        # the chart and the table of the picked part of the report, one at a time: on a
        # tablet each needs the whole height
        self.views = QTabWidget()
        self.views.setObjectName("reportViews")
        self.chart = ReportChart()
        self.table_model = ReportTableModel(self)
        self.table = TouchTable(self.table_model, sortable=True, name=self.tr("Table"))
        self.table.setObjectName("reportRows")
        self.views.addTab(self.chart, self.tr("Chart"))
        self.views.addTab(self.table, self.tr("Table"))
        box.addWidget(self.views, 1)
        row.add(view_card, 3)
        self.body.addWidget(row, 1)

    def _build_export(self) -> None:
        box, column = card()
        row = QHBoxLayout()
        self.format = QComboBox()
        self.format.setObjectName("reportFormat")
        accessible.name(self.format, self.tr("File format"))
        self.format.setMinimumHeight(48)
        for fmt, text in (
            (Format.XLSX, self.tr("Excel (xlsx)")),
            (Format.PDF, self.tr("PDF to print and sign")),
            (Format.CSV, self.tr("CSV (zip of tables)")),
            (Format.JSON, self.tr("JSON for other platforms")),
        ):
            self.format.addItem(text, fmt.value)
        self.folder = QComboBox()
        self.folder.setObjectName("reportFolder")
        accessible.name(self.folder, self.tr("Folder"))
        self.folder.setMinimumHeight(48)
        self.choose = button(self.tr("Choose folder…"), object_name="chooseFolder")
        self.choose.clicked.connect(self._choose_folder)
        self.export_button = button(self.tr("Export"), "primary", "exportReport")
        self.export_button.clicked.connect(self.export)
        # two rows: how and where, then the export with its progress and the file
        for widget, stretch in ((self.format, 2), (self.folder, 3), (self.choose, 0)):
            row.addWidget(widget, stretch)
        column.addLayout(row)
        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        accessible.name(self.progress, self.tr("Export progress"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        # no bar before an export has run (its empty frame read "0%", then looked like a
        # field to type into), its room kept so the buttons beside it stay put
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.message = label("", "muted")
        self.message.setObjectName("exportMessage")
        self.open_button = button(self.tr("Open file"), object_name="openFile")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_file)
        status.addWidget(self.progress, 1)
        status.addWidget(self.message, 2)
        status.addWidget(self.open_button)
        status.addWidget(self.export_button)
        column.addLayout(status)
        self.body.addWidget(box)
        self._fill_folders()

    # -- data --------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Reports")

    def reload(self) -> None:
        if self.area.count() == 0:
            self.read(self.ws.reports.areas, self._areas)
            return
        kind, when, area = (
            self.kind.currentData(),
            self.day.date().toString(Qt.DateFormat.ISODate),
            self.area.currentData(),
        )
        locale = self.ctx.i18n.locale or "zh_CN"

        def read() -> tuple[Report, Document]:
            level, area_id = area
            report: Report
            if kind == "daily":
                report = self.ws.reports.daily(when, level, area_id)
            else:
                report = self.ws.reports.monthly(when[:7], level, area_id)
            return report, document_of(report, locale)

        self.read(read, self._apply)

    def _areas(self, areas: list) -> None:
        self.area.blockSignals(True)
        for area in areas:
            self.area.addItem(area.name, (area.level, area.id))
        self.area.blockSignals(False)
        if areas:
            self.reload()

    def _apply(self, result: tuple[Report, Document]) -> None:
        self.report, self.document = result
        doc = self.document
        self.as_of.setText(data_as_of_text(doc.data_as_of))
        self.figures.show_document(doc)
        current = self.table_pick.currentIndex()
        self.table_pick.blockSignals(True)
        self.table_pick.clear()
        for table in doc.tables:
            self.table_pick.addItem(table.title)
        self.table_pick.setCurrentIndex(max(0, min(current, len(doc.tables) - 1)))
        self.table_pick.blockSignals(False)
        self._show_table()
        self.loaded.emit()

    def _show_table(self) -> None:
        if self.document is None or not self.document.tables:
            return
        i = max(0, self.table_pick.currentIndex())
        charted = self.document.tables[i]
        if charted.chart is None:
            # the preview's chart stays on the nearest table that has one
            charted = next((t for t in self.document.tables if t.chart is not None), charted)
        self.chart.show_table(charted, self.ctx.theme.color("text").name())
        self.table_model.set_table(self.document.tables[i], self.document.locale)

    def _kind_changed(self) -> None:
        monthly = self.kind.currentData() == "monthly"
        self.day.setDisplayFormat("yyyy-MM" if monthly else "yyyy-MM-dd")
        self.reload()

    # -- export ------------------------------------------------------------------------------

    def _fill_folders(self) -> None:
        saved = self.ctx.settings.get(REPORT_FOLDER)
        documents = str(documents_folder())
        self.folder.clear()
        for path in dict.fromkeys([p for p in (saved, documents) if p]):
            self.folder.addItem(path, path)
        for name, path in removable_drives():
            self.folder.addItem(
                self.tr("USB drive {name} ({path})").format(name=name, path=path), path
            )

    def _choose_folder(self) -> None:
        start = self.folder.currentData() or ""
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Save reports in"), start)
        if chosen:
            self.choose_folder(chosen)

    def choose_folder(self, path: str) -> None:
        """Save into ``path`` from now on (remembered in the settings)."""
        self.ctx.settings.set(REPORT_FOLDER, path)
        self._fill_folders()
        self.folder.setCurrentIndex(max(0, self.folder.findData(path)))

    def export(self) -> None:
        """Write the previewed report in the chosen format and folder, off the GUI thread."""
        if self.report is None or self.document is None:
            return
        report, fmt = self.report, Format(self.format.currentData())
        folder = Path(self.folder.currentData() or ".")
        if folder == documents_folder():
            # the user's own Documents folder may simply not exist yet on a new terminal;
            # any other folder (a USB drive) must be there, or the export says so
            folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{self.document.file_stem}.{fmt.value}"
        locale = self.document.locale
        progress = self._progress.moved.emit
        self.export_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(self.tr("Exporting…"))
        (
            CoreOp(
                self,
                lambda: self.ws.reports.export(
                    report, fmt, target, locale=locale, progress=progress
                ),
            )
            .success(self._exported)
            .failure(self._failed)
            .finally_(lambda: self.export_button.setEnabled(True))
            .run(self.ctx.ops)
        )

    def _exported(self, path: Path) -> None:
        self.last_file = path
        self.progress.setValue(100)
        self.message.setText(self.tr("Saved {file}").format(file=str(path)))
        self.open_button.setEnabled(True)
        self.exported.emit(str(path))

    def _failed(self, error: BaseException) -> None:
        from ui.labels import error_message

        self.progress.setValue(0)
        self.progress.setFormat("")  # nothing was written: no "0%" either
        self.message.setText(error_message(error))

    def _open_file(self) -> None:
        if self.last_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_file)))
