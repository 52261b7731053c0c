"""``gridterm-server serve`` as an operator runs it: its log, its settings, its refusals, and
documentation pages that load without the internet."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import httpx
import pytest

from sync.server.cli import build_parser, main
from sync.server.serve import settings_of
from tests.server.helpers import PIN, Client
from tests.server.serving import free_port, serving


def _user_and_code(db: Path, tmp_path: Path, capsys) -> str:
    (tmp_path / "pin").write_text(PIN)
    assert main(["admin", "add-grid", "街道", "社区", "一网格", "--db", str(db)]) == 0
    argv = ["admin", "add-user", "w1", "--name", "张三", "--role", "grid_worker"]
    argv += ["--community", "社区", "--pin-file", str(tmp_path / "pin"), "--db", str(db)]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["admin", "enroll-code", "--db", str(db)]) == 0
    return capsys.readouterr().out.strip()


def test_the_log_has_start_up_and_one_line_per_request_never_a_body(tmp_path, capsys):
    db = tmp_path / "server.db"
    code = _user_and_code(db, tmp_path, capsys)
    with serving(db, "--log-format", "json") as (url, proc):
        c = Client(url)
        assert c.enroll(code).status_code == 200
        assert c.login("w1").status_code == 200
        assert c.pull().status_code == 200
    lines = [json.loads(line) for line in proc.log.splitlines() if line.startswith("{")]
    start = next(x for x in lines if "starting" in x["message"])
    assert "1 worker(s)" in start["message"] and str(db) in start["message"]
    assert start["level"] == "INFO" and "time" in start
    requests = [x for x in lines if x["logger"] == "gridterm.access"]
    pull = next(x for x in requests if x["path"] == "/v1/sync/pull")
    assert (pull["method"], pull["status"], pull["device"]) == ("GET", 200, c.device_id)
    assert pull["duration_ms"] >= 0
    login = next(x for x in requests if x["path"] == "/v1/auth/login")
    assert login["status"] == 200
    assert PIN not in proc.log and "张三" not in proc.log  # no body, ever
    assert c.token not in proc.log


def test_text_log_and_level_from_a_settings_file_under_the_environment_under_flags(tmp_path):
    config = tmp_path / "server.toml"
    config.write_text('log_level = "warning"\nworkers = 3\npool_size = 4\nroot_path = "/x"\n')
    parser = build_parser()
    args = parser.parse_args(["serve", "--config", str(config), "--workers", "2"])
    args.db_given = False
    os.environ["GRIDTERM_POOL_SIZE"] = "7"
    try:
        settings = settings_of(args)
    finally:
        del os.environ["GRIDTERM_POOL_SIZE"]
    assert (settings.log_level, settings.workers, settings.pool_size) == ("warning", 2, 7)
    assert settings.root_path == "/x" and settings.log_format == "text"
    db = tmp_path / "server.db"
    with serving(db, "--log-level", "info") as (url, proc):
        httpx.get(f"{url}/healthz")
    assert "INFO gridterm.access: GET /healthz 200" in proc.log


def test_docs_are_served_by_the_server_itself_under_its_root_path(tmp_path):
    with serving(tmp_path / "server.db", "--root-path", "/gridterm") as (url, _proc):
        for page, asset in (("docs", "swagger-ui-bundle.js"), ("redoc", "redoc.standalone.js")):
            html = httpx.get(f"{url}/{page}").text
            assert f"/gridterm/static-offline-docs/{asset}" in html
            assert "cdn" not in html.lower()
            # the proxy strips /gridterm before passing the request on
            js = httpx.get(f"{url}/static-offline-docs/{asset}")
            assert js.status_code == 200 and len(js.content) > 100_000
        assert "/gridterm/openapi.json" in httpx.get(f"{url}/docs").text


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("nosuch://x", "bad database URL"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot use the database"),
    ],
)
def test_serve_refuses_a_bad_database_in_one_line(db, says, capsys):
    assert main(["serve", "--db", db, "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1


def test_serve_refuses_a_port_in_use_in_one_line(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(tmp_path / "s.db"), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert "address is in use" in err and len(err.strip().splitlines()) == 1
