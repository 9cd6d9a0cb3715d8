"""Reading any PCM/float WAV file and converting it to 16 kHz mono 16-bit; writing one.

The stdlib `wave` module (Python 3.11) rejects WAVE_FORMAT_EXTENSIBLE and float
files, which sox and many recorders write for 24/32-bit audio, so the RIFF
chunks are parsed here. Every problem a user can cause becomes AudioInputError
with one line naming the file and what to do.
"""

from __future__ import annotations

import logging
import struct
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

import numpy as np

from voice.audio.chunks import RATE, WIDTH, AudioChunk, rechunk
from voice.audio.resample import Resampler, to_pcm16
from voice.errors import AudioInputError

log = logging.getLogger(__name__)

PCM = 1
FLOAT = 3
EXTENSIBLE = 0xFFFE
_FIX = "convert it with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav"
MIN_RATE, MAX_RATE = 4_000, 384_000
"""Sample rates we accept, in Hertz: telephone 8 kHz down to 4 kHz, studio 384 kHz up.
A header outside them is broken or hostile: a 200 KB file claiming 4,294,967,295 Hz took
28 s to resample, and one claiming 1 Hz would have run 27 minutes."""
MAX_CHANNELS = 32
"""More channels than any recorder we know writes (WAVE_FORMAT_EXTENSIBLE allows 65535)."""
MAX_SECONDS = 30 * 60.0
"""Longest recording accepted, in seconds: a conversation, not an archive."""


@dataclass(frozen=True)
class WavFormat:
    """Where the samples of a WAV file are and how they are encoded."""

    encoding: int
    """1 = integer PCM, 3 = IEEE float."""
    channels: int
    rate: int
    """Samples per second per channel, in Hertz."""
    width: int
    """Bytes per sample of one channel."""
    data_offset: int
    """Byte offset of the first sample in the file."""
    data_size: int
    """Bytes of sample data actually present (whole frames only)."""

    @property
    def frames(self) -> int:
        """Samples per channel."""
        return self.data_size // (self.width * self.channels)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.rate

    @property
    def is_native(self) -> bool:
        """True when the samples are already 16 kHz mono 16-bit PCM."""
        return (self.encoding, self.channels, self.rate, self.width) == (PCM, 1, RATE, WIDTH)


def _bad(path: Path, what: str) -> AudioInputError:
    return AudioInputError(f"{path}: {what}")


def _read_chunks(handle: BinaryIO, path: Path, file_size: int) -> Iterator[tuple[bytes, int, int]]:
    """Yield (chunk id, offset of its body, declared size) for each RIFF chunk."""
    header = handle.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        raise _bad(path, "not a WAV file (no RIFF/WAVE header); record or export it as WAV")
    offset = 12
    while offset + 8 <= file_size:
        handle.seek(offset)
        chunk_id, size = struct.unpack("<4sI", handle.read(8))
        yield chunk_id, offset + 8, size
        offset += 8 + size + (size & 1)


def _parse_fmt(body: bytes, path: Path) -> tuple[int, int, int, int]:
    if len(body) < 16:
        raise _bad(path, "broken WAV header (fmt chunk too short); re-export the recording")
    encoding, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
    if encoding == EXTENSIBLE and len(body) >= 26:
        encoding = struct.unpack("<H", body[24:26])[0]
    width = (bits + 7) // 8
    supported = (encoding == PCM and width in (1, 2, 3, 4)) or (encoding == FLOAT and width in (4, 8))
    if not supported or channels < 1 or rate < 1:
        raise _bad(path, f"unsupported WAV encoding (format {encoding}, {bits}-bit, "
                         f"{channels} channels, {rate} Hz); {_FIX}")
    if not MIN_RATE <= rate <= MAX_RATE or channels > MAX_CHANNELS:
        raise _bad(path, f"WAV header claims {rate} Hz and {channels} channels (we take "
                         f"{MIN_RATE}-{MAX_RATE} Hz, up to {MAX_CHANNELS} channels); "
                         f"the file is damaged or not a recording; {_FIX}")
    return encoding, channels, rate, width


def read_format(path: str | Path) -> WavFormat:
    """Parse the header of a WAV file; raise AudioInputError if it is unusable."""
    path = Path(path)
    if path.is_dir():
        raise _bad(path, "is a folder, not an audio file; give a WAV file")
    if path.exists() and not path.is_file():
        raise _bad(path, "is a device or pipe, not an audio file; give a WAV file")
    if not path.is_file():
        raise _bad(path, "no such audio file; check the path")
    try:
        return _parse(path)
    except OSError as err:
        raise _bad(path, f"cannot read audio file ({err.strerror}); check its permissions") from err


