"""What a recognizer hears, and the small interface every engine offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from voice.audio.chunks import AudioChunk


@dataclass(frozen=True)
class Word:
    """One recognised word with its timing."""

    text: str
    start: float
    """Seconds from the start of the utterance."""
    end: float
    """Seconds from the start of the utterance."""
    confidence: float = 1.0
    """0 to 1."""


@dataclass(frozen=True)
class Transcript:
    """The final result for one utterance."""

    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)
    confidence: float = 1.0
    """0 to 1; engines without a calibrated score give their best estimate."""
    engine: str = ""
    """Which engine produced it, e.g. "pocketsphinx" or "vosk"."""


class Recognizer(Protocol):
    """Feed chunks of one utterance, read partials, then take the final transcript."""

    name: str

    def accept(self, chunk: AudioChunk) -> None:
        """Decode one more chunk of the current utterance."""

    def partial(self) -> str:
        """The best guess so far for the current utterance."""

    def final(self) -> Transcript:
        """Finish the current utterance and get ready for the next one."""
