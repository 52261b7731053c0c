"""Supervisors' reports (工作日志, 团队, 月度民情分析) and their exports, in the core.

The rules that turn records into figures live here once: ``daily``, ``team``, ``monthly``
(with ``promise`` for the 10-minute response and ``period``/``area`` for what a report
covers). They read plain rows (``rows``) from a ``ReportSource``: the terminal's local
database (``local``) or the server's (``sync.server.reports``). ``document`` turns figures
into typed tables in one locale (``labels``) and ``export`` writes them as xlsx, CSV, PDF or
JSON. No Qt, no HTTP.
"""
