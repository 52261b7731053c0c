"""Translations: ``.ts`` sources in resources/translations compiled to ``.qm`` by the build.

The ``.qm`` files are generated (and git-ignored). They are compiled by ``./dev setup`` (and
``./dev test``), by the UI tests and by the bundle build (``build.spec``) with
``python -m ui.i18n compile``, never when the app starts: a bundle carries the ``.qm`` but
not Qt's ``lrelease``. ``python -m ui.i18n update`` refreshes the ``.ts`` sources from the
code with ``lupdate``, keeping existing translations, and compiles them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
#: The app's languages; zh_CN is the default.
LOCALES = ("zh_CN", "en")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context`` and return it unchanged.

    Qt's own does the same; PySide6 types it ``object -> object``, so every table of source
    text marked with it would be typed ``object``. ``lupdate`` finds calls by this name.
    """
    return source


def _qt_tool(name: str) -> str:
    import PySide6

    path = Path(PySide6.__file__).parent / name
    return str(path) if path.exists() else f"pyside6-{name}"


def ts_path(locale: str) -> Path:
    """The translation source of ``locale``."""
    return TRANSLATIONS_DIR / f"ui_{locale}.ts"


def qm_path(locale: str) -> Path:
    """The compiled catalogue of ``locale`` (made by ``compile_translations``)."""
    return TRANSLATIONS_DIR / f"ui_{locale}.qm"


def compile_translations(force: bool = False) -> list[Path]:
    """Compile every stale ``.ts`` to ``.qm``; returns the catalogues that were rebuilt."""
    import subprocess

    rebuilt = []
    for locale in LOCALES:
        ts, qm = ts_path(locale), qm_path(locale)
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run(
            [_qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )
        rebuilt.append(qm)
    return rebuilt


class TranslationsMissingError(RuntimeError):
    """A ``.qm`` catalogue is not there: the checkout or bundle was not built."""


class Translations:
    """The installed translators of one QApplication; ``switch`` changes language live."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.locale = ""
        self._installed: list[QTranslator] = []

    def switch(self, locale: str) -> None:
        """Install ``locale``'s catalogue (and Qt's own, for standard dialogs)."""
        if locale not in LOCALES:
            locale = LOCALES[0]
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        ours = QTranslator(self.app)
        if not ours.load(str(qm_path(locale))):
            raise TranslationsMissingError(
                f"cannot load {qm_path(locale)}: run ./dev setup (or python -m ui.i18n compile)"
            )
        qt_base = QTranslator(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for translator, loaded in (
            (ours, True),
            # Qt ships no qtbase_zh_CN; its older all-in-one qt_zh_CN holds the file dialog's
            # and the other standard dialogs' strings (without it they showed in English).
            (
                qt_base,
                qt_base.load(f"qtbase_{locale}", qt_dir) or qt_base.load(f"qt_{locale}", qt_dir),
            ),
        ):
            if loaded:
                self.app.installTranslator(translator)
                self._installed.append(translator)
        QLocale.setDefault(QLocale(locale))
        self.locale = locale


def update_sources() -> None:
    """Re-extract the strings of ui/ (and the tours' sample text) into the ``.ts`` files (a
    developer step)."""
    for locale in LOCALES:
        extract_into(ts_path(locale))


def extract_into(ts: Path) -> None:
    """Merge the strings the code has now into ``ts`` (new ones unfinished, gone ones dropped)."""
    import subprocess

    root = Path(__file__).resolve().parent
    # The screenshot tours (tests/ui/tours) type sample notes in the screen's language.
    tours = root.parent / "tests" / "ui" / "tours"
    sources = sorted(str(p) for folder in (root, tours) for p in folder.rglob("*.py"))
    subprocess.run(
        [_qt_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", *sources,
         "-ts", str(ts)],
        check=True,
    )  # fmt: skip
    _indent_inside_ts(ts)


def _indent_inside_ts(path: Path) -> None:
    """Indent everything inside ``<TS>`` one level, as the committed files are laid out, so an
    update's diff shows only the messages that changed (lupdate writes contexts at column 0)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<TS"))
    end = max(i for i, line in enumerate(lines) if line.startswith("</TS>"))
    # Only lines that open with a tag: a multi-line text's next lines are part of the text.
    inside = lines[start + 1 : end]
    body = [f"    {line}" if line.lstrip().startswith("<") else line for line in inside]
    path.write_text("\n".join([*lines[: start + 1], *body, *lines[end:]]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] not in (["compile"], ["update"]):
        sys.exit("usage: python -m ui.i18n compile|update")
    if sys.argv[1:] == ["update"]:
        update_sources()
    compile_translations(force=sys.argv[1:] == ["update"])
