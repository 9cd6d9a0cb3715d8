"""Input no recognizer can be derailed by: digital silence is dithered, absurd WAV headers refused."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from audio_fakes import pcm16, rms_dbfs, tone, write_any_wav
from voice.audio import wavfile
from voice.audio.chunks import AudioChunk
from voice.audio.wavfile import read_wav, wav_chunks
from voice.audio.dither import DITHER_DBFS, Dither
from voice.errors import AudioInputError


def test_dither_turns_digital_silence_into_a_faint_floor():
    out = np.frombuffer(Dither()(bytes(32000)), dtype="<i2")
    assert np.count_nonzero(out) > 0.9 * len(out)
    assert abs(rms_dbfs(out.tobytes()) - DITHER_DBFS) < 1.0


def test_dither_is_repeatable_and_leaves_speech_alone():
    speech = pcm16(tone(0.5, 300, -12))
    assert Dither()(speech) == Dither()(speech)  # the same audio always decodes the same way
    diff = np.frombuffer(Dither()(speech), "<i2").astype(int) - np.frombuffer(speech, "<i2")
    assert np.abs(diff).max() < 80 and rms_dbfs(speech) - rms_dbfs(pcm16(diff / 32768)) > 50


class _SpyDecoder:
    def __init__(self):
        self.fed = b""

    def start_utt(self): pass
    def end_utt(self): pass
    def reinit_feat(self): pass
    def hyp(self): return None
    def n_frames(self): return 0

    def process_raw(self, audio, no_search, full):
        self.fed += audio


def test_pocketsphinx_never_receives_exact_zeros():
    from voice.asr.sphinx_engine import SphinxRecognizer

    recognizer = SphinxRecognizer()
    recognizer._decoder = spy = _SpyDecoder()
    recognizer._warm = True  # one streamed pass, so the spy sees each byte once
    recognizer.accept(AudioChunk(bytes(3200)))
    fed = np.frombuffer(spy.fed, dtype="<i2")
    assert len(fed) == 1600 and np.count_nonzero(fed) > 1400


def test_wake_phrase_after_a_second_of_zeros_is_heard():
    from tests.speech import PIPER, SpeechUnavailable, synthesize
    from voice.asr.lm.domain import CONTROL_PHRASES, build_domain_lm
    from voice.asr.sphinx_engine import SphinxRecognizer
    from voice.audio.chunks import chunk_audio
    from voice.audio.endpoint import utterances

    try:
        speech = synthesize("hey coach", PIPER)
    except SpeechUnavailable as exc:
        pytest.skip(str(exc))
    zeros = np.zeros(16000, np.float32)
    audio = pcm16(np.concatenate([zeros, speech, zeros]))
    recognizer = SphinxRecognizer(build_domain_lm([*CONTROL_PHRASES, "hey coach"], None))
    heard = []
    for utterance in utterances(chunk_audio(audio)):
        for chunk in utterance.chunks():
            recognizer.accept(chunk)
        heard.append(recognizer.final().text)
    assert heard == ["hey coach"]


def _with_header(tmp_path, rate: int, channels: int = 1):
    path = write_any_wav(tmp_path / "h.wav", tone(0.2), 16000)
    raw = bytearray(path.read_bytes())
    raw[22:24] = struct.pack("<H", channels)
    raw[24:28] = struct.pack("<I", rate)
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("rate,channels", [(4_294_967_295, 1), (1, 1), (3_999, 1), (384_001, 1), (16000, 33)])
def test_absurd_headers_are_refused_in_one_line_at_once(tmp_path, rate, channels):
    path = _with_header(tmp_path, rate, channels)
    with pytest.raises(AudioInputError, match=r"claims .* Hz .*damaged") as caught:
        wav_chunks(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    with pytest.raises(AudioInputError):
        read_wav(path)


@pytest.mark.parametrize("rate", [4_000, 384_000])
def test_rates_at_the_bounds_are_read(tmp_path, rate):
    path = write_any_wav(tmp_path / "b.wav", tone(0.1, 440, -6, rate), rate)
    assert abs(len(read_wav(path)) / 2 - 1600) <= 4  # 0.1 s at 16 kHz


def test_recordings_longer_than_the_cap_are_refused(tmp_path, monkeypatch):
    path = write_any_wav(tmp_path / "long.wav", tone(2.0), 16000)
    read_wav(path)
    monkeypatch.setattr(wavfile, "MAX_SECONDS", 1.5)
    with pytest.raises(AudioInputError, match="minutes long.*trim"):
        read_wav(path)
