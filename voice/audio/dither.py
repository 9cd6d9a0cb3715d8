"""A faint noise floor added before every recognizer, so digital silence never reaches one.

A recording whose pauses are exact zeros (a muted microphone, an editor's "generate
silence", a gate in a USB interface) gives frames of -inf log energy: pocketsphinx's
cepstral normalisation and a neural model's log-mel features both jump at the edge of
such a pause ("hey coach" after 1 s of zeros was once heard as "no"). Real microphones
never produce it, so we add what they would: Gaussian noise at DITHER_DBFS, seeded, so the
same audio always decodes the same way.
"""

from __future__ import annotations

DITHER_DBFS = -70.0
"""RMS level of the added noise, dB full scale (about 10 of 32768 steps): 10 dB under the
-60 dBFS floor our synthetic test speech carries, 20 dB under the endpointer's -50 dBFS
speech gate, so it never counts as speech and is inaudible next to any real room."""


class Dither:
    """Adds the noise floor to 16-bit mono PCM, one stream at a time (keeps its own generator)."""

    def __init__(self, seed: int = 0, dbfs: float = DITHER_DBFS) -> None:
        import numpy as np

        self._rng = np.random.default_rng(seed)
        self._sigma = 32768.0 * 10 ** (dbfs / 20)

    def __call__(self, audio: bytes) -> bytes:
        """The same samples plus the noise floor, clipped to 16 bits."""
        import numpy as np

        samples = np.frombuffer(audio[: len(audio) // 2 * 2], dtype="<i2").astype(np.float32)
        noisy = samples + self._rng.normal(0.0, self._sigma, len(samples)).astype(np.float32)
        return np.clip(np.round(noisy), -32768, 32767).astype("<i2").tobytes()
