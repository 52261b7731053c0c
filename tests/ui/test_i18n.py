"""Both locales load and are complete, placeholders match, and no visible string escapes tr()."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
)

from tests.ui.conftest import log_in
from tests.ui.texts import untranslated, visible_texts
from tests.ui.tours import tour
from ui.i18n import (
    LOCALES,
    Translations,
    TranslationsMissingError,
    extract_into,
    qm_path,
    ts_path,
)

PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%n")


def messages(locale: str):
    root = ET.parse(ts_path(locale)).getroot()
    for context in root.iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            yield name, message


@pytest.mark.parametrize("locale", LOCALES)
def test_the_sources_hold_every_string_of_the_code(locale: str, tmp_path) -> None:
    """Extracting again changes nothing: no string in the code is missing from the .ts."""
    fresh = tmp_path / ts_path(locale).name
    shutil.copy(ts_path(locale), fresh)
    extract_into(fresh)
    assert fresh.read_text(encoding="utf-8") == ts_path(locale).read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_with_the_same_placeholders(locale: str) -> None:
    forms = 1 if locale == "zh_CN" else 2
    count = 0
    for context, message in messages(locale):
        count += 1
        source = message.find("source").text
        translation = message.find("translation")
        assert translation.get("type") is None, f"{locale} {context}: {source!r} unfinished"
        if message.get("numerus") == "yes":
            texts = [f.text or "" for f in translation.iter("numerusform")]
            assert len(texts) == forms, (context, source)
        else:
            texts = [translation.text or ""]
        for text in texts:
            assert text.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                locale,
                context,
                source,
                text,
            )
    assert count > 300


def test_both_locales_load(qapp, ctx) -> None:
    for locale in LOCALES:
        ctx.i18n.switch(locale)
        assert qm_path(locale).exists()
        want = "设置" if locale == "zh_CN" else "Settings"
        assert QCoreApplication.translate("Shell", "Settings") == want
    ctx.i18n.switch("zh_CN")


def test_no_visible_string_is_left_untranslated(qtbot, window) -> None:
    bad = untranslated(visible_texts(window.first_run)) + untranslated(visible_texts(window.login))
    log_in(qtbot, window)
    window.workspace.tickets.open(
        grid_id="g1", category="物业管理", title="楼道灯坏了", urgent=True, household_id="h-g1-501"
    )
    seen = []
    for name, _screen in tour(window, lambda ok: qtbot.waitUntil(ok, timeout=5000)):
        seen.append(name)
        QApplication.processEvents()
        bad += [(name, *b) for b in untranslated(visible_texts(window))]
    assert seen == [
        "today",
        "register",
        "building",
        "household",
        "household_edit",
        "resident_edit",
        "resident_errors",
        "visit",
        "search",
        "tickets",
        "ticket_detail",
        "alerts",
        "quick_report",
        "photo_picker",
        "sync",
        "settings",
    ]
    assert bad == []


def test_start_up_loads_compiled_catalogues_and_never_compiles(qapp, monkeypatch, tmp_path):
    """A bundle has the .qm files but no lrelease: a missing catalogue is a clear error at
    start-up, not a compile attempt (issue 17: the bundle died on 'pyside6-lrelease')."""
    import subprocess

    import ui.i18n

    for locale in LOCALES:
        shutil.copy(ts_path(locale), tmp_path / ts_path(locale).name)
    monkeypatch.setattr(ui.i18n, "TRANSLATIONS_DIR", tmp_path)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("compiled at start-up"))
    with pytest.raises(TranslationsMissingError, match=r"\./dev setup"):
        Translations(qapp).switch("en")


def test_qts_own_dialogs_speak_chinese(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.i18n import Translations

    Translations(qapp).switch("zh_CN")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {lab.objectName(): lab.text() for lab in dialog.findChildren(QLabel)}
    assert labels["fileNameLabel"] == "文件名称(&N)："  # was "File &name:" in the Chinese UI
