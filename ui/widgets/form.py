"""Form helpers: labelled rows, toggle buttons, and showing a core error next to its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from gridterm.errors import GridTermError
from ui.labels import error_message
from ui.widgets.accessible import label_for
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import button, kinetic, label


class Form(QGridLayout):
    """Two columns: a label and its input; ``fields`` maps core field names to inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalSpacing(16)
        self.setVerticalSpacing(10)
        self.setColumnStretch(1, 1)
        self.fields: dict[str, QWidget] = {}
        #: How this form names a field in error messages, where the shared name would mislead.
        self.field_names: dict[str, str] = {}
        #: The caption of each named field's row (shown and hidden with it).
        self.captions: dict[str, QLabel] = {}
        self._rows = 0
        self.error = label("", "error")
        self.error.setObjectName("formError")
        self.error.hide()

    def row(self, text: str, widget: QWidget | QHBoxLayout, field: str = "") -> None:
        """Add a labelled input; the caption is its accessible name."""
        # Our own count: an empty QGridLayout reports one row, which put the first row at 1.
        r = self._rows
        self._rows += 1
        caption = QLabel(text)
        caption.setProperty("role", "muted")
        label_for(caption, widget)
        self.addWidget(caption, r, 0)
        if isinstance(widget, QWidget):
            self.addWidget(widget, r, 1)
            if field:
                self.fields[field] = widget
                self.captions[field] = caption
        else:
            self.addLayout(widget, r, 1)

    def show_row(self, field: str, shown: bool) -> None:
        """Show or hide the row of ``field``: its input and its caption together."""
        self.fields[field].setVisible(shown)
        self.captions[field].setVisible(shown)

    def show_error(self, error: BaseException) -> None:
        """Say what is wrong and put the cursor on the field the core named."""
        self.error.setText(error_message(error, self.field_names))
        self.error.show()
        field = error.params.get("field") if isinstance(error, GridTermError) else None
        widget = self.fields.get(str(field).split(".")[0]) if field else None
        if widget is not None:
            widget.setFocus()

    def clear_error(self) -> None:
        """Hide the error."""
        self.error.hide()


def scrolling_row(widget: QWidget) -> QScrollArea:
    """A row too wide for a portrait screen, scrolled sideways by finger instead of clipped."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setSizeAdjustPolicy(QScrollArea.SizeAdjustPolicy.AdjustToContents)
    area.setFixedHeight(widget.sizeHint().height() + 18)
    kinetic(area)
    return area


class Choice(QWidget):
    """A row of big toggle buttons, one of which is chosen (a touch-friendly radio group);
    ``wrap``: onto further rows where the screen is narrow (portrait), so none is hidden."""

    def __init__(self, options: list[tuple[str, str]], object_name: str = "", wrap: bool = False):
        super().__init__()
        if object_name:
            self.setObjectName(object_name)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row: QHBoxLayout | FlowLayout = FlowLayout(self, spacing=8) if wrap else QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for value, text in options:
            b = button(text)
            b.setCheckable(True)
            b.setObjectName(f"{object_name}_{value}" if object_name else value)
            self.group.addButton(b)
            self.buttons[value] = b
            row.addWidget(b)
        if isinstance(row, QHBoxLayout):
            row.addStretch(1)

    def value(self) -> str | None:
        """The chosen option, or None."""
        for value, b in self.buttons.items():
            if b.isChecked():
                return value
        return None

    def set_value(self, value: str | None) -> None:
        """Choose an option (None: none)."""
        if value in self.buttons:
            self.buttons[value].setChecked(True)
        else:
            self.group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)


def toggle(text: str, object_name: str = "") -> QPushButton:
    """A big on/off button (for tags such as party member, vacant, rental)."""
    b = button(text, object_name=object_name)
    b.setCheckable(True)
    return b


def confirm_row(
    cancel_text: str, on_cancel: Callable[[], object], on_confirm: Callable[[], object]
) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """Cancel and confirm buttons at the right of a row, under an action's form; the confirm
    button's text is set by the screen for the action chosen."""
    row = QHBoxLayout()
    cancel = button(cancel_text)
    cancel.clicked.connect(on_cancel)
    confirm = button("", "primary", "confirmAction")
    confirm.clicked.connect(on_confirm)
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(confirm)
    return row, cancel, confirm
