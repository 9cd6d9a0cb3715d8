"""Files the user names for output: never the input, and never left half-written.

Every output (--out, --output, --events) is written to a temporary file in the
same folder and renamed over its name only when it is complete, so a failure or
a kill leaves either the old file or nothing, never a truncated one. Devices and
pipes (/dev/null, /dev/full, a FIFO) cannot be renamed over: they are written
directly, and a write error there is still one line.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path
from typing import IO, Mapping

from voice.errors import VoiceError

log = logging.getLogger(__name__)


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when two names reach one file: equal resolved paths, or the same inode (hard links)."""
    one, two = Path(first).expanduser(), Path(second).expanduser()
    if one.resolve() == two.resolve():
        return True
    try:
        return os.path.samefile(one, two)
    except OSError:  # one of them does not exist yet: different files
        return False


def refuse_overwriting(inputs: Mapping[str, str | Path | None], outputs: Mapping[str, str | Path | None]) -> None:
    """VoiceError when an output flag names an input file or another output; keys are flag names."""
    given_inputs = [(flag, path) for flag, path in inputs.items() if path]
    given_outputs = [(flag, path) for flag, path in outputs.items() if path]
    for index, (flag, path) in enumerate(given_outputs):
        for other, source in given_inputs + given_outputs[:index]:
            if same_file(path, source):
                raise VoiceError(f"{flag} {path} is the same file as {other}; it would be overwritten, "
                                 f"choose another name for {flag}")


class AtomicOutput:
    """A binary file written under a temporary name and renamed into place by commit().

    discard() (or garbage) removes the temporary file and leaves any old file as it was.
    """

    def __init__(self, path: str | Path, flag: str = "--out", kind: type[VoiceError] = VoiceError) -> None:
        """`flag` names the option in messages; `kind` is the error raised."""
        self.path, self.flag, self.kind = Path(path).expanduser(), flag, kind
        self._temp: Path | None = None
        if self.path.is_dir():
            raise kind(f"{flag} {self.path} is a folder; give a file name")
        try:
            if _is_special(self.path):
                self.file: IO[bytes] = self.path.open("wb")
            else:
                temp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.part")
                self.file = os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb")
                self._temp = temp
        except OSError as exc:
            raise self.error(exc) from exc

    def error(self, exc: OSError) -> VoiceError:
        """One line for a failed write to this output."""
        reason = exc.strerror or str(exc)
        return self.kind(f"cannot write {self.path} ({reason}); choose another {self.flag} path"
                          + (" or free some space" if getattr(exc, "errno", None) == 28 else ""))

    def commit(self) -> None:
        """Flush, close and rename into place (VoiceError if the data cannot be stored)."""
        if self.file.closed:
            return
        try:
            self.file.flush()
            if self._temp is not None:
                os.fsync(self.file.fileno())
            self.file.close()
            if self._temp is not None:
                os.replace(self._temp, self.path)
                self._temp = None
        except OSError as exc:
            self.discard()
            raise self.error(exc) from exc

    def discard(self) -> None:
        """Forget what was written: the temporary file goes, the named file is untouched."""
        try:
            self.file.close()
        except OSError:
            pass  # e.g. ENOSPC flushing to /dev/full: nothing to keep anyway
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
            self._temp = None

    def __del__(self) -> None:
        if getattr(self, "_temp", None) is not None:
            self.discard()


def _is_special(path: Path) -> bool:
    """A device, FIFO or socket that exists: it is written in place, not replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
