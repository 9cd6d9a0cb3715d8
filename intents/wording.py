"""Word-level helpers for matching: a light stemmer, synonyms, and n-gram features."""

from __future__ import annotations

import functools

_SYNONYMS = {
    # Same idea, different words: fold them so one example phrase covers all.
    "therapist": "therapy", "counselor": "therapy", "counsellor": "therapy",
    "counseling": "therapy", "counselling": "therapy", "counsel": "therapy",
    "psychologist": "therapy", "shrink": "therapy", "psychiatrist": "therapy",
    "practise": "practice", "rehearse": "practice", "rehearsal": "practice", "roleplay": "practice",
    "technique": "tip", "advice": "tip", "suggestion": "tip", "idea": "tip", "trick": "tip",
    "method": "tip", "strategy": "tip", "approach": "tip", "way": "tip", "recommendation": "tip",
    "talking": "talk", "speak": "talk", "chat": "talk", "conversation": "talk", "discuss": "talk",
    "discussion": "talk", "communicate": "talk",
    "scared": "afraid", "frightened": "afraid", "fear": "afraid", "nervous": "afraid",
    "weakness": "vulnerable", "vulnerability": "vulnerable", "insecurity": "vulnerable",
    "quotation": "quote", "expert": "quote",
    "closed": "close", "shut": "close", "clam": "close",
    "hobby": "activity", "hobbies": "activity", "outing": "activity",
    "empathize": "validate", "empathise": "validate", "validation": "validate",
    "validating": "validate", "validated": "validate", "validates": "validate",
    "posture": "body", "tone": "voice",
    "affection": "love", "loved": "love", "appreciated": "love", "appreciate": "love",
    "schedule": "time", "moment": "time", "timing": "time",
    "yeah": "yes", "yep": "yes", "yup": "yes", "sure": "yes",
    "nope": "no", "nah": "no",
    "goodbye": "bye",
}
_KEEP = frozenset({
    "this", "is", "was", "has", "yes", "does", "his", "us", "always", "less", "stress",
    "process", "focus", "gas", "bus", "kiss", "miss", "boss", "its", "notice", "practice",
    "sometimes", "perhaps", "lately", "really", "only", "early", "family", "daily", "silly",
})
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly", "er", "ers")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light stemmer: listening, listened, listener -> listen."""
    word = _SYNONYMS.get(word, word)
    if word in _KEEP or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)]
            if suffix == "ies":
                root += "y"
            elif len(root) > 3 and root[-1] == root[-2] and root[-1] not in "lsz":
                root = root[:-1]  # stopping -> stop, but not feeling -> feel
            return _SYNONYMS.get(root, root)
    return word


def stem_words(words: list[str]) -> list[str]:
    """Stem every word."""
    return [stem(word) for word in words]


def features(words: list[str]) -> list[str]:
    """Single words and adjacent pairs: pairs keep "open up" apart from "up"."""
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]
