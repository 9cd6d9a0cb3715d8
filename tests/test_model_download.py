"""Bounded, leak-free model downloads, against a local HTTP server on 127.0.0.1 only (issue 13.7)."""

from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from test_models import NAME, leftovers, model_zip, server, zip_bytes  # noqa: F401 (fixture)
from voice.asr import model_archive
from voice.asr.model_archive import MAX_UNKNOWN_SIZE, deadline_for, download
from voice.asr.models import ModelSpec, pull
from voice.errors import DownloadError


class Drip:
    """A server that declares `length` (or none) and then sends `chunk` every few milliseconds, forever."""

    def __init__(self, chunk: bytes, length: int | None) -> None:
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                self.end_headers()
                try:
                    while not outer.stop.is_set():
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        outer.stop.wait(0.002)
                except OSError:
                    pass  # the client gave up, as it should
                self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def spec(self, size: int | None) -> ModelSpec:
        return ModelSpec(NAME, f"http://127.0.0.1:{self.httpd.server_port}/m.zip", size, None)

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def drip(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    made = []
    yield lambda chunk, length=None: made.append(Drip(chunk, length)) or made[-1]
    for server in made:
        server.close()


def test_a_server_dripping_bytes_meets_an_overall_deadline(drip, tmp_path):
    ticks = iter(range(10_000))  # a clock that moves one second per look, whatever the machine's speed
    target = tmp_path / "m.zip"
    with pytest.raises(DownloadError, match="too slow"):
        download(drip(b"x", 10_000_000).spec(10_000_000), target, deadline=5, clock=lambda: next(ticks))
    assert next(ticks) <= 7  # one look at the clock per read: given up after the sixth
    assert target.stat().st_size <= 6 * model_archive.BLOCK


def test_the_deadline_scales_with_the_size_and_has_a_floor():
    assert deadline_for(1000) == model_archive.MIN_DEADLINE
    assert deadline_for(41_205_931) == 41_205_931 / model_archive.SLOWEST
    assert deadline_for(None) == MAX_UNKNOWN_SIZE / model_archive.SLOWEST


def test_bytes_beyond_the_expected_size_are_not_received(drip, tmp_path):
    dest = tmp_path / "models"
    with pytest.raises(DownloadError, match="expected at most 4600"):
        pull(drip(bytes(65536)).spec(4600), dest)  # no Content-Length, endless body
    assert leftovers(dest) == []


def test_a_declared_length_beyond_the_expected_size_is_refused_before_reading(drip, tmp_path):
    target = tmp_path / "m.zip"
    with pytest.raises(DownloadError, match="300000000 bytes or more, expected at most 4600"):
        download(drip(bytes(65536), 300_000_000).spec(4600), target)
    assert target.stat().st_size == 0


def test_a_later_pull_removes_what_a_killed_pull_left(server, tmp_path):  # noqa: F811
    (tmp_path / ".download-abc123.zip").write_bytes(b"half")
    (tmp_path / ".extract-def456" / NAME).mkdir(parents=True)
    (tmp_path / ".old-x-1").mkdir()
    pull(server.spec("/m.zip", model_zip()), tmp_path)
    assert leftovers(tmp_path) == [NAME]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_a_pull_leaks_no_file_descriptor(server, tmp_path):  # noqa: F811
    spec = server.spec("/m.zip", b"", "404")
    with pytest.raises(DownloadError):
        pull(spec, tmp_path)  # whatever is opened once and kept (lazy imports, pools) is opened now
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        with pytest.raises(DownloadError):
            pull(spec, tmp_path)
    deadline = time.monotonic() + 5  # the server thread closes its side when it gets round to it
    while len(os.listdir("/proc/self/fd")) > before and time.monotonic() < deadline:
        time.sleep(0.05)
    # At most as many as before: three leaking pulls would leave three more. Fewer is no leak:
    # on a busy machine the warm-up pull's server socket may still be open when counted.
    assert len(os.listdir("/proc/self/fd")) <= before


SIGTERM_SCRIPT = """
import sys
from voice.cli.parser import _stop_on_sigterm
from voice.asr.models import ModelSpec, pull

_stop_on_sigterm()
started = []
def progress(done, total):
    if not started:
        started.append(print("started", flush=True))
try:
    pull(ModelSpec("m", sys.argv[1], 10_000_000, None), sys.argv[2], progress)
except KeyboardInterrupt:
    sys.exit(143)
"""


def test_sigterm_during_a_pull_leaves_nothing(drip, tmp_path):
    spec = drip(b"x" * 1024, 10_000_000).spec(10_000_000)
    dest = tmp_path / "models"
    child = subprocess.Popen([sys.executable, "-c", SIGTERM_SCRIPT, spec.url, str(dest)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path),
                                             "no_proxy": "127.0.0.1"})
    assert child.stdout.readline() == "started\n"
    assert any(name.startswith(".download-") for name in leftovers(dest))
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 143
    assert leftovers(dest) == []


def _patched(archive: bytes, method: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite every member's compression method or flag bits in both zip headers."""
    data = bytearray(archive)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if method is not None:
                data[start + method_at:start + method_at + 2] = struct.pack("<H", method)
            if flags is not None:
                data[start + flag_at:start + flag_at + 2] = struct.pack("<H", flags)
            start += 4
    return bytes(data)


def _stored(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as bundle:
        for name, body in members.items():
            bundle.writestr(name, body)
    return buffer.getvalue()


@pytest.mark.parametrize("case, message", [
    ("file then folder", "is both a file and a folder"),
    ("unknown compression", "unknown compression method"),
    ("encrypted", "is encrypted"),
])
def test_odd_archives_are_one_line_and_leave_nothing(server, tmp_path, case, message):  # noqa: F811
    body = {
        "file then folder": lambda: zip_bytes({NAME + "/am": b"file", NAME + "/am/final.mdl": b"x"}),
        "unknown compression": lambda: _patched(_stored({NAME + "/am/final.mdl": b"x" * 100}), method=99),
        "encrypted": lambda: _patched(_stored({NAME + "/am/final.mdl": b"x" * 100}), flags=1),
    }[case]()
    dest = tmp_path / "models"
    with pytest.raises(DownloadError, match=message) as info:
        pull(server.spec("/odd.zip", body), dest)
    assert "\n" not in str(info.value)
    assert leftovers(dest) == []
