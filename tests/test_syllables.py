"""Syllable nuclei and speech span measured in audio (voice/audio/syllables.py)."""

import shutil
import subprocess
import wave

import numpy as np
import pytest

from voice.errors import AudioInputError
from intents.practice.pace import SpeechRhythm
from voice.audio.syllables import measure_rhythm
from voice.audio.resample import to_pcm16

RATE = 16000


def vowel(seconds, pitch=140.0):
    """A voiced, vowel-like burst: harmonics of `pitch` up to 3 kHz under a smooth rise and fall."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * pitch * k * t) / k for k in range(1, int(3000 / pitch)))
    return (0.3 * tone / np.abs(tone).max() * np.hanning(len(t))).astype(np.float32)


def utterance(count, vowel_s=0.18, gap_s=0.08, lead_s=0.5):
    """`count` syllables with short gaps, inside silence with a little hiss."""
    parts = [np.zeros(int(lead_s * RATE), np.float32)]
    for _ in range(count):
        parts += [vowel(vowel_s), np.zeros(int(gap_s * RATE), np.float32)]
    parts.append(np.zeros(int(lead_s * RATE), np.float32))
    signal = np.concatenate(parts)
    hiss = np.random.default_rng(0).standard_normal(len(signal)).astype(np.float32) * 1e-3
    return signal + hiss


@pytest.mark.parametrize("count", [3, 7, 12])
def test_counts_one_nucleus_per_syllable(count):
    assert measure_rhythm(to_pcm16(utterance(count))).syllables == count


@pytest.mark.parametrize("vowel_s, gap_s", [(0.1, 0.04), (0.18, 0.08), (0.4, 0.2)])
def test_count_does_not_depend_on_speed(vowel_s, gap_s):
    assert measure_rhythm(to_pcm16(utterance(6, vowel_s, gap_s))).syllables == 6


def test_speech_span_leaves_out_the_silence_around_it():
    count, vowel_s, gap_s = 5, 0.2, 0.1
    spoken = count * vowel_s + (count - 1) * gap_s
    span = measure_rhythm(to_pcm16(utterance(count, vowel_s, gap_s))).speech_seconds
    assert spoken * 0.85 < span < spoken * 1.05


def test_hiss_and_silence_are_not_syllables():
    noise = np.random.default_rng(1).standard_normal(RATE).astype(np.float32) * 0.1
    assert measure_rhythm(to_pcm16(noise)).syllables == 0
    assert measure_rhythm(bytes(RATE * 2)) == SpeechRhythm(0, 0.0)
    assert measure_rhythm(b"\x01") == SpeechRhythm(0, 0.0)


def test_other_sample_rates_are_refused_with_a_fix():
    with pytest.raises(AudioInputError, match="resample"):
        measure_rhythm(to_pcm16(utterance(3)), rate=8000)


@pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("sox")),
                    reason="needs espeak-ng and sox (apt-get install espeak-ng sox)")
def test_synthetic_speech_syllables(tmp_path):
    """'i have been feeling really lonely lately' has 11 syllables, at a slow and a fast rate."""
    text = "i have been feeling really lonely lately"
    for rate in (90, 220):
        raw, wav = tmp_path / "raw.wav", tmp_path / "16k.wav"
        subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(raw), text], check=True, timeout=30)
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(wav)], check=True, timeout=30)
        with wave.open(str(wav)) as handle:
            rhythm = measure_rhythm(handle.readframes(handle.getnframes()))
        assert 10 <= rhythm.syllables <= 12, rate
