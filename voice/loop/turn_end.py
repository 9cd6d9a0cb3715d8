"""Ending a turn early: answer after a short pause when the request is already whole.

People leave 0-200 ms between turns; a fixed 0.6 s of silence after every request makes
the coach feel slow. So while a request is spoken, a first-pass recognizer (the domain
language model, streaming) is fed the same audio, and once the person has been quiet for
`pause` seconds its partial transcript is judged: when it ends on no word that promises
more ("and", "the", "my", "um"), nor on a word pair the catalog's own sentences use often
but never end on ("bring up", "tell me", "a better"), the matcher understands it
confidently and clearly, and it is no safety disclosure, the turn ends there. The words
alone are not enough: a recognizer can drop or mishear the word before a hesitation ("...open
up to me AND" heard as "...open up to me"). So the partial must also account for all the
voice heard (its last word ends where the voice stopped, give or take `tail`) and have
stopped changing early in the pause (`settle`). Anything else waits the full silence, so
a person who hesitates mid-sentence is not cut off (bench/latency.py measures both).

Everything here runs on the stream's clock (the endpointer's count of quiet frames) and
on what was heard, never on the wall clock: a replay ends the same turns at the same times.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from intents.normalize import normalize

from voice.asr.transcript import Recognizer
from voice.audio.chunks import AudioChunk
from voice.loop.wake import find_wake

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnEndConfig:
    """When a request counts as whole after a short pause."""

    pause: float = 0.25
    """Seconds of silence after which a whole request ends the turn (setting quick_silence)."""
    tail: float = 0.12
    """Seconds of voice allowed after the end of the partial's last recognised word. More
    means a word was said that the partial has not (yet) heard, e.g. the "and" before a
    hesitation, dropped by the recognizer: the request may go on, so wait the full silence."""
    settle: float = 0.15
    """Seconds into the pause by which the partial must have stopped changing. Accepted whole
    requests settled by 0.12 s (Piper joe, espeak en-us); a partial still revising its last
    word later is unsure of it: "...example of the" became "...example that" at 0.18-0.21 s
    and would have cut "last one" off."""
    min_confidence: float = 0.5
    """Matcher confidence (0-1) the partial needs. Prefixes of requests score 0.3-0.65
    ("how do i" 0.41, "he never tells me" 0.48), so the last-word rule does most of the work."""


@dataclass(frozen=True)
class Endings:
    """Word pairs that sentences go on after: seen often in the catalog, never at an end."""

    open_pairs: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    """Normalised (word, word) pairs no request should be taken to end on."""

    @classmethod
    def learn(cls, sentences: Iterable[str], min_seen: int = 3) -> Endings:
        """From the catalog's sentences: pairs seen at least `min_seen` times, none of them
        last ("bring up" 45 times, never last; "open up" 56 times, 38 last)."""
        seen: Counter[tuple[str, str]] = Counter()
        last: set[tuple[str, str]] = set()
        for sentence in sentences:
            words = normalize(sentence).split()
            pairs = list(zip(words, words[1:]))
            seen.update(pairs)
            last.update(pairs[-1:])
        return cls(frozenset(p for p, n in seen.items() if n >= min_seen and p not in last))


@dataclass(frozen=True)
class Verdict:
    """Why a partial transcript does or does not end the turn."""

    whole: bool
    reason: str
    """A few words for the debug log ("ends on 'and'", "tip 0.77")."""


def judge(text: str, matcher, unfinished: frozenset[str], config: TurnEndConfig = TurnEndConfig(),
          wake: tuple[str, float] | None = None, endings: Endings = Endings()) -> Verdict:
    """Whether `text` (a partial transcript) is a whole request.

    matcher: intents.matcher.Matcher. wake: (wake phrase, min score) when the request must
    start with the wake phrase (the loop is idle); it is stripped before judging.
    """
    words = text.lower().split()
    if wake is not None:
        found = find_wake(words, *wake)
        if found is None:
            return Verdict(False, "no wake phrase")
        words = words[found:]
    if not words:
        return Verdict(False, "nothing yet")
    if words[-1] in unfinished:
        return Verdict(False, f"ends on {words[-1]!r}")
    pair = tuple(normalize(" ".join(words)).split()[-2:])
    if pair in endings.open_pairs:
        return Verdict(False, f"ends on {' '.join(pair)!r}, which the catalog always continues")
    match = matcher.match(" ".join(words))
    if match is None:
        return Verdict(False, "no match")
    if match.intent == "safety":  # someone telling of danger may say more: let them
        return Verdict(False, "safety")
    if match.alternatives:
        return Verdict(False, "close call")
    if match.confidence < config.min_confidence:
        return Verdict(False, f"{match.intent} {match.confidence:.2f} is unsure")
    return Verdict(True, f"{match.intent} {match.confidence:.2f}")


class TurnEnd:
    """Streams one request into a first-pass recognizer and says when it is whole."""

    def __init__(self, recognizer: Recognizer, matcher, unfinished: frozenset[str],
                 config: TurnEndConfig = TurnEndConfig(), endings: Endings = Endings()) -> None:
        self.recognizer, self.matcher, self.unfinished, self.config = recognizer, matcher, unfinished, config
        self.endings = endings
        self.listening = False
        """True while an utterance is being fed."""
        self._wake: tuple[str, float] | None = None
        self._judged: tuple[str, Verdict] | None = None  # the last partial judged, and how
        self._origin: float | None = None  # stream time of the first chunk fed: word timings count from it
        self._seen: tuple[str, float, float] | None = None  # in this pause: (partial, quiet when it appeared, quiet now)

    def start(self, pre_roll: Iterable[AudioChunk], wake: tuple[str, float] | None) -> None:
        """A new utterance: feed the audio from just before it began."""
        self.listening, self._wake, self._judged, self._origin, self._seen = True, wake, None, None, None
        for chunk in pre_roll:
            self.accept(chunk)

    def accept(self, chunk: AudioChunk) -> None:
        """One more chunk of the utterance."""
        if self._origin is None:
            self._origin = chunk.timestamp
        self.recognizer.accept(chunk)

    def whole(self, quiet: float, voice_end: float) -> bool:
        """True when the person has paused `quiet` seconds after a whole request whose last
        recognised word reaches `voice_end` (stream seconds where their voice stopped).
        Called for every chunk: during the pause it follows when the partial last changed."""
        if not self.listening or quiet <= 0.0:
            self._seen = None
            return False
        text = self.recognizer.partial()
        if self._seen is None or self._seen[0] != text or quiet < self._seen[2]:
            self._seen = (text, quiet, quiet)  # new text (or a new pause): it appeared now
        else:
            self._seen = (text, self._seen[1], quiet)
        if quiet < self.config.pause:
            return False
        if self._seen[1] > self.config.settle:
            log.debug("%r appeared %.2f s into the pause: waiting the full silence", text, self._seen[1])
            return False
        if self._judged is None or self._judged[0] != text:
            verdict = judge(text, self.matcher, self.unfinished, self.config, self._wake, self.endings)
            log.debug("after %.2f s of quiet, %r: %s", quiet, text, verdict.reason)
            self._judged = (text, verdict)
        if not self._judged[1].whole:
            return False
        unheard = self.unheard(voice_end)
        if unheard > self.config.tail:
            log.debug("%.2f s of voice after the last word of %r: waiting the full silence", unheard, text)
            return False
        return True

    def unheard(self, voice_end: float) -> float:
        """Seconds of voice after the end of the partial's last word (infinite when the
        recognizer gives no word timings: then nothing can show the request is all heard)."""
        timed = getattr(self.recognizer, "partial_words", None)
        words = timed() if timed is not None else ()
        if not words or self._origin is None:
            return math.inf
        return voice_end - (self._origin + words[-1].end)

    def stop(self) -> None:
        """The utterance is over: let the recognizer start afresh. Its transcript is unused, so
        a recognizer that can drop an utterance unfinished (`abandon`) is not asked for one."""
        if self.listening:
            self.listening = False
            abandon = getattr(self.recognizer, "abandon", None)
            if abandon is not None:
                abandon()
            else:
                self.recognizer.final()
