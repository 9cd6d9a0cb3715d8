"""Load what the hands-free loop itself says, from ``data/loop.toml``.

Expected shape (strings non-empty):

``reprompt``
    the clearer hint said once when a question met silence; it must not say the
    wake phrase (a microphone hearing the coach would take that as a barge-in).
``unfinished``
    words after which a request is not over (list of single lower-case words): a
    partial transcript ending on one never ends the turn early.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from content.errors import ContentError
from content.fields import read_toml, text, texts

_KEYS = ("reprompt", "unfinished")


@dataclass(frozen=True)
class LoopWords:
    """The loop's own lines."""

    reprompt: str
    """Said once when a question met silence."""
    unfinished: frozenset[str]
    """Words after which a request is not over ("and", "the", "um", ...)."""


def load_loop_words(path: Path | None = None) -> LoopWords:
    """The loop's lines from `path` (default: the shipped data/loop.toml); ContentError names
    the file and the key when one is missing, empty or unknown."""
    if path is None:
        return _shipped()
    doc = read_toml(path)
    for key in doc:
        if key not in _KEYS:
            raise ContentError(path, key, f"unknown key; expected one of: {', '.join(_KEYS)}")
    reprompt = text(doc, "reprompt", path)
    unfinished = texts(doc, "unfinished", path)
    for index, word in enumerate(unfinished):
        if word != word.lower() or len(word.split()) != 1:
            raise ContentError(path, f"unfinished[{index}]", f"must be one lower-case word, got {word!r}")
    return LoopWords(reprompt, frozenset(unfinished))


@lru_cache(maxsize=1)
def _shipped() -> LoopWords:
    return load_loop_words(Path(str(resources.files("content") / "data" / "loop.toml")))
