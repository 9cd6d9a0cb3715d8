"""Where to send someone who needs care: crisis and abuse lines per region, and the care replies.

`data/care/regions.toml` holds one table per region (checked against each
service's own page; the date is in the file) and `data/care/replies.toml` the
words the coach says around them. Both are validated at load: every region
needs an emergency number and both kinds of line, each reachable by phone or
on the web.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.fields import read_toml, text, text_table

REGIONS = ("US", "CA", "GB", "IE", "AU", "NZ")
"""Regions with their own lines; any other code gets ``FALLBACK``."""
FALLBACK = "other"
KINDS = ("crisis", "abuse")
"""``crisis`` answers suicide and self-harm, ``abuse`` danger from a partner."""


@dataclass(frozen=True)
class Helpline:
    """One service a person can call, text or look up."""

    service: str
    """Its name, as said aloud."""
    number: str
    """Phone number as the service prints it, or "" when it has none."""
    text: str
    """Number to text, or ""."""
    text_word: str
    """Word to send to ``text``, or ""."""
    web: str
    verified: bool
    """True when every fact was read on the service's own page."""


@dataclass(frozen=True)
class Region:
    """A region's emergency number and its two lines."""

    code: str
    name: str
    emergency: str
    crisis: Helpline
    abuse: Helpline


@dataclass(frozen=True)
class CareWords:
    """What the coach says in care; {placeholders} are filled by intents.care.desk."""

    self_harm: str
    partner_self_harm: str
    abuse: str
    discreet: str
    still_here: str
    number_again: str
    safe: str
    not_safe: str
    check: str
    back: str
    stop: str
    call: str
    call_or_text: str
    text_only: str
    web: str
    abuse_directory: str


@dataclass(frozen=True)
class Care:
    """Every region's lines and the care replies."""

    checked: str
    """ISO date the lines were last checked."""
    regions: tuple[Region, ...]
    words: CareWords

    def region(self, code: str) -> Region:
        """The region for a code such as "GB" (any case); unknown codes get the fallback."""
        wanted = code.strip().upper()
        for region in self.regions:
            if region.code.upper() == wanted:
                return region
        return next(region for region in self.regions if region.code == FALLBACK)


def load_care(root: Path | None = None) -> Care:
    """Load and validate the care data from ``root`` (default: the shipped data)."""
    base = Path(root) if root else Path(str(resources.files("content") / "data" / "care"))
    path = base / "regions.toml"
    doc = read_toml(path)
    regions = tuple(_region(doc, code, path) for code in (*REGIONS, FALLBACK))
    return Care(checked=text(doc, "checked", path), regions=regions, words=_words(base / "replies.toml"))


def _region(doc: dict[str, Any], code: str, path: Path) -> Region:
    table = doc.get(code)
    if not isinstance(table, dict):
        raise ContentError(path, code, "missing region table")
    lines = {kind: _helpline(table.get(kind), path, f"{code}.{kind}") for kind in KINDS}
    return Region(code, text(table, "name", path, f"{code}."), text(table, "emergency", path, f"{code}."),
                  lines["crisis"], lines["abuse"])


def _helpline(table: Any, path: Path, where: str) -> Helpline:
    if not isinstance(table, dict):
        raise ContentError(path, where, "missing table")
    fields = {key: _optional(table, key, path, where) for key in ("number", "text", "text_word", "web")}
    if not (fields["number"] or fields["text"] or fields["web"]):
        raise ContentError(path, where, "needs a number, a text number or a web address")
    verified = table.get("verified")
    if not isinstance(verified, bool):
        raise ContentError(path, f"{where}.verified", "must be true or false")
    return Helpline(service=text(table, "service", path, where + "."), verified=verified, **fields)


def _optional(table: dict[str, Any], key: str, path: Path, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ContentError(path, f"{where}.{key}", f"must be a string, got {value!r}")
    return value.strip()


def _words(path: Path) -> CareWords:
    return text_table(path, CareWords)


SCREEN_LABELS = ("self_harm", "abuse", "none")


@functools.cache  # the screen and the recognizer's language model both read them at start
def load_screen_examples(root: Path | None = None) -> tuple[tuple[str, str], ...]:
    """(label, text) lines the safety screen learns from: ``data/care/screen/*.txt``,
    one ``label<TAB>text`` a line, ``#`` for comments; labels are ``SCREEN_LABELS``."""
    base = Path(root) if root else Path(str(resources.files("content") / "data" / "care" / "screen"))
    examples: list[tuple[str, str]] = []
    for path in sorted(base.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            label, _, said = line.partition("\t")
            if label not in SCREEN_LABELS or not said.strip():
                raise ContentError(path, f"line {number}", f"needs 'LABEL<TAB>text' with LABEL one of {', '.join(SCREEN_LABELS)}")
            examples.append((label, said.strip()))
    return tuple(examples)


def care_sentences(root: Path | None = None) -> tuple[str, ...]:
    """Everything the screen learned from: disclosures of danger and despair and their
    look-alikes, for speech models built for requests. A closed model that has never seen
    "kill myself" cannot hear it, and one that knows only the disclosures hears "she is
    terrified of being vulnerable" as one; the screen can only judge what was heard."""
    return tuple(said for _label, said in load_screen_examples(root))
