"""Sample conversions, all in one place: float <-> 16-bit PCM, and sample-rate conversion.

`Resampler` streams to 16 kHz, block by block, in constant memory.

Used for WAV files of other rates and for microphones that refuse 16 kHz. A
Hann-windowed sinc low-pass (overlap-save across blocks) removes what 16 kHz
cannot carry, then linear interpolation picks the new samples, carrying its
phase from one block to the next so block size never changes the result.
"""

from __future__ import annotations

import numpy as np

from voice.audio.chunks import RATE


def lowpass_kernel(source_rate: int):
    """FIR taps cutting just below 8 kHz at source_rate (about 8 taps per rate ratio)."""
    ratio = source_rate / RATE
    half = int(4 * ratio) + 1
    taps = np.arange(-half, half + 1, dtype=np.float64)
    cutoff = 0.45 / ratio  # cycles per source sample
    kernel = 2 * cutoff * np.sinc(2 * cutoff * taps) * np.hanning(len(taps))
    return (kernel / kernel.sum()).astype(np.float32)


class Resampler:
    """Feed float32 mono blocks at source_rate; get float32 blocks at RATE."""

    def __init__(self, source_rate: int) -> None:
        self.step = source_rate / RATE
        self.kernel = lowpass_kernel(source_rate) if source_rate > RATE else None
        self.history = np.zeros(0 if self.kernel is None else len(self.kernel) - 1, np.float32)
        self.position = 0.0  # next output sample, in source samples from the next block's start
        self.previous = None  # last filtered sample of the previous block

    def __call__(self, block):
        if self.kernel is not None:
            extended = np.concatenate([self.history, block])
            self.history = extended[len(extended) - len(self.history):]
            block = np.convolve(extended, self.kernel, mode="valid")
        if len(block) == 0:
            return block
        first = block[0] if self.previous is None else self.previous
        padded = np.concatenate([[first], block])
        positions = np.arange(self.position, len(block) - 1 + 1e-9, self.step)
        self.position = (positions[-1] if len(positions) else self.position - self.step) + self.step - len(block)
        self.previous = block[-1]
        index = np.floor(positions).astype(np.int64) + 1
        fraction = (positions + 1 - index).astype(np.float32)
        following = padded[np.minimum(index + 1, len(padded) - 1)]
        return (padded[index] * (1 - fraction) + following * fraction).astype(np.float32)


def to_pcm16(signal) -> bytes:
    """Float samples in -1..1 -> 16-bit little-endian bytes, clipped."""
    scaled = np.clip(np.round(np.asarray(signal) * 32768.0), -32768, 32767)
    return scaled.astype("<i2").tobytes()


def from_pcm16(pcm: bytes):
    """16-bit little-endian bytes -> float32 samples in -1..1."""
    return np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0


def resample_pcm(pcm: bytes, source: int, target: int) -> bytes:
    """Linear-interpolation resampling of a whole 16-bit mono clip (plenty for speech playback)."""
    if source == target or not pcm:
        return pcm
    samples = from_pcm16(pcm)
    positions = np.arange(round(len(samples) * target / source)) * (source / target)
    return to_pcm16(np.interp(positions, np.arange(len(samples)), samples))
