"""Recorded conversations for the hands-free loop: espeak-ng lines placed at set times
over a noise floor, with where each line's speech really starts and ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from speech import add_floor, noise, synthesize
from voice.audio.chunks import RATE
from voice.audio.wavfile import write_wav
from voice.audio.resample import to_pcm16


@dataclass(frozen=True)
class Spoken:
    """One line in a conversation and where its speech is."""

    text: str
    start: float
    """Seconds into the recording where the first speech sample is."""
    end: float
    """Seconds into the recording where the last speech sample is."""


def speech_extent(samples, threshold: float = 0.01) -> tuple[float, float]:
    """First and last sample louder than `threshold`, in seconds."""
    import numpy as np

    loud = np.flatnonzero(np.abs(samples) > threshold)
    return (loud[0] / RATE, (loud[-1] + 1) / RATE) if len(loud) else (0.0, 0.0)


class Conversation:
    """Build a recording line by line; `say` returns where the speech landed."""

    def __init__(self, voice: str = "en-us", background_dbfs: float = -50.0, seed: int = 0):
        self.voice, self.background_dbfs, self.seed = voice, background_dbfs, seed
        self.lines: list[tuple[float, object]] = []
        self.spoken: list[Spoken] = []

    def say(self, text: str, at: float) -> Spoken:
        """Put `text` so that its speech starts at about `at` seconds."""
        samples = synthesize(text, self.voice)
        first, last = speech_extent(samples)
        offset = max(0.0, at - first)
        self.lines.append((offset, samples))
        spoken = Spoken(text, offset + first, offset + last)
        self.spoken.append(spoken)
        return spoken

    def samples(self, seconds: float):
        """The whole recording, `seconds` long, with pink background noise and a floor."""
        mix = noise(seconds, self.background_dbfs, "pink", self.seed)
        for offset, samples in self.lines:
            start = int(offset * RATE)
            mix[start:start + len(samples)] += samples[:len(mix) - start]
        return add_floor(mix, self.seed)

    def write(self, path: Path, seconds: float) -> Path:
        """Save the recording as a 16 kHz WAV."""
        return write_wav(path, to_pcm16(self.samples(seconds)))
