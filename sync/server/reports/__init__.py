"""The server's reports: the core's rules (``gridterm.reports``) over the server's database.

``rows`` supplies the rows (the street office's authoritative data), ``service`` resolves the
area against the caller's scope, writes the file and records the export, ``cli`` is
``gridterm-server report``. The HTTP endpoints are ``sync/server/api/reports.py``.
"""
