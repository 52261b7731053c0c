"""What a worker can read on a screen, and which of it escaped translation (tr()): shared by
the translation, accessibility and screen tests."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QTabWidget,
    QWidget,
)

#: Words that are the same in every language: the product, technical names, data formats.
ALLOWED_WORDS = {"GridTerm", "PIN", "https", "http", "jpg", "jpeg", "png", "webp", "English"}
#: The shape of an enrollment code, shown as an example.
ALLOWED_WORDS |= {"ABCD", "EFGH", "JKLM"}
#: Certificate settings name the file type and the hash as they are written (issue 16).
ALLOWED_WORDS |= {"pem", "SHA"}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
URL = re.compile(r"https?://\S+")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every string a worker can see on ``root``."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        where = f"{type(w).__name__}#{w.objectName()}"
        if (isinstance(w, QLabel) and not w.property("data")) or isinstance(w, QAbstractButton):
            found.append((where, w.text()))
        elif isinstance(w, QLineEdit):
            found.append((where, w.placeholderText()))
        elif isinstance(w, QTabWidget):
            found += [(where, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QListView):
            continue  # no headers (the photo picker's pictures: a list model's columns are
            # private to Qt, columnCount() raised once ~/Pictures held a picture)
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            found += [
                (where, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount())
            ]
    return found


def untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (where, line) of ``texts`` holding a Latin word no translation would keep."""
    bad = []
    for where, text in texts:
        for line in text.splitlines():
            if line.startswith(("/", "http")) or "/tmp/" in line:
                continue  # a path or an address is data
            words = set(LATIN_WORD.findall(URL.sub("", line))) - ALLOWED_WORDS
            if words:
                bad.append((where, line))
    return bad
