"""The two risky steps of a model pull: streaming a download, and unpacking a zip
that came from the network without letting it write outside its folder."""

from __future__ import annotations

import hashlib
import logging
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from voice.errors import DownloadError

log = logging.getLogger(__name__)

BLOCK = 64 * 1024
RETRY = "run openup models pull again"


def download(spec, path: Path, progress=None, timeout: float = 30.0) -> str:
    """Stream spec.url into `path`, calling progress(done, total); return the SHA-256."""
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(spec.url, headers={"User-Agent": "openup-coach"})
    digest = hashlib.sha256()
    done, total = 0, spec.size
    log.info("downloading %s", spec.url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, path.open("wb") as out:
            total = _declared_length(response) or spec.size
            while block := response.read(BLOCK):
                out.write(block)
                digest.update(block)
                done += len(block)
                if progress:
                    progress(done, total)
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


def _declared_length(response) -> int | None:
    value = response.headers.get("Content-Length")
    return int(value) if value and value.isdigit() else None


def _cut_off(spec, done: int, total: int | None) -> str:
    return f"download of {spec.name} was cut off after {done} of {total or '?'} bytes; {RETRY}"


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
    if not (dest / name).resolve().is_relative_to(dest.resolve()):
        return "a path outside its folder"
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
            written = 0
            for info in members:
                written += _extract_one(bundle, info, dest, limit - written)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise DownloadError(f"the downloaded model archive is corrupt ({err}); {RETRY}") from err


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

