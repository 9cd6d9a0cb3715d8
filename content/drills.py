"""Load the practice drills shipped as ``data/drills/<id>.toml``, one file per drill.

Expected shape (strings non-empty; the file name is the drill id):

``id``
    a technique id (the drill trains that technique).
``title``, ``setup`` (spoken before the attempt), ``goal`` (what a good attempt
contains, one spoken sentence), ``tip`` (the technique's advice, our own words).
``focus``
    the checks that matter for this drill, most important first (see `CHECK_NAMES`).
``[[examples]]``
    ``text`` (an attempt), ``good`` (bool), ``note`` (why), optional ``line``
    (0-based index of the partner line it answers). At least one good and one flawed.
``[[partner_lines]]`` (required when the focus has a ``reflection_*`` check)
    ``say`` (the partner's words the coach speaks), ``keep`` (content a reflection
    should carry, each item "word|synonym"), ``feeling`` (words naming their feeling).
``also_trains`` (optional)
    other technique ids this drill practises too ("good-listener" for reflective
    listening), so a request to practise them starts this drill.
``[tips]``, ``[praise]`` (optional; required for focus checks in `REMARKS_IN_CONTENT`)
    check name = the remark the coach says when that check fails (tip) or passes (praise)
    in this drill; may quote `FACTS` as ``{name}``. Other checks have built-in remarks
    (intents.practice.feedback) that these override.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Formatter
from typing import Any

from content.catalog import TECHNIQUE_IDS
from content.errors import ContentError
from content.fields import read_toml, text, texts

CHECK_NAMES = (
    "question", "open_question", "i_statement", "feeling_named", "blame_free",
    "us_right_now", "noticed_specific", "reflection_kept_content",
    "reflection_named_feeling", "no_advice", "no_dismissal", "pace_ok", "no_long_pauses", "few_fillers",
)
"""Every check a drill may focus on; intents.practice.feedback computes exactly these."""

REMARKS_IN_CONTENT = ("no_advice", "no_dismissal")
"""Checks with no built-in remark: a drill that focuses on one gives its tip and praise."""

FACTS = ("feeling", "blame", "filler", "wpm", "pace_advice", "their_feeling", "pause", "future",
         "advice", "dismissal", "accusation")
"""Values a remark may quote as {name} (intents.practice.feedback fills them in)."""

_TOP_KEYS = ("id", "title", "setup", "goal", "tip", "focus", "examples", "partner_lines", "tips", "praise",
             "also_trains")
_TABLE_KEYS = {"examples": ("text", "good", "note", "line"), "partner_lines": ("say", "keep", "feeling")}


@dataclass(frozen=True)
class PartnerLine:
    """What the coach says as the partner in a reflective-listening drill."""

    say: str
    keep: tuple[str, ...]
    """Content a good reflection carries; each item lists alternatives as "boss|manager"."""
    feeling: tuple[str, ...]
    """Words that name the partner's feeling; one is enough."""


@dataclass(frozen=True)
class Example:
    """A sample attempt, good or flawed, with the reason."""

    text: str
    good: bool
    note: str
    line: int | None = None
    """Index into the drill's partner lines, for reflections; None otherwise."""


@dataclass(frozen=True)
class Drill:
    """One rehearsal exercise that trains one technique."""

    id: str
    """The technique id it trains."""
    title: str
    setup: str
    goal: str
    tip: str
    focus: tuple[str, ...]
    """Check names that matter here, most important first."""
    examples: tuple[Example, ...]
    partner_lines: tuple[PartnerLine, ...] = ()
    tips: tuple[tuple[str, str], ...] = ()
    """(check name, what to say when it fails) in this drill's words."""
    praise: tuple[tuple[str, str], ...] = ()
    """(check name, what to say when it passes) in this drill's words."""
    also_trains: tuple[str, ...] = ()
    """Other technique ids this drill practises too."""


def load_drills(root: Path | str | None = None) -> tuple[Drill, ...]:
    """Load and validate every drill file in ``root`` (default: the shipped drills), in technique order."""
    base = Path(root) if root else Path(str(resources.files("content") / "data" / "drills"))
    paths = sorted(base.glob("*.toml"))
    if not paths:
        raise ContentError(base, "", "no drill files (*.toml) found")
    drills = [_drill(path) for path in paths]
    return tuple(sorted(drills, key=lambda d: TECHNIQUE_IDS.index(d.id)))


def drill_by_id(drills: tuple[Drill, ...], drill_id: str) -> Drill | None:
    """The drill with this id, or None."""
    return next((d for d in drills if d.id == drill_id), None)


def drill_for(drills: tuple[Drill, ...], technique_id: str | None) -> Drill | None:
    """The drill that trains this technique: its own, else one that also trains it; None if none does."""
    return drill_by_id(drills, technique_id or "") or next(
        (d for d in drills if technique_id in d.also_trains), None)


