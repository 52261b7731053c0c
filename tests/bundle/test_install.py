"""packaging/install.sh on an unpacked tarball holding a stand-in program (no PyInstaller
build: the real bundle is installed and started by ./dev bundle and CI, docs/bundle.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def unpacked(tmp_path: Path, says: str = "one") -> Path:
    """What the tarball unpacks to, with a program that prints ``says`` and its arguments."""
    top = tmp_path / "gridterm-0.1.0"
    (top / "gridterm" / "_internal").mkdir(parents=True)
    program = top / "gridterm" / "gridterm"
    program.write_text(f'#!/bin/sh\necho "{says} $*"\n')
    program.chmod(0o755)
    (top / "gridterm" / "licenses").mkdir()
    (top / "gridterm" / "licenses" / "THIRD-PARTY-NOTICES.txt").write_text("notices\n")
    shutil.copy2(ROOT / "packaging" / "install.sh", top / "install.sh")
    shutil.copy2(ROOT / "resources" / "app" / "gridterm.desktop", top / "gridterm.desktop")
    (top / "icons").mkdir()
    shutil.copy2(ROOT / "resources" / "app" / "gridterm.svg", top / "icons" / "gridterm.svg")
    for size in (48, 128, 256):
        (top / "icons" / f"gridterm-{size}.png").write_bytes(b"\x89PNG stand-in")
    return top


def install(top: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["sh", str(top / "install.sh"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_install_into_a_prefix_upgrade_and_uninstall(tmp_path: Path) -> None:
    prefix = tmp_path / "pfx"
    install(unpacked(tmp_path / "a"), "--prefix", str(prefix))
    app = prefix / "lib" / "gridterm"
    run = subprocess.run([prefix / "bin" / "gridterm", "app"], capture_output=True, text=True)
    assert run.stdout == "one app\n"
    entry = (prefix / "share" / "applications" / "gridterm.desktop").read_text()
    assert f"Exec={app}/gridterm app\n" in entry
    assert f"TryExec={app}/gridterm\n" in entry
    assert "Name[zh_CN]=" in entry and "# install.sh" not in entry
    icons = prefix / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "gridterm.svg").is_file()
    assert (icons / "256x256" / "apps" / "gridterm.png").is_file()
    assert (app / "licenses" / "THIRD-PARTY-NOTICES.txt").is_file()

    # An upgrade replaces the whole program folder (a file the new one lacks goes too).
    (app / "_internal" / "left-over.so").write_text("old")
    install(unpacked(tmp_path / "b", says="two"), "--prefix", str(prefix))
    run = subprocess.run([prefix / "bin" / "gridterm"], capture_output=True, text=True)
    assert run.stdout == "two \n"
    assert not (app / "_internal" / "left-over.so").exists()
    assert sorted(p.name for p in app.parent.iterdir()) == ["gridterm"]

    install(unpacked(tmp_path / "c"), "--prefix", str(prefix), "--uninstall")
    # The menu and icon caches the desktop's tools rebuild (where installed) are theirs.
    caches = {"mimeinfo.cache", "icon-theme.cache"}
    left = [p for p in prefix.rglob("*") if not p.is_dir() and p.name not in caches]
    assert left == []


def test_system_layout_staged_with_destdir(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    install(unpacked(tmp_path), "--system", env={"DESTDIR": str(stage)})
    assert (stage / "opt" / "gridterm" / "gridterm").is_file()
    link = stage / "usr" / "local" / "bin" / "gridterm"
    assert os.readlink(link) == "/opt/gridterm/gridterm"
    entry = (stage / "usr" / "local" / "share" / "applications" / "gridterm.desktop").read_text()
    assert "Exec=/opt/gridterm/gridterm app\n" in entry
    manifest = (stage / "opt" / "gridterm" / "installed-files").read_text().split()
    assert "/usr/local/bin/gridterm" in manifest and all(p.startswith("/") for p in manifest)


def test_user_install_goes_under_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}
    env_no_xdg = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"} | env
    done = subprocess.run(
        ["sh", str(unpacked(tmp_path) / "install.sh"), "--user"],
        capture_output=True,
        text=True,
        env=env_no_xdg,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (home / ".local" / "lib" / "gridterm" / "gridterm").is_file()
    assert (home / ".local" / "share" / "applications" / "gridterm.desktop").is_file()


def test_refuses_a_folder_without_the_program(tmp_path: Path) -> None:
    top = unpacked(tmp_path)
    shutil.rmtree(top / "gridterm")
    done = subprocess.run(
        ["sh", str(top / "install.sh"), "--prefix", str(tmp_path / "pfx")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "no gridterm/" in done.stderr
    assert not (tmp_path / "pfx").exists()
