"""A streaming first pass that asks a neural second opinion when it is unsure.

pocketsphinx with the domain language model streams: it gives the loop its partials,
wake and stop, and answers fast when it is sure. Its weak spot is noise (pink 10 dB,
sets A and blind: 72-80% in-domain exact against 87-90% for whisper tiny.en), so the
utterance's audio is kept, and when the first transcript looks doubtful the whole
utterance goes to whisper and whisper's transcript is the one returned. Which signals
count as doubt was measured on natural voices (bench/speech.py, gate study); see DoubtRule.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Callable

from voice.audio.chunks import AudioChunk
from voice.audio.level import speech_to_noise_db
from voice.asr.transcript import Recognizer, Transcript

log = logging.getLogger(__name__)

Doubt = Callable[[Transcript, float], "str | None"]
"""Judges a first-pass transcript and its utterance's speech-to-noise level (dB,
voice/audio/level.py): a short reason to ask the second opinion, or None."""


@dataclass(frozen=True)
class DoubtRule:
    """When the first pass counts as unsure (thresholds from the gate study)."""

    match_floor: float = 0.45
    """Matcher confidence under which a request is asked again (the speech floor is 0.25)."""
    word_confidence: float = 0.0
    """Mean word posterior under which it is asked again (0: signal off)."""
    close_call: bool = True
    """Ask again when the matcher could not choose between two techniques."""
    min_level_db: float = 0.0
    """Speech-to-noise level (dB, voice/audio/level.py) under which the utterance is asked
    again however sure the matcher is (0: signal off). Off because it did not pay
    (bench/speech.py, 30+15 requests per set x joe, heart x clean, pink10): the level
    separates cleanly (clean 37-49 dB, pink 10 dB 13-17), but with a 20 dB floor set A at
    pink 10 dB stayed 90.0% in-domain exact (joe +1, heart -1 clip of 30) and blind fell
    83.3 -> 80.0%, asking whisper on 69% of set A instead of 55%. What the gate still lets
    through in noise is mostly pocketsphinx hearing a false risk, never second-guessed; letting
    the level override that reached 96.7% on set A but lost one of the blind set's two safety
    requests in joe's pink 10 dB, so the risk rule stays first."""


def matcher_doubt(matcher, rule: DoubtRule = DoubtRule()) -> Doubt:
    """A Doubt from the matcher and the audio: nothing heard, off-topic, noisy, a weak or close match."""

    def doubt(transcript: Transcript, level_db: float = math.inf) -> str | None:
        if not transcript.text:
            return "nothing heard"
        if transcript.confidence < rule.word_confidence:
            return f"word confidence {transcript.confidence:.2f}"
        match = matcher.match(transcript.text)
        if match is None:
            return "no match"
        if match.intent == "safety":
            return None  # the screen heard a risk: never second-guess it away
        if level_db < rule.min_level_db:
            return f"noisy {level_db:.0f} dB"
        if match.confidence < rule.match_floor:
            return f"match {match.intent} {match.confidence:.2f}"
        if rule.close_call and len(match.alternatives) > 1:
            return "close call"
        return None

    doubt.needs_level = rule.min_level_db > 0  # type: ignore[attr-defined]  # off: no pass over the audio
    return doubt


class SecondOpinion:
    """Recognizer protocol: `first` streams; `second` re-decodes the utterance on doubt."""

    def __init__(self, first: Recognizer, second: Recognizer, doubt: Doubt) -> None:
        self.first, self.second, self.doubt = first, second, doubt
        self.name = f"{first.name}+{second.name}"
        self._chunks: list[AudioChunk] = []  # bounded by the endpointer's max utterance length
        self.asked = 0
        """Utterances sent to the second opinion so far."""

    def accept(self, chunk: AudioChunk) -> None:
        """Decode one more chunk with the first pass, keeping it for the second."""
        self.first.accept(chunk)
        self._chunks.append(chunk)

    def partial(self) -> str:
        """The first pass's partial result."""
        return self.first.partial()

    def final(self) -> Transcript:
        """The first pass's transcript when it is sure, else the second opinion's."""
        chunks, self._chunks = self._chunks, []
        transcript = self.first.final()
        measured = getattr(self.doubt, "needs_level", True)  # a doubt that does not say may use it
        level = speech_to_noise_db(b"".join(c.audio for c in chunks)) if measured else math.inf
        reason = self.doubt(transcript, level)
        if reason is None or not chunks:
            return transcript
        self.asked += 1
        for chunk in chunks:
            self.second.accept(chunk)
        second = self.second.final()
        log.debug("unsure of %r (%s): %s heard %r", transcript.text, reason, self.second.name, second.text)
        return second