def _drill(path: Path) -> Drill:
    doc = read_toml(path)
    for key in doc:
        if key not in _TOP_KEYS:
            raise ContentError(path, key, f"unknown key; known: {', '.join(_TOP_KEYS)}")
    drill_id = text(doc, "id", path)
    if drill_id not in TECHNIQUE_IDS:
        raise ContentError(path, "id", f"{drill_id!r} is not a technique id; known: {', '.join(TECHNIQUE_IDS)}")
    if drill_id != path.stem:
        raise ContentError(path, "id", f"{drill_id!r} must match the file name {path.stem!r}")
    focus = _lowered(doc, "focus", path)
    for index, name in enumerate(focus):
        if name not in CHECK_NAMES:
            raise ContentError(path, f"focus[{index}]", f"unknown check {name!r}; known: {', '.join(CHECK_NAMES)}")
    lines = _partner_lines(doc, path, needed=any(f.startswith("reflection_") for f in focus))
    tips, praise = _remarks(doc, "tips", path), _remarks(doc, "praise", path)
    also = _lowered(doc, "also_trains", path, allow_empty=True) if "also_trains" in doc else ()
    for index, other in enumerate(also):
        if other not in TECHNIQUE_IDS or other == drill_id:
            raise ContentError(path, f"also_trains[{index}]", f"{other!r} is not another technique id; known: "
                               f"{', '.join(TECHNIQUE_IDS)}")
    for name in focus:
        for key, given in (("tips", tips), ("praise", praise)):
            if name in REMARKS_IN_CONTENT and name not in dict(given):
                raise ContentError(path, f"{key}.{name}", f"the focus has {name!r}, so [{key}] needs a remark for it")
    return Drill(
        id=drill_id, title=text(doc, "title", path), setup=text(doc, "setup", path),
        goal=text(doc, "goal", path), tip=text(doc, "tip", path), focus=focus,
        examples=_examples(doc, path, len(lines)), partner_lines=lines, tips=tips, praise=praise,
        also_trains=also,
    )


def _remarks(doc: dict[str, Any], key: str, path: Path) -> tuple[tuple[str, str], ...]:
    """An optional [tips] or [praise] table: check name -> remark, quoting only known FACTS."""
    table = doc.get(key, {})
    if not isinstance(table, dict):
        raise ContentError(path, key, f"must be a [{key}] table of check name = remark")
    for name in table:
        if name not in CHECK_NAMES:
            raise ContentError(path, f"{key}.{name}", f"unknown check; known: {', '.join(CHECK_NAMES)}")
        remark = text(table, name, path, f"{key}.")
        for _literal, fact, _spec, _conv in Formatter().parse(remark):
            if fact is not None and fact not in FACTS:
                raise ContentError(path, f"{key}.{name}", f"unknown {{{fact}}}; known: {', '.join(FACTS)}")
    return tuple((name, text(table, name, path, f"{key}.")) for name in table)


def _partner_lines(doc: dict[str, Any], path: Path, needed: bool) -> tuple[PartnerLine, ...]:
    tables = _tables(doc, "partner_lines", path, required=needed)
    return tuple(
        PartnerLine(
            say=text(table, "say", path, f"partner_lines[{i}]."),
            keep=_lowered(table, "keep", path, f"partner_lines[{i}].", allow_empty=True),
            feeling=_lowered(table, "feeling", path, f"partner_lines[{i}]."),
        )
        for i, table in enumerate(tables)
    )


def _examples(doc: dict[str, Any], path: Path, line_count: int) -> tuple[Example, ...]:
    examples = []
    for i, table in enumerate(_tables(doc, "examples", path, required=True)):
        where = f"examples[{i}]."
        good, line = table.get("good"), table.get("line")
        if not isinstance(good, bool):
            raise ContentError(path, where + "good", f"must be true or false, got {good!r}")
        if line is not None and (type(line) is not int or not 0 <= line < line_count):
            raise ContentError(path, where + "line", f"must index one of the {line_count} partner lines, got {line!r}")
        examples.append(Example(text(table, "text", path, where), good, text(table, "note", path, where), line))
    if {e.good for e in examples} != {True, False}:
        raise ContentError(path, "examples", "needs at least one good and one flawed example")
    return tuple(examples)


def _tables(doc: dict[str, Any], key: str, path: Path, required: bool) -> list[dict[str, Any]]:
    tables = doc.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ContentError(path, key, f"must be a list of [[{key}]] tables")
    if required and not tables:
        raise ContentError(path, key, f"needs at least one [[{key}]] table")
    known = _TABLE_KEYS[key]
    for index, table in enumerate(tables):
        for name in table:
            if name not in known:
                raise ContentError(path, f"{key}[{index}].{name}", f"unknown key; known: {', '.join(known)}")
    return tables


def _lowered(doc: dict[str, Any], key: str, path: Path, where: str = "", allow_empty: bool = False) -> tuple[str, ...]:
    """A list of strings compared against spoken text, so kept in lower case."""
    return tuple(item.lower() for item in texts(doc, key, path, where, allow_empty))
