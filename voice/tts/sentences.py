"""Cut a reply into sentences, so playback can stop at a boundary and start early."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset("dr mr mrs ms prof st vs etc e.g i.e ph.d jr sr no".split())
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"')\]\u2019\u201d]*(?=\s)|\n")


def split_sentences(text: str, max_chars: int = 200) -> list[str]:
    """Cut text into sentences so playback can stop at a boundary and start early.

    Titles ("Dr. Fran Walfish") and initials do not end a sentence; a sentence longer
    than max_chars is cut at a comma, semicolon or space.
    """
    sentences, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if not _ends_with_abbreviation(text[start : end.start() + 1]):
            sentences.append(text[start : end.end()])
            start = end.end()
    sentences.append(text[start:])
    pieces = (_split_long(" ".join(s.split()), max_chars) for s in sentences)
    return [piece for group in pieces for piece in group if piece]


def _ends_with_abbreviation(sentence: str) -> bool:
    """True if the final '.' belongs to a title or an initial, not a sentence end."""
    words = sentence.split()
    if not words or not words[-1].endswith("."):
        return False
    word = words[-1].rstrip(".").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_long(sentence: str, max_chars: int) -> list[str]:
    """Cut an overlong sentence at the last comma/semicolon (else space) within max_chars."""
    pieces = []
    while len(sentence) > max_chars:
        head = sentence[:max_chars]
        cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "))
        cut = cut + 1 if cut > max_chars // 3 else head.rfind(" ")
        cut = cut if cut > 0 else max_chars
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return pieces + [sentence]
