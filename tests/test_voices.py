"""Voices: choosing one, the device check, pyttsx3 fallback, and natural voices heard by a reference recognizer."""

import array
import logging
import math
import os
import shutil
import subprocess
import sys
import wave

import pytest

from tests.hearing import transcribe_wav, word_error_rate
from voice.settings import SPEAKING_RATE
from voice.tts import voices
from voice.tts.neural import HEART, JOE, NeuralSynthesizer, speed_for
from voice.tts.synthesis import Speech, Synthesizer, TtsSettings

QUESTION = "how do I get him to talk"
WORD_ERROR_LIMIT = {"heart": 0.10, "joe": 0.15}
"""Whisper tiny.en's misheard share of the printed reply. Joe's own renderings vary run to run
(Piper's noise is not seedable): of one 29-word reply whisper heard 2 to 4 words wrong
("talked" as "talk", "want" as "one"), 0.07-0.14; heart gets 0.00-0.03 (bench/voices.py: 0.7%)."""
MEMORY_LIMIT_MB = 450
"""DESIGN/issue 14: the assistant with a natural voice stays within this resident size."""

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")


def needs(voice):
    return pytest.mark.skipif(not voices.installed(voice), reason=f"{voice.name} not installed: {voice.install}")


class FakeEngine:
    """A neural engine that records what it was asked to say and returns a steady tone."""

    rate = 24000

    def __init__(self):
        self.said = []

    def render(self, text, speed):
        import numpy as np

        self.said.append((text, speed))
        return np.full(int(self.rate * len(text.split()) * 0.3 / speed), 0.5, dtype=np.float32)


class FakeFallback:
    def __init__(self, settings):
        self.settings, self.said = settings, []

    def synthesize(self, text):
        self.said.append(text)
        return Speech(b"\x01\x00" * 100, 22050, text)

    def close(self):
        pass


def peak(pcm: bytes) -> int:
    return max(abs(s) for s in array.array("h", pcm))


# --- choosing a voice ---------------------------------------------------------


def test_natural_voice_needs_more_than_a_gigabyte():
    assert not voices.natural_voice_allowed(ram=512 << 20)
    assert not voices.natural_voice_allowed(ram=1 << 30)
    assert voices.natural_voice_allowed(ram=2 << 30) == voices.installed(HEART)


def test_natural_voice_needs_the_package(monkeypatch):
    monkeypatch.setattr(voices.importlib.util, "find_spec", lambda name: None if name == "hibari" else object())
    assert not voices.natural_voice_allowed(ram=8 << 30)
    assert voices.default_voice() == "espeak"


@pytest.mark.parametrize("name, kind, voice", [
    ("heart", NeuralSynthesizer, "heart"), ("JOE", NeuralSynthesizer, "joe"),
    ("espeak", Synthesizer, None), ("gmw/en-us", Synthesizer, "gmw/en-us"),
])
def test_voice_names_pick_an_engine(name, kind, voice):
    synthesizer = voices.open_synthesizer(TtsSettings(voice=name), warm=False)
    try:
        assert isinstance(synthesizer, kind)
        assert (synthesizer.voice.name if kind is NeuralSynthesizer else synthesizer.settings.voice) == voice
    finally:
        synthesizer.close()


def test_default_is_pyttsx3_on_a_small_device(monkeypatch):
    monkeypatch.setattr(voices, "natural_voice_allowed", lambda *args: False)
    synthesizer = voices.open_synthesizer(TtsSettings(), warm=False)
    assert isinstance(synthesizer, Synthesizer) and synthesizer.settings.voice is None


@needs(HEART)
def test_default_on_this_machine_is_a_natural_voice():
    assert voices.default_voice() == "heart"
    listed = {v.name: v for v in voices.list_voices()}
    assert listed["heart"].default and listed["heart"].available and listed["heart"].sex == "female"
    assert listed["joe"].engine == "piper" and listed["espeak"].engine.startswith("pyttsx3")