def _parse(path: Path) -> WavFormat:
    file_size = path.stat().st_size
    fmt = data = None
    with path.open("rb") as handle:
        for chunk_id, body_offset, size in _read_chunks(handle, path, file_size):
            if chunk_id == b"fmt ":
                handle.seek(body_offset)
                fmt = _parse_fmt(handle.read(min(size, 64)), path)
            elif chunk_id == b"data":
                # Streamed WAVs often declare 0 or 0xFFFFFFFF: trust the file size.
                data = (body_offset, min(size, file_size - body_offset) or file_size - body_offset)
                break
    if fmt is None or data is None:
        raise _bad(path, "WAV file has no fmt or data chunk (empty or truncated); record it again")
    encoding, channels, rate, width = fmt
    frame_bytes = width * channels
    whole = data[1] // frame_bytes * frame_bytes
    if whole == 0:
        raise _bad(path, "WAV file contains no audio (zero frames); record it again")
    found = WavFormat(encoding, channels, rate, width, data[0], whole)
    if found.duration > MAX_SECONDS:
        raise _bad(path, f"recording is {found.duration / 60:.0f} minutes long; we take up to "
                         f"{MAX_SECONDS / 60:.0f} (cut it with: sox IN.wav OUT.wav trim 0 30:00)")
    return found


def _to_float(raw: bytes, fmt: WavFormat):
    """Samples as float32 in -1..1, shape (frames, channels)."""
    if fmt.encoding == FLOAT:
        samples = np.frombuffer(raw, dtype="<f4" if fmt.width == 4 else "<f8").astype(np.float32)
    elif fmt.width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif fmt.width == 3:
        bytes3 = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = bytes3[:, 0] | (bytes3[:, 1] << 8) | (bytes3[:, 2] << 16)
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        samples = ints.astype(np.float32) / float(1 << 23)
    else:
        dtype, scale = ("<i2", 32768.0) if fmt.width == 2 else ("<i4", 2147483648.0)
        samples = np.frombuffer(raw, dtype=dtype).astype(np.float32) / scale
    return samples.reshape(-1, fmt.channels)


def converted_blocks(path: str | Path, fmt: WavFormat, seconds: float = 5.0) -> Iterator[bytes]:
    """The file's audio as 16 kHz mono 16-bit bytes, `seconds` of source at a time
    (constant memory, whatever the file's length or encoding)."""
    convert = None if fmt.is_native else _converter(fmt)
    frame_bytes = fmt.width * fmt.channels
    step = max(1, int(fmt.rate * seconds)) * frame_bytes
    with Path(path).open("rb") as handle:
        handle.seek(fmt.data_offset)
        for offset in range(0, fmt.data_size, step):
            raw = handle.read(min(step, fmt.data_size - offset))
            raw = raw[: len(raw) // frame_bytes * frame_bytes]
            if not raw:
                return
            yield convert(raw) if convert else raw


def _converter(fmt: WavFormat):
    """A function turning raw blocks of this format into 16 kHz mono 16-bit bytes."""
    resample = Resampler(fmt.rate) if fmt.rate != RATE else None
    log.debug("converting %d Hz x%d %d-byte audio to 16 kHz mono", fmt.rate, fmt.channels, fmt.width)

    def convert(raw: bytes) -> bytes:
        mono = _to_float(raw, fmt).mean(axis=1)
        return to_pcm16(resample(mono) if resample else mono)

    return convert


def read_samples(path: Path, fmt: WavFormat) -> bytes:
    """All raw sample bytes of a parsed WAV file."""
    with path.open("rb") as handle:
        handle.seek(fmt.data_offset)
        return handle.read(fmt.data_size)


# -- whole files and streams ------------------------------------------------------------


def read_wav(path: str | Path) -> bytes:
    """Whole WAV file as 16 kHz mono 16-bit PCM bytes, converted from any rate,
    channel count, 8/16/24/32-bit integer or 32/64-bit float encoding.

    Raises AudioInputError (one line: file, problem, fix) for a missing file, a
    file that is not WAV, an empty/zero-frame WAV or an unsupported encoding.
    """
    fmt = read_format(path)
    if fmt.is_native:
        return read_samples(Path(path), fmt)
    return b"".join(converted_blocks(path, fmt))


def wav_chunks(path: str | Path, seconds: float = 0.1) -> Iterator[AudioChunk]:
    """Stream a WAV file as AudioChunks of `seconds` (timestamps from 0), converting
    as it goes: constant memory even for hours of audio.

    File errors (AudioInputError) are raised by this call, before iteration
    starts, so callers can report them up front.
    """
    fmt = read_format(path)
    return rechunk(converted_blocks(path, fmt, seconds=max(seconds, 1.0)), seconds)


def write_wav(path: str | Path, audio: bytes, rate: int = RATE) -> Path:
    """Save mono 16-bit PCM bytes as a WAV file (used for --save-audio and fixtures)."""
    path = Path(path)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(WIDTH)
        out.setframerate(rate)
        out.writeframes(audio)
    return path
