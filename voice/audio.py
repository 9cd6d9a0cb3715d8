"""Audio as plain data: 16 kHz mono 16-bit chunks, whatever the source."""

from __future__ import annotations

from dataclasses import dataclass

RATE = 16000
"""Sample rate every recognizer receives, in Hertz."""

WIDTH = 2
"""Bytes per sample (signed 16-bit little-endian)."""


@dataclass(frozen=True)
class AudioChunk:
    """A slice of mono 16-bit little-endian PCM at RATE."""

    audio: bytes
    """Raw samples."""
    timestamp: float = 0.0
    """Start of the chunk, in seconds from the start of the stream."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.audio) / (WIDTH * RATE)
