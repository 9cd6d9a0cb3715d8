"""The `openup intent` record: how one line (or one recording) was understood."""

from __future__ import annotations

import json

from intents.matcher import Match, Matcher

_MATCH_IT = object()


def understand(matcher: Matcher, text: str, match: Match | None | object = _MATCH_IT) -> dict:
    """The contract's keys (text, intent, technique, confidence) plus why it was chosen.

    ``match`` is the matcher's own answer unless given (speech is matched more strictly).
    """
    ranking = matcher.rank(text)
    if match is _MATCH_IT:
        match = matcher.decide(ranking) if text.strip() else None
    record: dict[str, object]
    if not isinstance(match, Match):
        label, best = ranking.scores[0] if ranking.scores else ("", 0.0)
        sure = best if label == "fallback" else 1.0 - best
        record = {"text": text, "intent": "fallback", "technique": None, "confidence": round(min(max(sure, 0.0), 1.0), 2)}
    else:
        record = {"text": text, "intent": match.intent, "technique": match.technique, "confidence": match.confidence}
        if match.alternatives:
            record["alternatives"] = list(match.alternatives)
        if match.risk is not None:
            record["care"] = match.risk.kind
    record["normalized"] = ranking.normalized
    return record


def describe(matcher: Matcher, text: str, match: Match | None | object = _MATCH_IT, **extra: object) -> str:
    """One JSON line for ``text``; ``extra`` keys (such as transcript) are added."""
    record = understand(matcher, text, match)
    record.update(extra)
    return json.dumps(record, ensure_ascii=False)
