"""A screen shows the answer to the last thing asked of it, never an earlier one arriving late.

The pool runs reads side by side, so the answer to a market, a filter or a report asked first
may come back after the one asked last (issue 12, after the register's grids, 80bb4b8). Each
test holds the first read's answer until the newer one is shown, then lets it arrive.
"""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from gridterm.services.premises import PremisesRegister
from tests.ui.conftest import DEMO_INSPECTOR, log_in, open_tab, tap, wait_idle
from tests.ui.helpers import report

UI = Path(__file__).resolve().parents[2] / "ui"


def held_once(real: Callable[..., Any], when: Callable[..., bool]):
    """``real`` whose first call matching ``when`` reads, then waits for the returned event
    before answering (its answer is of before anything that happened meanwhile)."""
    release = threading.Event()
    calls: list[tuple] = []

    def answer(*args: Any) -> Any:
        result = real(*args)
        if when(*args) and not calls:
            calls.append(args)
            release.wait(5)
        return result

    return answer, release, calls


def test_a_market_tapped_after_another_shows_its_own_stalls(qtbot, demo_window, monkeypatch):
    """An inspector of two markets taps the second, then the first again before the second's
    stalls came back: the first's stay."""
    real_markets, real_market = PremisesRegister.markets, PremisesRegister.market

    def two_markets(self):
        first = real_markets(self)[0]
        return [first, replace(first, grid_id="g-second", name="第二市场", premises=0)]

    def stalls(self, grid_id):
        return [] if grid_id == "g-second" else real_market(self, grid_id)

    slow, release, calls = held_once(stalls, lambda _self, grid_id: grid_id == "g-second")
    monkeypatch.setattr(PremisesRegister, "markets", two_markets)
    monkeypatch.setattr(PremisesRegister, "market", slow)
    log_in(qtbot, demo_window, DEMO_INSPECTOR)
    market = demo_window.shell.top_screen()
    qtbot.waitUntil(lambda: market.data is not None and market.picker is not None)
    first = market.data.market.grid_id
    stall_ids = {p.premises.id for p in market.data.premises}
    assert stall_ids
    tap(qtbot, market.picker.buttons["g-second"])
    qtbot.waitUntil(lambda: bool(calls))
    # the first's answer is shown (before the fix no read was asked: the first was on screen)
    with qtbot.waitSignal(market.loaded, timeout=2000, raising=False):
        tap(qtbot, market.picker.buttons[first])
    release.set()
    wait_idle(qtbot, demo_window)
    assert market.data.market.grid_id == first
    assert {p.premises.id for p in market.data.premises} == stall_ids
    assert market.picker.value() == first


def test_a_market_picked_stays_picked_when_the_screen_reads_again(qtbot, demo_window, monkeypatch):
    """Back from a stall (or after a write) the landing screen reads again: the market the
    inspector picked, not their first one."""
    real_markets, real_market = PremisesRegister.markets, PremisesRegister.market

    def two_markets(self):
        first = real_markets(self)[0]
        return [replace(first, grid_id="g-second", name="第二市场", premises=0), first]

    monkeypatch.setattr(PremisesRegister, "markets", two_markets)
    monkeypatch.setattr(
        PremisesRegister,
        "market",
        lambda self, grid_id: [] if grid_id == "g-second" else real_market(self, grid_id),
    )
    log_in(qtbot, demo_window, DEMO_INSPECTOR)
    market = demo_window.shell.top_screen()
    qtbot.waitUntil(lambda: market.data is not None and market.picker is not None)
    assert market.data.market.grid_id == "g-second"  # the first of the two by order
    real_one = next(m.grid_id for m in market.data.markets if m.grid_id != "g-second")
    tap(qtbot, market.picker.buttons[real_one])
    qtbot.waitUntil(lambda: market.market_id() == real_one)
    market.reload()
    wait_idle(qtbot, demo_window)
    assert market.market_id() == real_one
    assert market.data.premises


