"""Accessible names (无障碍名称): what a screen reader says for a control, and how tests find it.

Qt already names a button by its text and a field by the label it is the buddy of; these
helpers cover the rest. The shared widgets use them so that a screen built from them is named
without effort: a form row names its field from its caption (``label_for``), an icon button
from its tooltip (``tip``), a table from its title (``TouchTable(name=…)``), the search box
from its name with the placeholder as description.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: Controls a caption names as its buddy (Qt reads the buddy's text as their name).
FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)


def name(widget: QWidget, text: str, description: str = "") -> QWidget:
    """Name ``widget`` for screen readers; ``description`` when the name alone does not say
    what it does or takes (the format of a PIN, what the symbols on tiles mean)."""
    widget.setAccessibleName(text)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def tip(widget: QWidget, text: str) -> QWidget:
    """An icon-only control's tooltip, which is its accessible name too."""
    widget.setToolTip(text)
    return name(widget, text)


def label_for(caption: QLabel, target: QWidget | QLayout) -> None:
    """``caption`` names ``target``: a field as its buddy; a group of controls (a row of
    toggle buttons, a photo strip) by name, each of its buttons described by the caption
    (性别: 男 / 女)."""
    text = caption.text()
    if isinstance(target, QLayout):  # a row of fields: one is the caption's, or each its own
        fields = _fields(target)
        if len(fields) == 1:
            caption.setBuddy(fields[0])
        for field in fields if len(fields) > 1 else ():
            if not field.accessibleName():
                placeholder = field.placeholderText() if isinstance(field, QLineEdit) else ""
                name(field, placeholder or text, text)
        return
    if isinstance(target, FIELDS):
        caption.setBuddy(target)
        return
    if not target.accessibleName():
        target.setAccessibleName(text)
    for b in target.findChildren(QAbstractButton):
        if not b.accessibleDescription():
            b.setAccessibleDescription(text)
    for field in target.findChildren(QWidget):
        if isinstance(field, FIELDS) and not field.accessibleName():
            field.setAccessibleName(text)


def _fields(layout: QLayout) -> list[QWidget]:
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if isinstance(widget, FIELDS):
            found.append(widget)
        elif inner is not None:
            found += _fields(inner)
    return found
