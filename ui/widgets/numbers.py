"""A column of big numbers, each beside what it counts (Today's numbers, the Sync summary)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QGridLayout, QLabel

from ui.widgets.touch import label


def number_grid(
    counted: Iterable[tuple[str, str]], prefix: str, spacing: int, row_spacing: int | None = None
) -> tuple[QGridLayout, dict[str, QLabel]]:
    """A grid of ``counted`` (key, caption) rows, each number named ``prefix`` + key and shown
    as "–" until set; returns the grid and its numbers by key."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(spacing)
    if row_spacing is not None:
        grid.setVerticalSpacing(row_spacing)
    numbers: dict[str, QLabel] = {}
    for i, (key, text) in enumerate(counted):
        number = label("–", "title", wrap=False)
        number.setObjectName(f"{prefix}{key}")
        numbers[key] = number
        grid.addWidget(number, i, 0)
        grid.addWidget(label(text), i, 1)
    grid.setColumnStretch(1, 1)
    return grid, numbers
