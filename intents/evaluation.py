"""Score the matcher on labelled requests (``intent|technique|utterance`` lines)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from intents.matcher import Match


@dataclass(frozen=True)
class Labelled:
    """One request and what it should be understood as."""

    intent: str
    technique: str | None
    """None when the request names no technique (any answer counts for a generic tip)."""
    text: str


@dataclass(frozen=True)
class Verdict:
    """How one labelled request was understood."""

    item: Labelled
    intent: str
    technique: str | None

    @property
    def exact(self) -> bool:
        """Right intent, and right technique where one is expected."""
        if self.intent != self.item.intent:
            return False
        return self.item.technique is None or self.technique == self.item.technique


def load_labelled(path: Path) -> list[Labelled]:
    """Read a labelled file; '#' starts a comment, '-' means no technique."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("|", 2)
        if len(parts) != 3:
            raise ValueError(f"{path}:{number}: expected intent|technique|utterance")
        intent, technique, text = (part.strip() for part in parts)
        items.append(Labelled(intent, None if technique == "-" else technique, text))
    return items


def judge(item: Labelled, match: Match | None) -> Verdict:
    """Compare one answer with its label; no match means fallback."""
    if match is None:
        return Verdict(item, "fallback", None)
    return Verdict(item, match.intent, match.technique)


@dataclass(frozen=True)
class Summary:
    """Accuracy figures over a set of verdicts."""

    total: int
    exact: float
    fallback_precision: float
    fallback_recall: float
    safety_recall: float


def summarize(verdicts: list[Verdict]) -> Summary:
    """Exact accuracy, fallback precision/recall and safety recall (0 to 1)."""
    counts: Counter[str] = Counter()
    for v in verdicts:
        counts["exact"] += v.exact
        said_fallback, is_fallback = v.intent == "fallback", v.item.intent == "fallback"
        counts["fb_said"] += said_fallback
        counts["fb_true"] += is_fallback
        counts["fb_hit"] += said_fallback and is_fallback
        counts["safety_true"] += v.item.intent == "safety"
        counts["safety_hit"] += v.item.intent == "safety" and v.intent == "safety"
    counts["total"] = len(verdicts)
    return Summary(
        total=len(verdicts),
        exact=_ratio(counts, "exact", "total"),
        fallback_precision=_ratio(counts, "fb_hit", "fb_said"),
        fallback_recall=_ratio(counts, "fb_hit", "fb_true"),
        safety_recall=_ratio(counts, "safety_hit", "safety_true"),
    )


def _ratio(counts: Counter, part: str, whole: str) -> float:
    """part / whole, or 1.0 when there is nothing to get wrong."""
    return counts[part] / counts[whole] if counts[whole] else 1.0
