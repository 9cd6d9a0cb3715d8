"""Load what the coach knows from the TOML files shipped in this package.

Expected shapes (every string non-empty):

``data/source.toml``
    ``title``, ``author``, ``intro`` (why partners hold back, our words),
    ``[[intro_quotes]]`` (a quote table, see below).
``data/techniques/<id>.toml`` (one file per technique, the file name is its id)
    ``id``, ``title``, ``summary`` (one or two spoken breaths), ``detail``,
    ``example``, ``phrases`` (requests that point to it), ``situations``
    (what a user might describe that this technique fits), ``[[quotes]]``.
``data/intents.toml``
    one table per non-technique intent: ``[next] phrases = [...]``.
``data/responses.toml``
    the fixed lines of the dialogue, one key per field of ``Responses``.

A quote table has ``text`` (verbatim), ``speaker`` and ``credential``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.situations import Situation, load_situations
from content.fields import read_toml, text, text_table, texts

TECHNIQUE_IDS = (
    "direct-question",
    "share-vulnerability",
    "set-a-time",
    "bonding-activity",
    "good-listener",
    "body-language",
    "validate-feelings",
    "caring-behaviors",
    "acknowledge",
    "try-something-new",
    "therapy",
)
"""The contract's technique ids, in the article's order."""

INTENT_NAMES = (
    "tip", "next", "previous", "repeat", "quote", "more", "list", "why",
    "practice", "help", "stop", "affirm", "deny", "safety", "fallback",
)
"""The contract's intent names."""


@dataclass(frozen=True)
class Quote:
    """An expert's words, verbatim, with who said them and where."""

    text: str
    speaker: str
    credential: str
    source: str
    """The article and its author, e.g. "'11 Ways …' by Carina Wolff"."""

    def attribution(self) -> str:
        """Spoken credit: speaker, credential and source."""
        return f"{self.speaker}, {self.credential}, quoted in {self.source}"


@dataclass(frozen=True)
class Technique:
    """One of the eleven ways to help a partner open up."""

    id: str
    title: str
    summary: str
    detail: str
    example: str
    quotes: tuple[Quote, ...]
    phrases: tuple[str, ...]
    situations: tuple[str, ...]


@dataclass(frozen=True)
class Responses:
    """The fixed lines the coach speaks; some have {placeholders}."""

    greeting: str
    offer: str
    help: str
    fallback: str
    unclear: str
    safety: str
    stop: str
    nothing_yet: str
    nothing_to_repeat: str
    all_heard: str
    first: str
    clarify: str
    declined: str
    list_more: str
    list_end: str
    offer_example: str
    offer_quote: str
    offer_next: str
    nothing_more: str
    mirror: str


@dataclass(frozen=True)
class Catalog:
    """Everything the coach can say and every example phrase it understands."""

    techniques: tuple[Technique, ...]
    intro: str
    intro_quotes: tuple[Quote, ...]
    intent_phrases: tuple[tuple[str, tuple[str, ...]], ...]
    """(intent name, example phrases) for every intent other than technique tips."""
    source: str
    responses: Responses
    situations: tuple[Situation, ...] = ()
    """Situations the article does not name one by one (data/situations.toml)."""

    def technique(self, technique_id: str) -> Technique:
        """The technique with this id; KeyError names unknown ids."""
        for technique in self.techniques:
            if technique.id == technique_id:
                return technique
        raise KeyError(f"unknown technique id {technique_id!r}")

    def sentences(self) -> tuple[str, ...]:
        """Every example phrase and situation, for matchers and speech models."""
        found: list[str] = []
        for technique in self.techniques:
            found.extend(technique.phrases + technique.situations)
        for _intent, phrases in self.intent_phrases:
            found.extend(phrases)
        return tuple(found)


def load_catalog(root: Path | None = None) -> Catalog:
    """Load and validate the catalog from ``root`` (default: the shipped data)."""
    base = Path(root) if root else Path(str(resources.files("content") / "data"))
    source_doc = read_toml(base / "source.toml")
    source = f"'{text(source_doc, 'title', base / 'source.toml')}' by " + text(
        source_doc, "author", base / "source.toml"
    )
    techniques = tuple(
        _technique(base / "techniques" / f"{tid}.toml", tid, source) for tid in TECHNIQUE_IDS
    )
    _reject_unknown_files(base / "techniques")
    return Catalog(
        techniques=techniques,
        intro=text(source_doc, "intro", base / "source.toml"),
        intro_quotes=_quotes(source_doc, "intro_quotes", base / "source.toml", source),
        intent_phrases=_intent_phrases(base / "intents.toml"),
        source=source,
        responses=_responses(base / "responses.toml"),
        situations=load_situations(base / "situations.toml", TECHNIQUE_IDS),
    )


def _responses(path: Path) -> Responses:
    return text_table(path, Responses)


def _quotes(doc: dict[str, Any], key: str, path: Path, source: str) -> tuple[Quote, ...]:
    tables = doc.get(key)
    if not isinstance(tables, list) or not tables:
        raise ContentError(path, key, "needs at least one [[%s]] table" % key)
    quotes = []
    for index, table in enumerate(tables):
        where = f"{key}[{index}]."
        if not isinstance(table, dict):
            raise ContentError(path, where.rstrip("."), "must be a table")
        words, speaker, credential = (
            text(table, field, path, where) for field in ("text", "speaker", "credential")
        )
        quotes.append(Quote(words, speaker, credential, source))
    return tuple(quotes)


def _technique(path: Path, technique_id: str, source: str) -> Technique:
    doc = read_toml(path)
    if text(doc, "id", path) != technique_id:
        raise ContentError(path, "id", f"must be {technique_id!r} to match the file name")
    return Technique(
        id=technique_id,
        title=text(doc, "title", path),
        summary=text(doc, "summary", path),
        detail=text(doc, "detail", path),
        example=text(doc, "example", path),
        quotes=_quotes(doc, "quotes", path, source),
        phrases=texts(doc, "phrases", path),
        situations=texts(doc, "situations", path),
    )


def _reject_unknown_files(folder: Path) -> None:
    for path in sorted(folder.glob("*.toml")):
        if path.stem not in TECHNIQUE_IDS:
            raise ContentError(path, "id", f"unknown technique id {path.stem!r}; known: {', '.join(TECHNIQUE_IDS)}")


def _intent_phrases(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    doc = read_toml(path)
    result = []
    for name, table in doc.items():
        if name not in INTENT_NAMES:
            raise ContentError(path, name, f"unknown intent; known: {', '.join(INTENT_NAMES)}")
        if not isinstance(table, dict):
            raise ContentError(path, name, "must be a table with a phrases list")
        result.append((name, texts(table, "phrases", path)))
    return tuple(result)
