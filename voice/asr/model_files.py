"""What a model folder should contain, and proof that it still does.

`openup models pull` writes a record of every file's size and SHA-256 into the
model folder. Before Vosk loads a folder the sizes (cheap) and hashes are checked
against it: Kaldi does not check its own files, and a truncated graph can crash
the whole process. A folder without a record (copied in by hand, or pulled by an
older version) is first loaded by Vosk in a child process, which may crash without
taking the coach with it (this costs one more load each time; pull again to get a record).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from voice.errors import ModelError

log = logging.getLogger(__name__)

RECORD = ".openup-model.json"
"""Written inside each model folder: where it came from, and each file's size and SHA-256."""
PULL_HINT = "delete it and run: openup models pull"
PROBE_TIMEOUT = 600.0
"""Seconds a child process may take to load a model (large Vosk models take about a minute)."""
_PROBE = ("import sys, vosk; vosk.SetLogLevel(-1); model = vosk.Model(sys.argv[1]); "
          "decoder = vosk.KaldiRecognizer(model, 16000); decoder.AcceptWaveform(bytes(3200)); "
          "decoder.FinalResult(); print('ok')")


def file_table(folder: Path) -> dict[str, dict[str, Any]]:
    """{relative path: {"size": bytes, "sha256": hex}} for every file under folder but the record."""
    table = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != RECORD:
            table[path.relative_to(folder).as_posix()] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    return table


def write_record(folder: Path, **about: Any) -> None:
    """Record the folder's files (and `about`: url, archive hash) under a temporary name, then rename."""
    temporary = folder / (RECORD + ".part")
    temporary.write_text(json.dumps({**about, "files": file_table(folder)}, indent=1), encoding="utf-8")
    os.replace(temporary, folder / RECORD)


def read_record(folder: Path) -> dict[str, dict[str, Any]] | None:
    """The recorded file table, or None when the folder has no record of its files."""
    path = folder / RECORD
    if not path.is_file():
        return None
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as err:
        raise ModelError(f"{folder} has a damaged {RECORD} ({err}); {PULL_HINT}") from None
    if files is None:
        return None  # pulled before files were recorded: checked like a hand-copied folder
    if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
        raise ModelError(f"{folder} has a damaged {RECORD}; {PULL_HINT}")
    return files


def check_files(folder: Path, files: dict[str, dict[str, Any]], hashes: bool) -> None:
    """ModelError naming the first file that is missing, of the wrong size or (with hashes) changed."""
    for name, expected in files.items():
        path = folder / name
        try:
            size = path.stat().st_size
        except OSError:
            raise ModelError(f"{folder} is damaged ({name} is missing); {PULL_HINT}") from None
        if size != expected.get("size"):
            raise ModelError(f"{folder} is damaged ({name} is {size} bytes, expected {expected.get('size')}); "
                             f"{PULL_HINT}")
        if hashes and _sha256(path) != expected.get("sha256"):
            raise ModelError(f"{folder} is damaged ({name} has changed: its SHA-256 does not match); {PULL_HINT}")


def verify_model(folder: Path) -> None:
    """Everything that can be known without risking this process: the record, or a child's load."""
    files = read_record(folder)
    if files is not None:
        check_files(folder, files, hashes=True)
        return
    probe_model(folder)  # every time: the folder may be read-only or shared, so nothing is written into it


def probe_model(folder: Path, timeout: float = PROBE_TIMEOUT, command: list[str] | None = None) -> None:
    """Load the model with Vosk in a child process; ModelError if it fails or crashes there."""
    command = command or [sys.executable, "-c", _PROBE, str(folder)]
    log.info("checking the Vosk model %s in a separate process (once)", folder)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ModelError(f"Vosk did not load {folder} within {timeout:.0f} s; {PULL_HINT}") from None
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name if -done.returncode in signal.valid_signals() else "a signal"
        raise ModelError(f"{folder} is damaged (Vosk crashed loading it: {name}); {PULL_HINT}")
    if done.returncode != 0 or done.stdout.strip() != "ok":
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit status {done.returncode}"
        raise ModelError(f"{folder} is damaged (Vosk could not load it: {reason}); {PULL_HINT}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