def test_the_sync_filter_tapped_last_is_the_one_listed(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    report(window)  # records waiting to be sent; none confirmed yet
    sync = open_tab(qtbot, window, "sync")
    qtbot.waitUntil(lambda: sync.data is not None)
    wait_idle(qtbot, window)
    outbox = window.workspace.outbox
    everything = {e.op_id for e in outbox.entries(None)}
    assert everything and not outbox.entries("confirmed")
    slow, release, calls = held_once(outbox.entries, lambda state=None: state == "confirmed")
    monkeypatch.setattr(outbox, "entries", slow)
    shown: list[set[str]] = []
    show = sync._apply

    def recorded(data) -> None:
        shown.append({e.op_id for e in data.entries})
        show(data)

    monkeypatch.setattr(sync, "_apply", recorded)
    tap(qtbot, sync.filter.buttons["confirmed"])
    qtbot.waitUntil(lambda: bool(calls))
    tap(qtbot, sync.filter.buttons["all"])
    qtbot.waitUntil(lambda: shown == [everything])
    release.set()
    wait_idle(qtbot, window)
    assert {e.op_id for e in sync.model.rows()} == everything


def test_the_report_asked_last_is_the_one_previewed(qtbot, demo_window, monkeypatch):
    log_in(qtbot, demo_window, "S0001")
    reports = open_tab(qtbot, demo_window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=10000)
    wait_idle(qtbot, demo_window)
    service = demo_window.workspace.reports
    slow, release, calls = held_once(service.daily, lambda *_: True)
    monkeypatch.setattr(service, "daily", slow)
    reports.day.setDate(reports.day.date().addDays(-1))  # a daily log, held
    qtbot.waitUntil(lambda: bool(calls))
    reports.kind.setCurrentIndex(reports.kind.findData("monthly"))
    qtbot.waitUntil(lambda: reports.document.title == "月度民情分析", timeout=10000)
    release.set()
    wait_idle(qtbot, demo_window)
    assert reports.document.title == "月度民情分析"
    assert reports.kind.currentData() == "monthly"


def test_a_ticket_reported_while_an_earlier_read_is_slow_is_listed(qtbot, window, monkeypatch):
    """A read of before a write, coming back after the read the write caused, must not take
    the new ticket off the list."""
    log_in(qtbot, window)
    tickets = open_tab(qtbot, window, "tickets")
    wait_idle(qtbot, window)
    service = window.workspace.tickets
    slow, release, calls = held_once(service.lines, lambda *_: True)
    monkeypatch.setattr(service, "lines", slow)
    tickets.reload()
    qtbot.waitUntil(lambda: bool(calls))  # read before the ticket, held
    new = report(window, title="门禁坏了")
    qtbot.waitUntil(lambda: new.id in {t.ticket.id for t in tickets.all})
    release.set()
    wait_idle(qtbot, window)
    assert new.id in {t.ticket.id for t in tickets.all}
    assert tickets.filter.buttons["open"].text().endswith(str(len(tickets.model.rows())))


def held_count(window, monkeypatch):
    """The outbox's count, its next read held (see ``held_once``); the count before."""
    outbox = window.workspace.outbox
    before = outbox.summary()
    slow, release, calls = held_once(outbox.summary, lambda: True)
    monkeypatch.setattr(outbox, "summary", slow)
    return before, release, calls


def test_the_sync_indicator_counts_what_waits_now(qtbot, window, monkeypatch):
    """A count read before a ticket was reported, arriving after the count its writes
    caused, must not say fewer are waiting ("All sent" again)."""
    log_in(qtbot, window)
    indicator = window.shell.top.sync
    wait_idle(qtbot, window)
    before, release, calls = held_count(window, monkeypatch)
    indicator.reload()
    qtbot.waitUntil(lambda: bool(calls))  # a count of before the ticket, held
    report(window, title="门禁坏了")
    qtbot.waitUntil(lambda: indicator.summary.unsent > before.unsent)
    text = indicator.text()
    release.set()
    wait_idle(qtbot, window)
    assert indicator.summary.unsent > before.unsent and indicator.text() == text


def test_settings_says_what_waits_now(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    settings = open_tab(qtbot, window, "settings")
    wait_idle(qtbot, window)
    assert not settings.unsent_note.isVisible()
    _before, release, calls = held_count(window, monkeypatch)
    settings.reload()
    qtbot.waitUntil(lambda: bool(calls))  # a count of before the ticket, held
    report(window, title="门禁坏了")
    settings.reload()  # shown again (it reads on show)
    qtbot.waitUntil(lambda: settings.unsent_note.isVisible())
    note = settings.unsent_note.text()
    release.set()
    wait_idle(qtbot, window)
    assert settings.unsent_note.isVisible() and settings.unsent_note.text() == note


def test_every_screen_reads_its_data_through_the_newest_only_read() -> None:
    """A screen's ``reload`` goes through ``Screen.read`` (newest answer only), not a plain
    ``CoreOp`` whose answer lands whenever it comes back."""
    plain = []
    for path in sorted((UI / "screens").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in ("reload", "_pick"):
                calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
                if any(getattr(c.func, "id", "") == "CoreOp" for c in calls):
                    plain.append(path.name)
    # each reads once, never over what is being typed
    assert sorted(plain) == ["inspection.py", "premises_edit.py", "visit.py"]
