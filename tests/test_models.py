"""models.pull against a local HTTP server on 127.0.0.1 serving zips built here."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import socket
import stat
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from voice.asr import models
from voice.errors import DownloadError
from voice.asr.models import (ModelSpec, default_models_dir, find_installed, format_progress,
                          installed_models, pull)

NAME = "vosk-model-test-0.1"
MODEL_FILES = ["am/final.mdl", "conf/model.conf", "conf/mfcc.conf", "graph/HCLr.fst",
               "graph/Gr.fst", "ivector/final.ie", "README"]


def zip_bytes(members: dict[str, bytes], links: dict[str, str] = {}) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
        for name, target in links.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            bundle.writestr(info, target)
    return buffer.getvalue()


def model_zip(top: str = NAME + "/", extra: dict[str, bytes] = {}) -> bytes:
    return zip_bytes({top + name: f"{name} contents\n".encode() * 50 for name in MODEL_FILES} | extra)


class Server:
    """Serves path -> (body, how) where how is "ok", "cut" (closes halfway) or an HTTP status."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits += 1
                body, how = outer.routes.get(self.path, (b"", "404"))
                if how.isdigit():
                    self.send_error(int(how))
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body if how == "ok" else body[: len(body) // 2])
                self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def spec(self, path: str, body: bytes, how: str = "ok", **overrides) -> ModelSpec:
        self.routes[path] = (body, how)
        fields = dict(name=NAME, url=f"http://127.0.0.1:{self.httpd.server_port}{path}",
                      size=len(body), sha256=hashlib.sha256(body).hexdigest())
        return ModelSpec(**(fields | overrides))


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = Server()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.iterdir()) if dest.exists() else []


def test_pull_installs_verified_model_with_progress(server, tmp_path):
    body = model_zip()
    calls = []
    path = pull(server.spec("/m.zip", body), tmp_path, lambda done, total: calls.append((done, total)))
    assert path == tmp_path / NAME
    assert (path / "am/final.mdl").read_bytes() == b"am/final.mdl contents\n" * 50
    assert leftovers(tmp_path) == [NAME]
    assert calls[-1] == (len(body), len(body))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    record = json.loads((path / models.RECORD).read_text())
    assert record["sha256"] == hashlib.sha256(body).hexdigest()
    assert find_installed(tmp_path, server.spec("/m.zip", body)) == path


def test_complete_install_is_not_downloaded_again(server, tmp_path):
    spec = server.spec("/m.zip", model_zip())
    pull(spec, tmp_path)
    pull(spec, tmp_path)
    assert server.hits == 1
    pull(spec, tmp_path, force=True)
    assert server.hits == 2 and leftovers(tmp_path) == [NAME]


def test_incomplete_install_is_replaced(server, tmp_path):
    broken = tmp_path / NAME / "am"
    broken.mkdir(parents=True)
    (broken / "final.mdl").write_bytes(b"half")
    path = pull(server.spec("/m.zip", model_zip()), tmp_path)
    assert (path / "graph/Gr.fst").is_file() and leftovers(tmp_path) == [NAME]


def test_zip_without_top_folder(server, tmp_path):
    path = pull(server.spec("/flat.zip", model_zip(top="")), tmp_path)
    assert (path / "conf/model.conf").is_file() and leftovers(tmp_path) == [NAME]


@pytest.mark.parametrize("case,message", [
    ("checksum", "checksum mismatch"),
    ("size", "expected"),
    ("cut", "cut off after"),
    ("corrupt", "corrupt"),
    ("evil", "'..' path"),
    ("absolute", "absolute path"),
    ("link", "symbolic link"),
    ("not a model", "did not contain a complete Vosk model"),
    ("http 404", "HTTP 404"),
    ("bomb", "far more than a model"),
])
def test_failures_leave_nothing_behind(server, tmp_path, case, message):
    dest = tmp_path / "models"
    good = model_zip()
    spec = {
        "checksum": lambda: server.spec("/m.zip", good, sha256="0" * 64),
        "size": lambda: server.spec("/m.zip", good, size=len(good) + 1),
        "cut": lambda: server.spec("/m.zip", good, "cut"),
        "corrupt": lambda: server.spec("/m.zip", good[: len(good) // 2] + bytes(100)),
        "evil": lambda: server.spec("/m.zip", model_zip(extra={"../evil": b"x"})),
        "absolute": lambda: server.spec("/m.zip", model_zip(extra={"/tmp/evil": b"x"})),
        "link": lambda: server.spec("/m.zip", zip_bytes({}, {NAME + "/am/final.mdl": "/etc/passwd"})),
        "not a model": lambda: server.spec("/m.zip", zip_bytes({"hello.txt": b"hi"})),
        "http 404": lambda: server.spec("/m.zip", good, "404"),
        "bomb": lambda: server.spec("/m.zip", model_zip(extra={NAME + "/big": bytes(40_000_000)})),
    }[case]()
    with pytest.raises(DownloadError, match=message) as info:
        pull(spec, dest)
    assert "\n" not in str(info.value)
    assert leftovers(dest) == []
    assert not (tmp_path / "evil").exists()


def test_ctrl_c_during_download_leaves_nothing(server, tmp_path):
    spec = server.spec("/m.zip", model_zip(extra={NAME + "/big": bytes(2_000_000)}))

    def interrupt(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pull(spec, tmp_path, interrupt)
    assert leftovers(tmp_path) == []


def test_network_failure(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    spec = ModelSpec(NAME, f"http://127.0.0.1:{port}/m.zip", None, None)
    with pytest.raises(DownloadError, match="could not download.*check the network"):
        pull(spec, tmp_path, timeout=5)
    assert leftovers(tmp_path) == []


def test_missing_hash_is_logged_not_silent(server, tmp_path, caplog):
    spec = server.spec("/m.zip", model_zip(), sha256=None)
    with caplog.at_level(logging.WARNING, logger="voice.asr.models"):
        pull(spec, tmp_path)
    assert "no published SHA-256" in caplog.text


def test_installed_models_reports_complete_and_broken(server, tmp_path):
    pull(server.spec("/m.zip", model_zip()), tmp_path)
    (tmp_path / "half-model" / "am").mkdir(parents=True)
    (tmp_path / ".extract-stale").mkdir()
    found = {m.name: m for m in installed_models(tmp_path)}
    assert sorted(found) == ["half-model", NAME]
    assert found[NAME].complete and not found["half-model"].complete
    assert "openup models pull" in found["half-model"].problem
    assert installed_models(tmp_path / "nowhere") == []


def test_default_models_dir(tmp_path, monkeypatch):
    assert default_models_dir(tmp_path / "x") == tmp_path / "x"
    repo = Path(models.__file__).resolve().parents[2]
    assert default_models_dir() == repo / "models"
    monkeypatch.setattr(models, "__file__", str(tmp_path / "site-packages/voice/asr/models.py"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_models_dir() == tmp_path / "data/openup/models"


def test_real_spec_is_pinned():
    spec = models.VOSK_SMALL_EN_US
    assert spec.url.startswith("https://") and spec.url.endswith(spec.name + ".zip")
    assert len(spec.sha256) == 64 and int(spec.sha256, 16) and 30e6 < spec.size < 60e6


def test_format_progress():
    assert format_progress(0, 100, width=10) == "[..........]   0.0/0.0 MB   0%"
    assert format_progress(50_000_000, 100_000_000, width=10).startswith("[#####.....]  50.0/100.0 MB  50%")
    assert format_progress(1_500_000, None) == "   1.5 MB"
