"""The two risky steps of a model pull: streaming a download, and unpacking a zip
that came from the network without letting it write outside its folder."""

from __future__ import annotations

import hashlib
import logging
import stat
import time
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from voice.errors import DownloadError

log = logging.getLogger(__name__)

BLOCK = 64 * 1024
RETRY = "run openup models pull again"


MAX_UNKNOWN_SIZE = 2_000_000_000
"""Bytes accepted for an archive whose size is not published (the largest Vosk models are ~1.8 GB)."""
SLOWEST = 20_000
"""Bytes per second, on average, below which a download is given up: a 40 MB model gets
at least 10 minutes, and a server dripping a byte every few seconds cannot keep pull running."""
MIN_DEADLINE = 600.0
"""Seconds any download may take, however small."""


def deadline_for(size: int | None) -> float:
    """Seconds a download of `size` bytes may take in all."""
    return max(MIN_DEADLINE, (size or MAX_UNKNOWN_SIZE) / SLOWEST)


def download(spec, path: Path, progress=None, timeout: float = 30.0, deadline: float | None = None,
             clock=time.monotonic) -> str:
    """Stream spec.url into `path`, calling progress(done, total); return the SHA-256.

    Bounded work: `timeout` seconds per network wait, `deadline` seconds in all (see
    deadline_for), and never more bytes than the spec's size (or MAX_UNKNOWN_SIZE).
    """
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(spec.url, headers={"User-Agent": "openup-coach"})
    digest = hashlib.sha256()
    done, total, limit = 0, spec.size, spec.size or MAX_UNKNOWN_SIZE
    give_up = clock() + (deadline_for(spec.size) if deadline is None else deadline)
    log.info("downloading %s", spec.url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, path.open("wb") as out:
            total = _declared_length(response) or spec.size
            if total and total > limit:
                raise DownloadError(_too_big(spec, total, limit))
            while block := response.read1(BLOCK):  # what has arrived, not a full block
                done += len(block)
                if done > limit:
                    raise DownloadError(_too_big(spec, done, limit))
                _store(out, block, path)
                digest.update(block)
                if progress:
                    progress(done, total)
                if clock() > give_up:
                    raise DownloadError(f"download of {spec.name} is too slow ({done} bytes so far); "
                                        f"check the network connection and {RETRY}")
    except urllib.error.HTTPError as err:
        raise DownloadError(f"{spec.url}: the server answered HTTP {err.code} {err.reason}; "
                            "try again later") from err
    except http.client.IncompleteRead as err:
        raise DownloadError(_cut_off(spec, done, total)) from err
    except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise DownloadError(f"could not download {spec.url} ({reason}); "
                            "check the network connection and retry") from err
    if total and done < total:
        raise DownloadError(_cut_off(spec, done, total))
    return digest.hexdigest()


def _store(out, block: bytes, path: Path) -> None:
    try:
        out.write(block)
    except OSError as err:  # not the network's fault: say so
        raise DownloadError(f"cannot write {path} ({err.strerror}); free some space or pass "
                            "another --model-dir") from err


def _too_big(spec, size: int, limit: int) -> str:
    return (f"refusing the download of {spec.name}: the server sends {size} bytes or more, "
            f"expected at most {limit}; {RETRY} later or report it")


def _declared_length(response) -> int | None:
    value = response.headers.get("Content-Length")
    return int(value) if value and value.isdigit() else None


def _cut_off(spec, done: int, total: int | None) -> str:
    return f"download of {spec.name} was cut off after {done} of {total or '?'} bytes; {RETRY}"


SUPPORTED = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate",
             zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma"}
"""Compression methods Python's zipfile can unpack."""


def _unsafe(info: zipfile.ZipInfo, dest: Path) -> str:
    """Why a member must not be extracted, or "" when it is fine."""
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if ".." in path.parts:
        return "a '..' path"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link"
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.compress_type not in SUPPORTED:
        return f"packed with an unknown compression method ({info.compress_type})"
    if not (dest / name).resolve().is_relative_to(dest.resolve()):
        return "a path outside its folder"
    return ""


def _clash(members: list[zipfile.ZipInfo]) -> str:
    """A member that is both a file and a folder (a file "a", then "a/b"), or ""."""
    files = {info.filename.replace("\\", "/").rstrip("/") for info in members if not info.is_dir()}
    for info in members:
        parents = PurePosixPath(info.filename.replace("\\", "/")).parents
        clash = next((str(parent) for parent in parents if str(parent) in files), None)
        if clash:
            return clash
    return ""


def extract_safely(archive: Path, dest: Path, limit: int) -> None:
    """Unpack every member into dest after checking them all; at most `limit` bytes."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            for info in members:
                reason = _unsafe(info, dest)
                if reason:
                    raise DownloadError(f"refusing the model archive: {info.filename!r} is {reason}")
            clash = _clash(members)
            if clash:
                raise DownloadError(f"refusing the model archive: {clash!r} is both a file and a folder")
            written = 0
            for info in members:
                written += _extract_one(bundle, info, dest, limit - written)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as err:
        raise DownloadError(f"the downloaded model archive is corrupt ({err}); {RETRY}") from err
    except OSError as err:
        raise DownloadError(f"cannot unpack the model into {dest} ({err.strerror or err}); "
                            "free some space or pass another --model-dir") from err


def _extract_one(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: int) -> int:
    target = dest / info.filename.replace("\\", "/")
    if info.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with bundle.open(info) as source, target.open("wb") as out:
        while block := source.read(BLOCK):
            written += len(block)
            if written > budget:
                raise DownloadError("refusing the model archive: it unpacks to far more than a model")
            out.write(block)
    return written


def model_root(staging: Path) -> Path:
    """The folder holding the model: the zip's single top folder, or staging itself."""
    entries = list(staging.iterdir())
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return staging

