"""Replies that fit the person: a short mirror of what they said, the situation they are in,
and a first tip chosen from their words rather than always the same one.

All plain text rules; the words the coach says live in content.
"""

from __future__ import annotations

import re
import zlib

from content.situations import Situation
from intents.normalize import normalize

MIRROR_WORDS = 14
"""Longest description mirrored back word for word; longer ones are not echoed."""

FIRST_TIPS = ("direct-question", "share-vulnerability", "set-a-time", "bonding-activity", "good-listener",
              "acknowledge")
"""Techniques that work as a first tip for anyone; a generic request gets one of these."""

_REQUEST = re.compile(
    r"^(how|what|why|when|where|who|which|can|could|should|would|will|is|are|do|does|did|any|give|tell|help|"
    r"please|i need|i want|i would like|id like|i d like|ideas?|tips?|advice|ok|okay|so|yes|no)\b")
_DESCRIBES = re.compile(r"\b(he|she|they|partner|husband|wife|boyfriend|girlfriend)\b")
_PERSON = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
           "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "was": "was",
           "we": "you two", "us": "you two", "our": "your", "ours": "yours", "ourselves": "yourselves"}


_LOWER_FIRST = frozenset({"he", "she", "they", "he's", "she's", "they're", "your", "you", "you're", "when", "every",
                          "whenever", "if", "after", "the", "a", "an", "our", "his", "her", "their"})


def situation_for(text: str, situations: tuple[Situation, ...]) -> Situation | None:
    """The first situation whose cue appears in ``text``, or None."""
    normalized = normalize(text)
    return next((s for s in situations if any(cue.search(normalized) for cue in s.cues)), None)


def mirror(text: str) -> str | None:
    """"she shuts down when I bring up money" -> "she shuts down when you bring up money";
    None for requests and questions, which need no echo, and for long descriptions."""
    plain = re.sub(r"[^\w' ]+", " ", text.replace("’", "'")).split()
    lower = " ".join(plain).lower()
    if not plain or len(plain) > MIRROR_WORDS or _REQUEST.match(lower) or not _DESCRIBES.search(lower):
        return None
    turned = [_PERSON.get(word.lower(), word) for word in plain]
    turned = ["were" if word == "was" and before == "you" else word for before, word in zip([""] + turned, turned)]
    if turned[0].lower() in _LOWER_FIRST:
        turned[0] = turned[0].lower()
    return " ".join(turned)


def first_tip(text: str, unheard: list[str]) -> str:
    """A generic request's technique: one of FIRST_TIPS, picked by the words said (so users
    are not all told the same thing first, yet one request always gets the same answer)."""
    choices = [t for t in FIRST_TIPS if t in unheard] or unheard
    return choices[zlib.crc32(normalize(text).encode()) % len(choices)]
