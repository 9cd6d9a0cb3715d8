"""Speech model management: where models live, what is installed, and a safe download.

`pull()` is the only code in the project that touches the network, and only
when the user runs `openup models pull`. It downloads into a temporary file in
the destination folder, checks size and SHA-256, extracts into a temporary
folder (refusing absolute paths, `..`, links and oversized archives), checks the
result is a complete Vosk model, then renames it into place in one step. On any
error, Ctrl-C included, the temporary file and folder are removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from voice.asr.model_files import RECORD  # noqa: F401 (re-exported: the record in each pulled model)
from voice.errors import DownloadError, ModelError

log = logging.getLogger(__name__)

Progress = Callable[[int, Optional[int]], None]
"""Called with (bytes received so far, total bytes or None if unknown)."""


@dataclass(frozen=True)
class ModelSpec:
    """A downloadable model archive and what it must verify against."""

    name: str
    """Folder name once installed, e.g. "vosk-model-small-en-us-0.15"."""
    url: str
    size: int | None
    """Archive size in bytes, or None when unpublished (then only the hash is checked)."""
    sha256: str | None
    """Hex digest of the archive; None means unverified, which pull() logs as a warning."""
    language: str = "en-us"
    engine: str = "vosk"


VOSK_SMALL_EN_US = ModelSpec(
    name="vosk-model-small-en-us-0.15",
    url="https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
    # The vendor's page gives only "40M"; these two figures are the ones packagers
    # (Yocto, Arch, Homebrew recipes) pin for this archive.
    size=41_205_931,
    sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
)


@dataclass(frozen=True)
class InstalledModel:
    """A folder found in the models directory."""

    name: str
    path: Path
    complete: bool
    """True when the folder has every file a Vosk model needs."""
    problem: str = ""
    """Why it is not usable, when it is not."""
    recorded: bool = False
    """True when the folder holds a record of its files' sizes and hashes (see model_files)."""


def default_models_dir(override: str | Path | None = None) -> Path:
    """`override` if given; the checkout's `models/` when running from the repo;
    else the per-user data folder (~/.local/share/openup/models on Linux)."""
    if override:
        return Path(override).expanduser()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "models").is_dir():
        return checkout / "models"
    return _user_data_dir() / "openup" / "models"


def _user_data_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def installed_models(models_dir: str | Path) -> list[InstalledModel]:
    """Model folders under models_dir (temporary and hidden folders skipped), by name."""
    from voice.asr.model_files import read_record
    from voice.asr.vosk_engine import check_model_dir

    models_dir = Path(models_dir)
    found = []
    for folder in sorted(models_dir.iterdir() if models_dir.is_dir() else []):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            check_model_dir(folder)
            found.append(InstalledModel(folder.name, folder, True, recorded=read_record(folder) is not None))
        except ModelError as err:
            found.append(InstalledModel(folder.name, folder, False, str(err)))
    return found


def find_installed(models_dir: str | Path, spec: ModelSpec = VOSK_SMALL_EN_US) -> Path | None:
    """Path of a complete install of `spec`, or None (then pocketsphinx is the engine)."""
    return next((m.path for m in installed_models(models_dir) if m.name == spec.name and m.complete), None)


def format_progress(done: int, total: int | None, width: int = 30) -> str:
    """One-line text bar, e.g. "[#######.......]  12.0/39.3 MB  31%"."""
    mb = done / 1e6
    if not total:
        return f"{mb:6.1f} MB"
    share = min(1.0, done / total)
    filled = int(share * width)
    return f"[{'#' * filled}{'.' * (width - filled)}] {mb:5.1f}/{total / 1e6:.1f} MB {share:4.0%}"


