"""Walks through the app's screens the way the UI tests drive them, for screenshots
(docs/screenshots/make.py) and for the checks that go over every screen (translation,
layout, accessible names). They live with the tests, not in the shipped ``ui`` package:
the app never runs them.

``tour`` (screens.py) walks a worker's or supervisor's screens, ``inspector_tour`` a market
inspector's, and ``inspection_tour`` (inspection.py) runs part of an inspection.
"""

from tests.ui.tours.inspection import inspection_tour
from tests.ui.tours.screens import Wait, inspector_tour, tour

__all__ = ["Wait", "inspection_tour", "inspector_tour", "tour"]
