"""GridTerm core: the domain of community grid work and its local store.

Nothing in this package imports Qt or speaks HTTP; the UI (``ui/``) and the sync engine and
server (``sync/``) build on it.
"""

__version__ = "0.1.0"