def pull(spec: ModelSpec, dest_dir: str | Path, progress: Progress | None = None,
         timeout: float = 30.0, force: bool = False) -> Path:
    """Download, verify and install `spec` under dest_dir; return the model folder.

    A complete install already there is kept unless `force`. Raises
    DownloadError (one line) for network failure, cut-off download, size or
    checksum mismatch, corrupt or unsafe zip, or an archive that is not a model.
    """
    dest_dir = Path(dest_dir)
    target = dest_dir / spec.name
    if not force and find_installed(dest_dir, spec):
        log.info("%s is already installed in %s", spec.name, target)
        return target
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DownloadError(f"cannot create {dest_dir} ({err.strerror}); pass a writable models folder") from err
    with _pull_lock(dest_dir):
        _remove_leftovers(dest_dir)
        return _pull_into(spec, dest_dir, target, progress, timeout)


def _pull_into(spec: ModelSpec, dest_dir: Path, target: Path, progress: Progress | None, timeout: float) -> Path:
    from voice.asr.model_archive import download, extract_safely, model_root
    from voice.asr.model_files import write_record
    from voice.asr.vosk_engine import check_model_dir

    descriptor, name = tempfile.mkstemp(prefix=".download-", suffix=".zip", dir=dest_dir)
    os.close(descriptor)  # download() opens it by name
    archive = Path(name)
    staging = Path(tempfile.mkdtemp(prefix=".extract-", dir=dest_dir))
    try:
        digest = download(spec, archive, progress, timeout)
        verify(spec, archive.stat().st_size, digest)
        extract_safely(archive, staging, limit=_unpacked_limit(spec, archive))
        root = model_root(staging)
        try:
            check_model_dir(root)
        except ModelError as err:
            raise DownloadError(f"{spec.url} did not contain a complete Vosk model; report it") from err
        write_record(root, url=spec.url, sha256=digest, size=archive.stat().st_size)
        _move_into_place(root, target)
        log.info("installed %s in %s", spec.name, target)
        return target
    finally:
        archive.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)


LEFTOVERS = (".download-", ".extract-", ".old-")
"""Prefixes of pull()'s temporary files and folders in the models folder."""


@contextlib.contextmanager
def _pull_lock(dest_dir: Path):
    """Hold an exclusive lock on the models folder itself, so leftovers found meanwhile are stale."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock, pulls are not run side by side there
        yield
        return
    descriptor = os.open(dest_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            raise DownloadError(f"another openup models pull is running in {dest_dir}; "
                                "wait for it to finish") from err
        yield
    finally:
        os.close(descriptor)


def _remove_leftovers(dest_dir: Path) -> None:
    """Temporary files of a pull that was killed (SIGKILL, power cut) before it could clean up."""
    for entry in dest_dir.iterdir():
        if entry.name.startswith(LEFTOVERS):
            log.info("removing %s left by an interrupted pull", entry)
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def verify(spec: ModelSpec, size: int, digest: str) -> None:
    """Check the archive against the spec; a spec without a hash is logged, not trusted."""
    if spec.size is not None and size != spec.size:
        raise DownloadError(f"{spec.name}: got {size} bytes, expected {spec.size}; "
                            "the download was cut off or changed, run openup models pull again")
    if spec.sha256 is None:
        log.warning("%s has no published SHA-256: only its size was checked (sha256 %s)", spec.name, digest)
        return
    if digest != spec.sha256.lower():
        raise DownloadError(f"{spec.name}: checksum mismatch (sha256 {digest[:12]}..., expected "
                            f"{spec.sha256[:12]}...); the file is damaged, run openup models pull again")
    log.info("%s verified: %d bytes, sha256 %s", spec.name, size, digest)


def _unpacked_limit(spec: ModelSpec, archive: Path) -> int:
    """Refuse zip bombs: a model unpacks to a few times its archive size."""
    return 20 * (spec.size or archive.stat().st_size) + 10_000_000


def _move_into_place(root: Path, target: Path) -> None:
    """Rename the verified folder to its final name; an old copy is swapped out first."""
    if not target.exists():
        os.rename(root, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
    os.rename(target, old / target.name)
    os.rename(root, target)
    shutil.rmtree(old, ignore_errors=True)

