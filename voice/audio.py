"""Audio as plain data: 16 kHz mono 16-bit chunks, whatever the source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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


def read_wav(path: str | Path) -> bytes:
    """Whole WAV file as 16 kHz mono 16-bit PCM bytes, converted from any rate,
    channel count, 8/16/24/32-bit integer or 32/64-bit float encoding.

    Raises AudioInputError (one line: file, problem, fix) for a missing file, a
    file that is not WAV, an empty/zero-frame WAV or an unsupported encoding.
    """
    from voice import wavfile

    fmt = wavfile.read_format(path)
    return wavfile.convert(wavfile.read_samples(Path(path), fmt), fmt)


def wav_chunks(path: str | Path, seconds: float = 0.1) -> Iterator[AudioChunk]:
    """Stream a WAV file as AudioChunks of `seconds`, timestamps from 0.

    File errors (AudioInputError) are raised by this call, before iteration
    starts, so callers can report them up front. Files already at 16 kHz mono 16-bit are read piecewise (constant memory);
    others are converted whole first.
    """
    from voice import wavfile

    fmt = wavfile.read_format(path)
    if not fmt.is_native:
        return chunk_audio(wavfile.convert(wavfile.read_samples(Path(path), fmt), fmt), seconds)
    return _stream_native(Path(path), fmt, seconds)


def _stream_native(path: Path, fmt, seconds: float) -> Iterator[AudioChunk]:
    step = max(WIDTH, int(RATE * seconds) * WIDTH)
    with path.open("rb") as handle:
        handle.seek(fmt.data_offset)
        for offset in range(0, fmt.data_size, step):
            audio = handle.read(min(step, fmt.data_size - offset))
            if not audio:
                return
            yield AudioChunk(audio, offset / (WIDTH * RATE))


def write_wav(path: str | Path, audio: bytes, rate: int = RATE) -> Path:
    """Save mono 16-bit PCM bytes as a WAV file (used for --save-audio and fixtures)."""
    import wave

    path = Path(path)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(WIDTH)
        out.setframerate(rate)
        out.writeframes(audio)
    return path
