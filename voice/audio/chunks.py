"""Audio as plain data: 16 kHz mono 16-bit chunks, whatever the source (files: wavfile.py, devices: microphone.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

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


def chunk_audio(audio: bytes, seconds: float = 0.1, start: float = 0.0) -> Iterator[AudioChunk]:
    """Slice 16 kHz mono 16-bit bytes into AudioChunks of `seconds` (the last may be shorter)."""
    step = max(WIDTH, int(RATE * seconds) * WIDTH)
    for offset in range(0, len(audio), step):
        yield AudioChunk(audio[offset:offset + step], start + offset / (WIDTH * RATE))


def rechunk(blocks: Iterable[bytes], seconds: float = 0.1, start: float = 0.0) -> Iterator[AudioChunk]:
    """Regroup a stream of 16 kHz byte blocks of any sizes into AudioChunks of `seconds`."""
    step = max(WIDTH, int(RATE * seconds) * WIDTH)
    pending, offset = b"", 0
    for block in blocks:
        pending += block
        while len(pending) >= step:
            yield AudioChunk(pending[:step], start + offset / (WIDTH * RATE))
            pending, offset = pending[step:], offset + step
    if pending:
        yield AudioChunk(pending, start + offset / (WIDTH * RATE))
