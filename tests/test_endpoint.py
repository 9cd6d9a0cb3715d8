"""Endpointing on synthesised speech, noise and long silence."""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np
import pytest

from audio_fakes import espeak, from_pcm16, noise, pcm16, rms_dbfs, silence, tone, with_floor
from voice.audio.chunks import RATE, AudioChunk, chunk_audio
from voice.audio.endpoint import EndpointConfig, Endpointer, Utterance, frame_dbfs, utterances

BYTES_PER_SECOND = 2 * RATE


def trim(audio: bytes) -> bytes:
    """Cut espeak's own leading/trailing silence so the test controls the gaps."""
    samples = np.abs(from_pcm16(audio))
    loud = np.nonzero(samples > 0.01)[0]
    return audio[2 * loud[0]: 2 * (loud[-1] + 1)]


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speech")
    return {name: trim(espeak(text, folder / f"{name}.wav"))
            for name, text in [("tip", "how do I get my partner to open up"),
                               ("quote", "who said that")]}


def pink(seconds: float, dbfs: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    count = int(seconds * RATE)
    spectrum = np.fft.rfft(rng.standard_normal(count))
    spectrum[1:] /= np.sqrt(np.arange(1, len(spectrum)))
    signal = np.fft.irfft(spectrum, count)
    return (signal / np.sqrt(np.mean(signal ** 2)) * 10 ** (dbfs / 20)).astype(np.float32)


def spans(found: list[Utterance]) -> list[tuple[float, float]]:
    return [(round(u.start, 2), round(u.end, 2)) for u in found]


def test_two_questions_with_silence_between(speech):
    a, b = speech["tip"], speech["quote"]
    stream = with_floor(silence(1.0) + a + silence(1.5) + b + silence(2.0))
    found = list(utterances(chunk_audio(stream)))
    assert len(found) == 2, spans(found)
    true_starts = [1.0, 2.5 + len(a) / BYTES_PER_SECOND]
    true_ends = [1.0 + len(a) / BYTES_PER_SECOND, true_starts[1] + len(b) / BYTES_PER_SECOND]
    for utt, start, end in zip(found, true_starts, true_ends):
        assert start - 0.4 <= utt.start <= start, "pre-roll keeps ~0.3 s before speech"
        assert end <= utt.end <= end + 0.8, "ends after the configured silence"
        offset = round(utt.start * RATE) * 2
        assert utt.audio == stream[offset: offset + len(utt.audio)]
        assert not utt.truncated


@pytest.mark.parametrize("name,signal", [
    ("noise floor -60 dBFS", noise(8, -60)),
    ("white noise -30 dBFS", noise(8, -30)),
    ("white noise -10 dBFS", noise(8, -10, seed=2)),
    ("pink noise -20 dBFS", pink(8, -20)),
    ("mains hum", tone(8, 50, -12) + noise(8, -50)),
    ("clipped noise", np.clip(noise(8, 0, seed=3) * 3, -1, 1)),
])
def test_noise_without_speech_yields_nothing(name, signal):
    assert list(utterances(chunk_audio(pcm16(signal)))) == []


def test_speech_in_pink_noise_at_10_db(speech):
    a, b = speech["tip"], speech["quote"]
    clean = from_pcm16(silence(1.0) + a + silence(1.5) + b + silence(1.5))
    level = rms_dbfs(a) - 10
    noisy = pcm16(clean + pink(len(clean) / RATE + 1, level, seed=4)[: len(clean)])
    assert len(list(utterances(chunk_audio(noisy)))) == 2


def test_short_pause_inside_a_question_does_not_split_it(speech):
    stream = with_floor(silence(0.5) + speech["tip"] + silence(0.4) + speech["quote"] + silence(1))
    assert len(list(utterances(chunk_audio(stream)))) == 1
    shorter = EndpointConfig(silence=0.2)
    assert len(list(utterances(chunk_audio(stream), shorter))) == 2


def test_max_length_cuts_long_speech(speech):
    stream = with_floor(speech["tip"] * 3 + silence(1))
    config = EndpointConfig(max_length=2.0)
    found = list(utterances(chunk_audio(stream), config))
    assert len(found) >= 3
    assert found[0].truncated and found[0].duration <= 2.0 + 0.03
    assert sum(u.duration for u in found) >= 0.9 * len(stream) / BYTES_PER_SECOND - 1


def test_speech_from_first_to_last_sample(speech):
    found = list(utterances(chunk_audio(speech["tip"])))
    assert len(found) == 1
    assert found[0].start == 0.0
    assert found[0].end == pytest.approx(len(speech["tip"]) / BYTES_PER_SECOND, abs=0.001)


def test_chunk_size_does_not_matter(speech):
    stream = with_floor(silence(0.7) + speech["quote"] + silence(1.0))
    small = spans(list(utterances(chunk_audio(stream, 0.01))))
    odd = spans(list(utterances(chunk_audio(stream, 0.37))))
    assert small == odd and len(small) == 1


def test_timestamps_follow_the_stream_clock(speech):
    stream = with_floor(silence(1.0) + speech["quote"] + silence(1.0))
    base = spans(list(utterances(chunk_audio(stream))))
    later = spans(list(utterances(chunk_audio(stream, start=5.0))))
    assert len(base) == 1
    assert [t + 5.0 for t in base[0]] == pytest.approx(list(later[0]), abs=0.011)


def test_click_is_not_speech():
    click = with_floor(silence(1) + pcm16(noise(0.06, -6)) + silence(1))
    assert list(utterances(chunk_audio(click))) == []


def test_in_speech_while_talking(speech):
    endpointer = Endpointer()
    states = []
    for chunk in chunk_audio(with_floor(silence(1.0) + speech["tip"] + silence(1.0))):
        endpointer.push(chunk)
        states.append(endpointer.in_speech)
    assert not states[0] and any(states) and not states[-1]


def test_ten_minutes_of_silence_streams_in_constant_memory():
    floor = with_floor(silence(1.0))

    def stream():
        for second in range(600):
            for chunk in chunk_audio(floor, 0.1, start=float(second)):
                yield AudioChunk(bytes(chunk.audio), chunk.timestamp)

    tracemalloc.start()
    found = list(utterances(stream()))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == []
    assert peak < 2_000_000, f"peak {peak} bytes for a 19 MB stream"


def test_frame_level():
    assert frame_dbfs(bytes(960)) == float("-inf")
    assert frame_dbfs(pcm16(tone(0.03, 1000, -6))) == pytest.approx(-9.0, abs=0.2)


def test_without_webrtcvad_loudness_still_finds_speech(speech, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "webrtcvad", None)
    stream = with_floor(silence(1.0) + speech["tip"] + silence(1.5) + speech["quote"] + silence(1.0))
    assert len(list(utterances(chunk_audio(stream)))) == 2
    assert "pip install webrtcvad-wheels" in caplog.text
