"""A recorded practice attempt, heard for the coach: words, their timings and the rhythm.

Attempts are free speech, so they go through the open-vocabulary recognizer (the domain
model would bend them into requests); the pace rests on the syllables measured in the
audio, which survive recognition errors (voice/audio/syllables.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intents.practice.pace import SpeechRhythm
from voice.audio.wavfile import read_wav
from voice.audio.syllables import measure_rhythm
from voice.asr.recognize import transcribe_request
from voice.asr.transcript import Recognizer, Transcript


@dataclass(frozen=True)
class HeardAttempt:
    """What the person said in a recorded attempt, ready for `intents.practice.feedback.judge`."""

    transcript: Transcript
    """Open-vocabulary words with start/end seconds within their utterance."""
    rhythm: SpeechRhythm
    """Syllables and seconds of speech measured in the recording."""


def hear_attempt(path: str | Path, recognizer: Recognizer) -> HeardAttempt:
    """Transcribe one attempt file and measure its rhythm (AudioInputError if unreadable)."""
    transcript = transcribe_request(path, recognizer)
    return HeardAttempt(transcript, measure_rhythm(read_wav(path)))
