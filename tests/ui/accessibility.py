"""What a screen reader reads of a control, and the controls a screen shows without a name.

A control's name is what Qt's accessibility interface reports for it: its accessible name,
its text (buttons), or the label it is the buddy of. A combo box reports its current value as
its name on Linux and gives its label as a relation, so for combo boxes the label (or an
accessible name set on it) counts.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

#: What a finger or a keyboard operates.
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
    QTabBar,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget`` ("" when it has none)."""
    if widget.accessibleName():
        return widget.accessibleName()
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return ""
    if isinstance(widget, QComboBox):  # its Name is the value chosen, not what it is
        labels = iface.relations(QAccessible.RelationFlag.Label)
        return labels[0][0].text(QAccessible.Text.Name) if labels else ""
    return iface.text(QAccessible.Text.Name)


def accessible_description(widget: QWidget) -> str:
    """The longer description a screen reader offers after the name."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Description) if iface is not None else ""


def _qt_own(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a table's corner, a tab bar's scroll arrows,
    an editable combo's line edit, a spin box's field): named by Qt, not by us."""
    parent = widget.parentWidget()
    return (
        widget.objectName().startswith("qt_")
        or isinstance(widget, QHeaderView | QScrollBar)
        or isinstance(parent, QTabBar | QAbstractSpinBox | QComboBox)
        or (isinstance(parent, QLineEdit) and not isinstance(widget, QAbstractButton))
    )


def _custom_interactive(widget: QWidget) -> bool:
    """One of our own widgets that takes taps or strokes itself (a signature pad)."""
    return any(
        handler in vars(cls)
        for cls in type(widget).__mro__
        if cls.__module__.startswith("ui.")
        for handler in ("mousePressEvent", "tabletEvent", "touchEvent")
    )


def controls(root: QWidget) -> list[QWidget]:
    """The visible controls on ``root``."""
    found = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or _qt_own(w):
            continue
        if isinstance(w, INTERACTIVE) or _custom_interactive(w):
            found.append(w)
    return found


def unnamed(root: QWidget) -> list[str]:
    """Every visible control on ``root`` a screen reader could not name, described."""
    bad = []
    for w in controls(root):
        where = f"{type(w).__name__}#{w.objectName()} in {type(w.parentWidget()).__name__}"
        if not accessible_name(w).strip():
            bad.append(where)
        if isinstance(w, QTabBar):
            bad += [f"{where} tab {i}" for i in range(w.count()) if not w.tabText(i).strip()]
    return bad


def names(root: QWidget) -> list[tuple[str, str]]:
    """(where, name) of every visible control, for translation checks."""
    return [(f"{type(w).__name__}#{w.objectName()}", accessible_name(w)) for w in controls(root)]


def find_by_name(root: QWidget, name: str) -> QWidget:
    """The one visible control named ``name`` (as a test finds a control, by its name)."""
    found = [w for w in controls(root) if accessible_name(w) == name]
    assert len(found) == 1, (name, [type(w).__name__ for w in found])
    return found[0]
