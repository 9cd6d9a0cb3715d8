"""Situations people bring that the article does not name, each with its own reply.

`data/situations.toml` holds one table per situation: the technique it leans on,
the reply in our own words, and cue patterns over normalised text. Validated at
load: an unknown technique or a pattern that does not compile names the file and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from content.errors import ContentError
from content.fields import read_toml, text, texts


@dataclass(frozen=True)
class Situation:
    """A situation, how to recognise it, and what to say."""

    id: str
    technique: str
    """The technique id the reply leans on (for examples and quotes that follow)."""
    say: str
    cues: tuple[re.Pattern[str], ...]


def load_situations(path: Path, technique_ids: tuple[str, ...]) -> tuple[Situation, ...]:
    """Every situation in ``path``; each technique must be one of ``technique_ids``."""
    doc = read_toml(path)
    tables = doc.get("situation")
    if not isinstance(tables, list) or not tables:
        raise ContentError(path, "situation", "needs at least one [[situation]] table")
    found = []
    for index, table in enumerate(tables):
        where = f"situation[{index}]."
        if not isinstance(table, dict):
            raise ContentError(path, where.rstrip("."), "must be a table")
        technique = text(table, "technique", path, where)
        if technique not in technique_ids:
            raise ContentError(path, where + "technique", f"unknown technique id {technique!r}")
        found.append(Situation(text(table, "id", path, where), technique, text(table, "say", path, where),
                               tuple(_compile(cue, path, f"{where}cues") for cue in texts(table, "cues", path, where))))
    return tuple(found)


def _compile(pattern: str, path: Path, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise ContentError(path, key, f"pattern {pattern!r} does not compile ({error})") from None