def test_importing_the_voices_loads_no_model():
    code = ("import sys, voice.cli.parser, voice.tts.voices, voice.tts.neural;"
            "print(sorted(m for m in ('onnxruntime', 'hibari', 'piper', 'pyttsx3', 'faster_whisper') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


# --- the same speech for every voice ------------------------------------------


class ListeningSpeaker:
    needs_audio = True

    def __init__(self):
        self.heard = []

    def play(self, speech, cancel=None):
        self.heard.append(speech.text)
        return True

    def finish(self):
        pass


def care_reply_speech() -> str:
    from content.catalog import load_catalog
    from intents.dialogue import Session
    from intents.matcher import Matcher

    catalog = load_catalog()
    return Session(catalog, Matcher.from_catalog(catalog), region="US").hear("he hit me").speech


def test_spoken_reply_reaches_the_engine_unchanged_sentence_by_sentence():
    """Reply.speech spells phone numbers out; the TTS path only cuts it into sentences."""
    from voice.tts.mouth import Mouth

    speech, engine, speaker = care_reply_speech(), FakeEngine(), ListeningSpeaker()
    assert "nine one one" in speech
    Mouth(NeuralSynthesizer(HEART, engine_factory=lambda: engine), speaker).say(speech)
    said = [text for text, _ in engine.said]
    assert len(said) > 2 and said == speaker.heard
    assert " ".join(said).split() == speech.split()
    assert engine.said[0][1] == speed_for(HEART, SPEAKING_RATE)


def test_rate_and_volume_apply_to_natural_voices():
    def render(rate, volume):
        return NeuralSynthesizer(HEART, TtsSettings(rate, volume), engine_factory=FakeEngine).synthesize("One two three four.")

    slow, fast = render(120, 1.0), render(240, 1.0)
    assert slow.duration > 1.8 * fast.duration
    assert peak(render(170, 0.5).pcm) == pytest.approx(peak(render(170, 1.0).pcm) / 2, rel=0.01)
    assert speed_for(JOE, 500) == 2.0 and speed_for(JOE, 40) == 0.5


def test_a_voice_that_cannot_load_falls_back_with_one_line(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "hibari", None)  # import hibari now raises ImportError
    synthesizer = NeuralSynthesizer(HEART, TtsSettings(voice="heart"), fallback=FakeFallback)
    synthesizer.warm_up()
    with caplog.at_level(logging.WARNING):
        first, second = synthesizer.synthesize("Hello."), synthesizer.synthesize("Again.")
    assert [first.text, second.text] == ["Hello.", "Again."] and synthesizer.name == "espeak"
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "heart" in warnings[0] and "pyttsx3" in warnings[0], warnings


def test_fallback_gets_the_same_rate_and_volume_without_the_natural_name(monkeypatch):
    monkeypatch.setitem(sys.modules, "piper", None)
    synthesizer = NeuralSynthesizer(JOE, TtsSettings(150, 0.7, "joe"), fallback=FakeFallback)
    synthesizer.synthesize("Hello.")
    assert synthesizer._fallback.settings == TtsSettings(150, 0.7, None)


# --- real voices, end to end (about 20 s together) ----------------------------

_RSS = """
import sys
from voice.cli.parser import main
code = main(sys.argv[1:])
# VmHWM, not ru_maxrss: on Linux that also counts the parent's size at fork (here, pytest's)
try:
    rss = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
except OSError:  # not Linux
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RSS_MB", rss, file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture(scope="module")
def renderings(tmp_path_factory):
    """`openup ask --out` for each voice, run side by side: {voice: (wav, printed reply, peak RSS MB)}."""
    folder = tmp_path_factory.mktemp("voices")
    jobs = {}
    for voice in ("heart", "joe", "espeak", "default"):
        flags = [] if voice == "default" else ["--voice", voice]
        command = [sys.executable, "-c", _RSS, "ask", *flags, "--out", str(folder / f"{voice}.wav"), QUESTION]
        jobs[voice] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       env={**os.environ, "HF_HUB_OFFLINE": "1"})
    found = {}
    for voice, job in jobs.items():
        out, err = job.communicate(timeout=180)
        assert job.returncode == 0, err
        rss = float(err.split("RSS_MB")[-1])
        found[voice] = (folder / f"{voice}.wav", out.strip(), rss)
    return found


def wav_stats(path):
    with wave.open(str(path), "rb") as wav:
        pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
    samples = array.array("h", pcm)
    return len(samples) / rate, math.sqrt(sum(s * s for s in samples) / max(1, len(samples))), pcm


@pytest.mark.slow
@pytest.mark.parametrize("voice", [pytest.param("heart", marks=needs(HEART)), pytest.param("joe", marks=needs(JOE))])
def test_natural_voice_renders_speech_a_listener_understands(renderings, voice):
    path, reply, rss = renderings[voice]
    seconds, level, _ = wav_stats(path)
    assert seconds > 1.0 and level > 300, f"{voice}: {seconds:.1f} s at RMS {level:.0f}"
    heard = transcribe_wav(path)
    assert word_error_rate(reply, heard) <= WORD_ERROR_LIMIT[voice], f"{voice} heard as: {heard!r}"
    assert rss <= MEMORY_LIMIT_MB, f"{voice}: {rss:.0f} MB"


@pytest.mark.slow
@needs(HEART)
@needs_espeak
def test_default_voice_differs_from_espeak_which_also_speaks(renderings):
    default_seconds, default_level, default_pcm = wav_stats(renderings["default"][0])
    espeak_seconds, espeak_level, espeak_pcm = wav_stats(renderings["espeak"][0])
    assert espeak_seconds > 1.0 and espeak_level > 300
    assert default_seconds > 1.0 and default_level > 300
    assert default_pcm[: len(espeak_pcm)] != espeak_pcm[: len(default_pcm)]
    assert renderings["espeak"][2] <= 150, "pyttsx3-only assistant over its small-profile budget"


@needs_espeak
def test_ask_with_a_voice_that_cannot_load_still_speaks_and_says_why_once(tmp_path):
    code = ("import sys; sys.modules['hibari'] = None; from voice.cli.parser import main;"
            f"sys.exit(main(['ask', '--voice', 'heart', '--out', {str(tmp_path / 'r.wav')!r}, {QUESTION!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "heart cannot load" in lines[0] and "pyttsx3" in lines[0], result.stderr
    seconds, level, _ = wav_stats(tmp_path / "r.wav")
    assert seconds > 1.0 and level > 300
