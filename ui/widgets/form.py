"""Form helpers: labelled rows, toggle buttons, and showing the core's errors beside their
fields (all of one save at once, each cleared as soon as the worker changes its field)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from gridterm.errors import ValidationError, each_error
from ui.labels import error_message
from ui.widgets.accessible import label_for
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import button, kinetic, label


class Form(QGridLayout):
    """Two columns: a label and its input; ``fields`` maps core field names to inputs.

    With ``errors_beside`` (every full form) each named field has a line of its own under
    it for its error, its room kept while empty so that nothing moves when an error appears;
    an action panel (``errors_beside=False``, one or two fields over a confirm button) shows
    its errors in ``error``, which the screen places under that button, but for a field whose
    row asks for its own line (``row(..., error_beside=True)``: a step's photo, whose error
    under the buttons read as the note's), kept likewise. Either way all the
    errors of one save show at once and each goes as soon as its field is changed; ``error``
    also says what no field of the form names.
    """

    def __init__(self, errors_beside: bool = True) -> None:
        super().__init__()
        self.errors_beside = errors_beside
        self.setHorizontalSpacing(16)
        # Beside-field error lines are the gap between rows.
        self.setVerticalSpacing(2 if errors_beside else 10)
        self.setColumnStretch(1, 1)
        self.fields: dict[str, QWidget] = {}
        #: How this form names a field in error messages, where the shared name would mislead.
        self.field_names: dict[str, str] = {}
        #: The caption of each named field's row (shown and hidden with it).
        self.captions: dict[str, QLabel] = {}
        #: The error line under each named field (``errors_beside``; a row's parts share one).
        self.field_errors: dict[str, QLabel] = {}
        #: What is wrong now, by field ('' for what no field of the form names).
        self.messages: dict[str, str] = {}
        self._rows = 0
        self.error = label("", "error")
        self.error.setObjectName("formError")
        self.error.hide()

    def row(
        self,
        text: str,
        widget: QWidget | QLayout,
        field: str = "",
        *,
        parts: Mapping[str, QWidget] | None = None,
        error_beside: Sequence[str] = (),
    ) -> None:
        """Add a labelled input; the caption is its accessible name. ``parts``: the named
        fields of a row of several (a stall's building, floor, row and number), whose errors
        share the row's line. ``error_beside``: the codes of the errors the row shows on a
        line under it in a form whose errors otherwise show in ``error``; the line keeps the
        room the longest of them takes."""
        # Our own count: an empty QGridLayout reports one row, which put the first row at 1.
        r = self._rows
        beside = self.errors_beside or bool(error_beside)
        self._rows += 2 if beside else 1
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
        named = ([field] if field and isinstance(widget, QWidget) else []) + list(parts or {})
        self.fields.update(parts or {})
        if beside:
            # Every row gets the line (empty for a row without a field), so rows stay evenly
            # spaced; an empty label keeps one line of height.
            line = ErrorLine(tuple(error_beside))
            line.setObjectName(f"error_{named[0]}" if named else "")
            self.addWidget(line, r + 1, 1)
            for name in named:
                self.field_errors[name] = line

    def show_row(self, field: str, shown: bool) -> None:
        """Show or hide the row of ``field``: its input and its caption together."""
        self.fields[field].setVisible(shown)
        self.captions[field].setVisible(shown)
        if field in self.field_errors:
            self.field_errors[field].setVisible(shown)

    def show_error(self, error: BaseException) -> None:
        """Say everything that is wrong (one save's errors: what was shown before goes), each
        beside the field it names, and put the cursor on the first of those fields."""
        self.messages = {}
        self.add_error(error)

    def add_error(self, error: BaseException) -> None:
        """Say what is wrong besides what is shown already (a photo that could not be read)."""
        for one in each_error(error):
            field = self._field_of(one)
            text = error_message(one, self.field_names)
            self.messages[field] = (
                f"{self.messages[field]}\n{text}" if field in self.messages else text
            )
            if field:
                self._watch(field)
        self._render()
        first = next((f for f in self.fields if f in self.messages), None)
        if first is not None:
            self.fields[first].setFocus()

    def clear_error(self) -> None:
        """Hide every error."""
        self.messages = {}
        self._render()

    def field_changed(self, field: str) -> None:
        """The worker changed ``field``: its error no longer applies."""
        if self.messages.pop(field, None) is not None:
            self._render()

    def _field_of(self, error: BaseException) -> str:
        params = getattr(error, "params", None) or {}
        field = str(params.get("field") or getattr(error, "field", None) or "").split(".")[0]
        # A field whose row is hidden (show_row) cannot show its error: the form's own does.
        return field if field in self.fields and not self.fields[field].isHidden() else ""

    def _render(self) -> None:
        lines: dict[int, tuple[QLabel, list[str]]] = {}
        for field, line in self.field_errors.items():
            lines.setdefault(id(line), (line, []))[1].append(self.messages.get(field, ""))
        for line, texts in lines.values():
            line.setText("\n".join(filter(None, texts)))
        general = [m for f, m in self.messages.items() if not (f and f in self.field_errors)]
        self.error.setText("\n".join(general))
        self.error.setVisible(bool(general))

    def _watch(self, field: str) -> None:
        """Clear ``field``'s error when the worker touches any input in it (those added since
        the last error too: a visit's concern rows)."""
        root = self.fields[field]
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.property("clearsError"):
                continue
            signal = edit_signal(widget)
            if signal is not None:
                widget.setProperty("clearsError", True)
                signal.connect(lambda *_, f=field: self.field_changed(f))


class ErrorLine(QLabel):
    """A field's error line. Empty, it keeps the height of one line of its text, or of the
    longest of ``room_for`` (the codes of the errors it may show) at its width: an error
    appearing under a field moves nothing below it (a step's buttons)."""

    def __init__(self, room_for: tuple[str, ...] = ()) -> None:
        super().__init__("")
        self.setProperty("role", "fieldError")
        self.setWordWrap(True)
        self.room_for = room_for
        self._probe = QLabel()  # measures a text as this line would show it
        self._probe.setWordWrap(True)

    def keep_room(self) -> None:
        """Hold the height the longest text it may show takes at its width (set again when
        its width or font changes)."""
        self._probe.setFont(self.font())
        self._probe.setContentsMargins(self.contentsMargins())
        width = self.width() if self.width() > 1 else self.sizeHint().width()
        texts = ["\u00a0", *(error_message(ValidationError(c, c)) for c in self.room_for)]
        heights = []
        for text in texts:
            self._probe.setText(text)
            heights.append(self._probe.heightForWidth(width))
        if max(heights) != self.minimumHeight():
            self.setMinimumHeight(max(heights))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.keep_room()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.keep_room()


def edit_signal(widget: QWidget) -> Any:
    """The signal a worker's change of ``widget`` emits (None: not an input)."""
    if isinstance(widget, QLineEdit):
        return None if isinstance(widget.parent(), QAbstractSpinBox) else widget.textEdited
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.activated
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QAbstractButton):
        return widget.clicked
    return getattr(widget, "changed", None)  # our own inputs: photos, a signature


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
