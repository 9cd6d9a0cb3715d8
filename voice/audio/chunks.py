"""Audio as plain data: 16 kHz mono 16-bit chunks, whatever the source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
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


def read_wav(path: str | Path) -> bytes:
    """Whole WAV file as 16 kHz mono 16-bit PCM bytes, converted from any rate,
    channel count, 8/16/24/32-bit integer or 32/64-bit float encoding.

    Raises AudioInputError (one line: file, problem, fix) for a missing file, a
    file that is not WAV, an empty/zero-frame WAV or an unsupported encoding.
    """
    from voice.audio import wavfile

    fmt = wavfile.read_format(path)
    if fmt.is_native:
        return wavfile.read_samples(Path(path), fmt)
    return b"".join(wavfile.converted_blocks(path, fmt))


def wav_chunks(path: str | Path, seconds: float = 0.1) -> Iterator[AudioChunk]:
    """Stream a WAV file as AudioChunks of `seconds` (timestamps from 0), converting
    as it goes: constant memory even for hours of audio.

    File errors (AudioInputError) are raised by this call, before iteration
    starts, so callers can report them up front.
    """
    from voice.audio import wavfile

    fmt = wavfile.read_format(path)
    return rechunk(wavfile.converted_blocks(path, fmt, seconds=max(seconds, 1.0)), seconds)


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


_MICROPHONE_NAMES = ("Microphone", "Device", "list_devices", "find_device")


def __getattr__(name: str):
    """`from voice.audio.chunks import Microphone` works too; sounddevice still loads lazily."""
    if name in _MICROPHONE_NAMES:
        from voice.audio import microphone

        return getattr(microphone, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
