"""The one top-level window: first run, login, and the logged-in shell; locks when idle."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from ui.context import AppContext
from ui.idle import IdleWatcher
from ui.labels import error_message
from ui.ops import CoreOp
from ui.screens.first_run import FirstRunScreen, check_enrollment
from ui.screens.login import LoginScreen
from ui.settings import CA_BUNDLE, DB_PATH, LAST_WORKER_ID, PIN_SHA256
from ui.widgets.value_widgets import ValueWidgets

if TYPE_CHECKING:
    from gridterm.services.session import Session
    from ui.shell import Shell
    from ui.workspace import Workspace

from ui.window_fit import DEFAULT_SIZE


class MainWindow(QMainWindow):
    """Switches between first run, login and the shell; owns the logged-in workspace."""

    logged_in = Signal()
    locked = Signal()
    #: the terminal's keys and data are gone (emitted from whichever thread erased them)
    erased = Signal()

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("GridTerm")
        self.resize(DEFAULT_SIZE)
        geometry = ctx.settings.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.setProperty("restored", self.restoreGeometry(geometry))
        self.workspace: Workspace | None = None
        self.shell: Shell | None = None
        self.stack = QStackedWidget()
        # An explicit minimum: screens lay themselves out for landscape until their first
        # resize tells them they are in portrait, and that layout must not widen the window.
        self.stack.setMinimumSize(480, 480)
        self.setCentralWidget(self.stack)
        self.first_run = FirstRunScreen()
        self.first_run.demo_requested.connect(self.build_demo)
        self.first_run.enroll_requested.connect(self.enroll)
        self.login = LoginScreen(ctx)
        self.login.login_requested.connect(self.log_in)
        self.login.unlock_requested.connect(self.unlock)
        self.login.switch_worker_requested.connect(self.log_out)
        self.login.wipe_confirm_requested.connect(self.confirm_wipe)
        self.stack.addWidget(self.first_run)
        self.stack.addWidget(self.login)
        # The wheel scrolls forms (a combo box or spin box takes it only once tapped), and
        # combo boxes open with 48 px rows.
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a window lives in a GUI application
        self.value_widgets = ValueWidgets(self).install(app)
        self.idle = IdleWatcher(app, ctx.idle_lock_ms, self)
        self.idle.idle.connect(self.lock)
        self._erasing = False
        if ctx.db_path is not None and ctx.db_path.exists():
            self.stack.setCurrentWidget(self.login)
            self._when_running(lambda: self._erase_if_revoked(ctx.db_path))
        else:
            self.stack.setCurrentWidget(self.first_run)

    # -- first run -------------------------------------------------------------------------

    def build_demo(self) -> None:
        """Create (or reuse) the local demo database, then show the login with its accounts."""
        from ui import demo_db

        self.first_run.set_building(True)
        CoreOp(self, demo_db.ensure_demo).success(self._demo_ready).failure(self._demo_failed).run(
            self.ctx.ops
        )

    def _demo_ready(self, demo: tuple[Path, list]) -> None:
        self.first_run.set_building(False)
        self.ctx.db_path, self.ctx.demo_users = demo
        self.ctx.settings.set(DB_PATH, str(self.ctx.db_path))
        self.login.set_demo_users(self.ctx.demo_users)
        self.stack.setCurrentWidget(self.login)

    def _demo_failed(self, error: BaseException) -> None:
        self.first_run.set_building(False)
        self.first_run.show_error(error_message(error))

    def enroll(self, url: str, code: str, worker_id: str, pin: str) -> None:
        """Enroll with the server and log in online once, which creates the database."""
        target = self._db_target()
        tls_settings = (self.ctx.settings.get(CA_BUNDLE), self.ctx.settings.get(PIN_SHA256))

        def run() -> None:
            from gridterm.store.keys import validate_pin
            from ui.sync_runner import enroll_terminal, trust_of

            server, enrollment_code = check_enrollment(url, code)
            trust = trust_of(*tls_settings)
            enroll_terminal(
                server, enrollment_code, target, worker_id.strip(), validate_pin(pin), trust=trust
            )

        def done(_: object) -> None:
            self.first_run.set_building(False)
            self.ctx.db_path = target
            self.ctx.demo_users = []
            self.ctx.settings.set(DB_PATH, str(target))
            self.login.set_demo_users([])
            self.login.worker_id.setText(worker_id.strip())
            self.stack.setCurrentWidget(self.login)

        def failed(error: BaseException) -> None:
            self.first_run.set_building(False)
            self.first_run.show_error(error_message(error))

        self.first_run.show_error("")
        self.first_run.set_enrolling()
        CoreOp(self, run).success(done).failure(failed).run(self.ctx.ops, network=True)

    def _db_target(self) -> Path:
        from ui.demo_db import data_dir

        return self.ctx.db_path or data_dir() / "gridterm.db"

    # -- login, lock, logout ---------------------------------------------------------------

    def log_in(self, worker_id: str, pin: str) -> None:
        """Unlock the database with the worker's PIN off the GUI thread, then show Today."""
        path = self.ctx.db_path
        assert path is not None
        self.login.set_busy(True)

        def run() -> tuple[Session, bool]:
            from gridterm.search import index
            from ui.sync_runner import is_enrolled
            from ui.workspace import open_session

            session = open_session(path, worker_id, pin)
            index.install(session.store)  # edits from now on keep the search index current
            return session, is_enrolled(session.store)

        CoreOp(self, run).success(lambda r: self._logged_in(*r, pin=pin)).failure(
            self._login_failed
        ).run(self.ctx.ops)

    def _logged_in(self, session: Session, enrolled: bool, pin: str) -> None:
        from ui.workspace import Workspace

        self.workspace = Workspace.for_session(session)
        self.ctx.settings.set(LAST_WORKER_ID, session.user.worker_id)
        self._install_shell()
        if enrolled and self.ctx.sync_enabled:
            self._start_sync(self.workspace, pin)
        self.login.reset()
        self.idle.start()
        self.logged_in.emit()

    def _start_sync(self, workspace: Workspace, pin: str) -> None:
        """Load the sync engine after Today is shown, then run it in the background."""
        from ui.sync_runner import SyncRunner, load_engine_modules, trust_of

        tls_settings = (self.ctx.settings.get(CA_BUNDLE), self.ctx.settings.get(PIN_SHA256))

        def load() -> Any:
            load_engine_modules()
            return trust_of(*tls_settings)

        def started(trust: Any) -> None:
            if self.workspace is not workspace:
                return  # logged out meanwhile
            # The PIN stays with the sync login for this session: it renews the server token.
            user = workspace.session.user
            workspace.sync = SyncRunner(workspace.store, user.worker_id, pin, trust)
            workspace.sync.reported.connect(self._sync_reported)
            workspace.sync.start()
            if self.shell is not None:
                self.shell.sync_started(workspace.sync)

        CoreOp(self, load).success(started).run(self.ctx.ops)

    def _install_shell(self, tab: str | None = None) -> None:
        from ui.shell import Shell

        assert self.workspace is not None
        if self.shell is not None:
            self.stack.removeWidget(self.shell)
            self.shell.deleteLater()
        self.shell = Shell(self.ctx, self.workspace)
        self.shell.lock_requested.connect(self.lock)
        self.shell.logout_requested.connect(self.log_out)
        self.shell.language_requested.connect(self.change_language)
        self.stack.addWidget(self.shell)
        self.stack.setCurrentWidget(self.shell)
        if tab is not None:
            self.shell.show_tab(tab)

    def change_language(self, locale: str) -> None:
        """Switch language live: the screens are rebuilt in it (what was typed is in drafts)."""
        self.ctx.i18n.switch(locale)
        old_first, old_login = self.first_run, self.login
        self.first_run = FirstRunScreen()
        self.first_run.demo_requested.connect(self.build_demo)
        self.first_run.enroll_requested.connect(self.enroll)
        self.login = LoginScreen(self.ctx)
        self.login.login_requested.connect(self.log_in)
        self.login.unlock_requested.connect(self.unlock)
        self.login.switch_worker_requested.connect(self.log_out)
        self.login.wipe_confirm_requested.connect(self.confirm_wipe)
        for old, new in ((old_first, self.first_run), (old_login, self.login)):
            self.stack.insertWidget(self.stack.indexOf(old), new)
            self.stack.removeWidget(old)
            old.deleteLater()
        if self.workspace is not None:
            self._install_shell("settings")

    def _login_failed(self, error: BaseException) -> None:
        code = getattr(error, "code", "")
        if code in ("store.keys_erased", "store.device_revoked"):
            self._keys_erased(error_message(error))
            return
        params = getattr(error, "params", None) or {}
        self.login.set_busy(False)
        self.login.show_error(
            error_message(error),
            remaining=params.get("remaining"),
            wait_s=int(params.get("wait_s") or 0),
            held=code == "store.wipe_held",
        )

    def lock(self) -> None:
        """Hide the worker's data until their PIN is entered again (drafts are already saved)."""
        if self.workspace is None or self.login.locked_worker:
            return
        self.idle.stop()
        store = self.workspace.store

        def note() -> None:  # what the PIN guard reads while locked (gridterm/services/unlock.py)
            from gridterm.services import unlock

            unlock.remember(store)

        CoreOp(None, note).run(self.ctx.ops)
        user = self.workspace.session.user
        self.login.set_locked(user.worker_id, user.name)
        self.stack.setCurrentWidget(self.login)
        self.locked.emit()

    def unlock(self, pin: str) -> None:
        """Check the locked worker's PIN off the GUI thread and return to where they were."""
        from ui.workspace import check_pin

        path, worker = self.ctx.db_path, self.login.locked_worker
        assert path is not None
        self.login.set_busy(True)

        def done(_: object) -> None:
            self.login.set_unlocked()
            if self.shell is not None:
                self.stack.setCurrentWidget(self.shell)
            self.idle.start()

        CoreOp(self, lambda: check_pin(path, worker, pin)).success(done).failure(
            self._login_failed
        ).run(self.ctx.ops)

    # -- wrong PINs, supervisor's wipe, revoked device ---------------------------------------

    def confirm_wipe(self, supervisor_id: str, pin: str) -> None:
        """A supervisor on the spot confirms erasing a terminal that holds unsynced work."""
        path = self.ctx.db_path
        assert path is not None
        self.login.set_busy(True)

        def run() -> None:
            from gridterm.services import unlock

            unlock.confirm_wipe(path, supervisor_id, pin)

        def done(_: object) -> None:
            from gridterm.errors import GridTermError

            self._keys_erased(error_message(GridTermError("store.keys_erased")))

        CoreOp(self, run).success(done).failure(self._login_failed).run(self.ctx.ops)

    def _sync_reported(self, report: Any) -> None:
        if getattr(report, "error", None) == "auth.device_revoked":
            from gridterm.errors import GridTermError

            self._keys_erased(error_message(GridTermError("store.device_revoked")))

    def _when_running(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once the event loop exists (operations cannot start before it does)."""
        if self.ctx.ops.loop is None:
            QTimer.singleShot(50, lambda: self._when_running(fn))
        else:
            fn()

    def _erase_if_revoked(self, path: Path | None) -> None:
        """A terminal closed after hearing it was revoked erases itself at the next start."""

        def revoked() -> bool:
            from gridterm.services import unlock

            return path is not None and unlock.is_revoked(path)

        def then(yes: bool) -> None:
            if yes:
                from gridterm.errors import GridTermError

                self._keys_erased(error_message(GridTermError("store.device_revoked")))

        CoreOp(self, revoked).success(then).run(self.ctx.ops)

    def _keys_erased(self, message: str) -> None:
        """Tell the worker why, hide everything, close the database, then erase what is left
        (the keys may be gone already: the core erased them at the last wrong PIN)."""
        if self._erasing:
            return
        self._erasing = True
        self.idle.stop()
        self.first_run.show_error(message)
        self.stack.setCurrentWidget(self.first_run)
        if self.shell is not None:
            self.stack.removeWidget(self.shell)
            self.shell.deleteLater()
            self.shell = None
        self.login.set_unlocked()
        self.ctx.demo_users = []
        path = self.ctx.db_path
        assert path is not None

        def erase() -> None:
            from gridterm.services import unlock

            unlock.erase_revoked(path)
            self._erasing = False
            self.erased.emit()

        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            workspace.close(then=erase)
        else:
            CoreOp(None, erase).run(self.ctx.ops)

    def log_out(self) -> None:
        """Close the worker's database and return to the login form."""
        self.idle.stop()
        if self.shell is not None:
            self.stack.removeWidget(self.shell)
            self.shell.deleteLater()
            self.shell = None
        if self.workspace is not None:
            workspace, self.workspace = self.workspace, None
            # Closing waits for pending writes: do it off the GUI thread.
            CoreOp(None, workspace.close).run(self.ctx.ops)
        self.login.set_unlocked()
        self.stack.setCurrentWidget(self.login)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.qsettings.setValue("window/geometry", self.saveGeometry())
        self.idle.stop()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        super().closeEvent(event)
