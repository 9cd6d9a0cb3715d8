"""Finding the wake phrase at the start of what was heard, and the audio after it.

Recognizers mishear "hey coach" a little ("a coach", "hey couch"), so the first words
are compared with a fuzzy ratio, allowing one stray word before it and one word more or
less in it.
"""

from __future__ import annotations

from voice.audio.chunks import RATE, WIDTH
from voice.audio.endpoint import Utterance
from voice.asr.transcript import Transcript


def find_wake(words: list[str], wake_phrase: str, min_score: float) -> int | None:
    """Index just after the wake phrase when it is among the first words, else None.

    min_score: rapidfuzz ratio (0-100) the words need to count as the wake phrase.
    """
    from rapidfuzz import fuzz

    wake = wake_phrase.lower()
    size = len(wake.split())
    for skip in (0, 1):
        for length in (size, size + 1, size - 1):
            head = words[skip:skip + length]
            if length > 0 and len(head) == length and fuzz.ratio(" ".join(head), wake) >= min_score:
                return skip + length
    return None


def strip_wake(transcript: Transcript, wake_phrase: str, min_score: float) -> Transcript | None:
    """The transcript after a leading wake phrase, or None if it does not start with one."""
    words = transcript.text.split()
    found = find_wake(words, wake_phrase, min_score)
    if found is None:
        return None
    timed = transcript.words[found:] if len(transcript.words) == len(words) else ()
    return Transcript(" ".join(words[found:]), tuple(timed), transcript.confidence, transcript.engine)


def after_wake(utterance: Utterance, control: Transcript, index: int, fed_from: float) -> Utterance:
    """The part of `utterance` after word `index` of the control transcript (which began
    at stream time `fed_from`); all of it when the words carry no timings."""
    words = control.words
    cut = fed_from + words[index - 1].end - utterance.start if len(words) >= index else 0.0
    offset = max(0, int(cut * RATE)) * WIDTH
    return Utterance(utterance.audio[offset:], utterance.start + offset / (RATE * WIDTH), utterance.end)
