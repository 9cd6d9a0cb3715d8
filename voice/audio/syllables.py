"""Syllables and speaking time measured in the audio itself, for the practice pace check.

The recogniser's word count is a poor clock: slow speech makes it insert words in stretched
vowels, fast speech makes it merge them. Every syllable has one vowel nucleus, a peak of
loudness in the voice band, so counting those peaks gives the amount of speech whatever the
recogniser heard (the method of de Jong & Wempe, 2009, with a simpler voicing test). The
numbers go to `intents.practice.pace.pace_wpm` as plain data; `intents` never sees audio.
"""

from __future__ import annotations

import logging

import numpy as np

from intents.practice.pace import SpeechRhythm
from voice.audio.chunks import RATE
from voice.audio.resample import from_pcm16
from voice.errors import AudioInputError

log = logging.getLogger(__name__)

HOP = RATE // 100
"""10 ms between analysis frames, in samples."""
WINDOW = RATE // 40
"""25 ms analysis window, in samples."""
VOICE_BAND = (300.0, 3000.0)
"""Hz: where vowel energy lives; below is hum, above is hiss and fricatives."""
HISS_FROM = 4000.0
"""Hz: a frame with more energy above this than in the voice band is a fricative or noise."""
SMOOTH_FRAMES = 5
"""50 ms moving average over the loudness curve, so one vowel gives one peak."""
SPEECH_ABOVE_FLOOR = 10.0
"""dB above the quietest tenth of frames that counts as speech, for the speech span."""
NUCLEUS_ABOVE_FLOOR = 6.0
"""dB above the quietest tenth of frames a syllable peak must reach: unstressed syllables of
natural speech ("-ly", "to") are quiet, and a 50 ms average of steady noise moves far less."""
PEAK_WITHIN = 35.0
"""dB: nuclei quieter than the loudest by more than this are breaths or noise."""
MIN_DIP = 2.0
"""dB the loudness must fall between two peaks for them to be two syllables."""
MIN_GAP = 0.06
"""Seconds: no two syllables closer than this (about 16 a second, far faster than anyone speaks)."""


def measure_rhythm(pcm: bytes, rate: int = RATE) -> SpeechRhythm:
    """Syllable nuclei and speech span of one utterance of 16-bit mono PCM at `rate` Hz."""
    if rate != RATE:
        raise AudioInputError(f"audio at {rate} Hz; resample it to {RATE} Hz before measuring its pace")
    samples = from_pcm16(pcm)
    if len(samples) < WINDOW + 2 * HOP:
        return SpeechRhythm(0, 0.0)
    voice, hiss = _band_energies(np, samples)
    level = np.pad(10.0 * np.log10(voice + 1e-10), SMOOTH_FRAMES // 2, mode="edge")
    loudness = np.convolve(level, np.ones(SMOOTH_FRAMES) / SMOOTH_FRAMES, "valid")
    quiet = np.percentile(loudness, 10)
    speech = np.flatnonzero(loudness > quiet + SPEECH_ABOVE_FLOOR)
    if not len(speech):
        return SpeechRhythm(0, 0.0)
    span = (speech[-1] - speech[0] + 1) * HOP / RATE
    floor = max(quiet + NUCLEUS_ABOVE_FLOOR, float(loudness.max()) - PEAK_WITHIN)
    count = len(_nuclei(loudness, voice > hiss, floor))
    log.debug("rhythm: %d syllables over %.2f s of speech", count, span)
    return SpeechRhythm(count, round(float(span), 3))


def _band_energies(np, samples):
    """Per frame: energy in the voice band and in the hiss band."""
    frames = 1 + (len(samples) - WINDOW) // HOP
    index = np.arange(WINDOW)[None, :] + HOP * np.arange(frames)[:, None]
    power = np.abs(np.fft.rfft(samples[index] * np.hanning(WINDOW), axis=1)) ** 2
    freqs = np.fft.rfftfreq(WINDOW, 1.0 / RATE)
    voice = power[:, (freqs >= VOICE_BAND[0]) & (freqs < VOICE_BAND[1])].sum(axis=1)
    return voice, power[:, freqs >= HISS_FROM].sum(axis=1)


def _nuclei(loudness, voiced, floor: float) -> list[int]:
    """Frames of loudness peaks above `floor` in voiced frames, merging peaks without a real dip."""
    peaks: list[int] = []
    for j in range(1, len(loudness) - 1):
        if not (voiced[j] and loudness[j] > floor and loudness[j - 1] <= loudness[j] > loudness[j + 1]):
            continue
        if not peaks:
            peaks.append(j)
            continue
        last = peaks[-1]
        dip = min(loudness[last], loudness[j]) - loudness[last:j + 1].min()
        if dip >= MIN_DIP and (j - last) * HOP / RATE >= MIN_GAP:
            peaks.append(j)
        elif loudness[j] > loudness[last]:
            peaks[-1] = j
    return peaks
