"""Test helpers: synthetic signals, WAV writers for any encoding, espeak-ng speech."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voice.audio.chunks import RATE

from voice.audio.wavfile import read_wav

GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


def tone(seconds: float, freq: float = 440.0, dbfs: float = -6.0, rate: int = RATE) -> np.ndarray:
    """A sine wave as float samples in -1..1 with its peak at `dbfs`."""
    t = np.arange(int(seconds * rate)) / rate
    return (10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def noise(seconds: float, dbfs: float, seed: int = 0, rate: int = RATE) -> np.ndarray:
    """Gaussian white noise with its RMS at `dbfs`."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(int(seconds * rate)) * 10 ** (dbfs / 20)).astype(np.float32)


def pcm16(signal: np.ndarray) -> bytes:
    return np.clip(np.round(signal * 32767), -32768, 32767).astype("<i2").tobytes()


def from_pcm16(audio: bytes) -> np.ndarray:
    return np.frombuffer(audio, dtype="<i2").astype(np.float32) / 32768.0


def _encode(samples: np.ndarray, width: int, is_float: bool) -> bytes:
    if is_float:
        return samples.astype("<f4").tobytes()
    if width == 1:
        return np.clip(np.round(samples * 127 + 128), 0, 255).astype(np.uint8).tobytes()
    scale = float(1 << (8 * width - 1)) - 1
    ints = np.round(samples.astype(np.float64) * scale).astype("<i4")
    if width == 4:
        return ints.tobytes()
    if width == 2:
        return ints.astype("<i2").tobytes()
    return np.frombuffer(ints.tobytes(), np.uint8).reshape(-1, 4)[:, :3].tobytes()


def write_any_wav(path: Path, samples: np.ndarray, rate: int, width: int = 2,
                  is_float: bool = False, extensible: bool = False) -> Path:
    """Write (frames, channels) or (frames,) float samples in the given encoding."""
    samples = samples.reshape(len(samples), -1)
    channels = samples.shape[1]
    data = _encode(samples.reshape(-1), width, is_float)
    tag = 3 if is_float else 1
    block = width * channels
    fmt = struct.pack("<HHIIHH", 0xFFFE if extensible else tag, channels, rate, rate * block, block, 8 * width)
    if extensible:
        fmt += struct.pack("<HHI", 22, 8 * width, 0) + struct.pack("<H", tag) + GUID_TAIL
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def dominant_frequency(audio: bytes, rate: int = RATE) -> float:
    signal = from_pcm16(audio)
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    return float(np.argmax(spectrum) * rate / len(signal))


def rms_dbfs(audio: bytes) -> float:
    signal = from_pcm16(audio)
    return float(20 * np.log10(np.sqrt(np.mean(signal ** 2)) + 1e-12))


def need_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return found


def espeak(text: str, path: Path, voice: str = "en-us", speed: int = 160) -> bytes:
    """Synthesise `text` with the espeak-ng CLI; return it as 16 kHz mono 16-bit bytes."""
    need_tool("espeak-ng")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(path), text],
                   check=True, timeout=30, capture_output=True)
    return read_wav(path)


def with_floor(audio: bytes, seed: int = 1) -> bytes:
    """Add a -60 dBFS noise floor: exact digital silence is not what microphones give."""
    signal = from_pcm16(audio)
    floor = np.random.default_rng(seed).standard_normal(len(signal)) * 10 ** (-60 / 20)
    return pcm16(signal + floor.astype(np.float32))


def silence(seconds: float) -> bytes:
    return bytes(int(seconds * RATE) * 2)
