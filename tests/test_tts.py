"""Speech synthesis: real espeak-ng output, sentence splitting, and recovery from a bad engine."""

import array
import math
import shutil
import sys
import threading
import time
import wave

import pytest

from voice.errors import SpeechOutputError
from voice.tts.sentences import split_sentences
from voice.tts.synthesis import Speech, Synthesizer, TtsSettings

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed: sudo apt-get install espeak-ng")

REPLY = "Ask an honest, direct question about how they feel right now."


def rms(pcm: bytes) -> float:
    samples = array.array("h", pcm)
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def expected_seconds(text: str, rate_wpm: int) -> float:
    return len(text.split()) / rate_wpm * 60


def assert_plausible_speech(speech: Speech, text: str, rate_wpm: int) -> None:
    assert speech.text == text
    assert rms(speech.pcm) > 500, "synthesised audio is (nearly) silent"
    nominal = expected_seconds(text, rate_wpm)
    assert 0.5 * nominal < speech.duration < 2.0 * nominal


# --- real synthesis -------------------------------------------------------------


@needs_espeak
def test_pyttsx3_renders_audible_speech_of_plausible_duration():
    pytest.importorskip("pyttsx3", reason="pyttsx3 not installed: pip install pyttsx3")
    # No command-line fallback here, so the audio can only have come from pyttsx3.
    synth = Synthesizer(TtsSettings(rate=170), espeak="/nonexistent/espeak-ng", timeout=10)
    assert_plausible_speech(synth.synthesize(REPLY), REPLY, 170)
    synth.close()


@needs_espeak
def test_command_line_renders_audible_speech_of_plausible_duration():
    synth = Synthesizer(TtsSettings(rate=170), engine_factory=None)
    assert_plausible_speech(synth.synthesize(REPLY), REPLY, 170)


@needs_espeak
@pytest.mark.parametrize("use_pyttsx3", [True, False], ids=["pyttsx3", "cli"])
def test_rate_and_volume_settings_take_effect(use_pyttsx3):
    def render(**settings):
        factory = {} if use_pyttsx3 else {"engine_factory": None}
        synth = Synthesizer(TtsSettings(**settings), timeout=10, **factory)
        speech = synth.synthesize(REPLY)
        synth.close()
        return speech

    slow, fast = render(rate=120), render(rate=240)
    assert slow.duration > 1.5 * fast.duration
    assert rms(render(volume=0.2).pcm) < 0.5 * rms(render(volume=1.0).pcm)


@needs_espeak
def test_voices_lists_english_and_a_listed_voice_can_be_used():
    synth = Synthesizer(engine_factory=None)
    english = [v for v in synth.voices() if v.language.startswith("en")]
    assert english, "espeak-ng should offer English voices"
    speech = Synthesizer(TtsSettings(voice=english[0].id), engine_factory=None).synthesize("Hello there.")
    assert rms(speech.pcm) > 500


@needs_espeak
@pytest.mark.parametrize("use_pyttsx3", [True, False], ids=["pyttsx3", "cli"])
def test_unknown_voice_is_reported_not_ignored(use_pyttsx3):
    factory = {} if use_pyttsx3 else {"engine_factory": None}
    with pytest.raises(SpeechOutputError, match="check the voice setting"):
        Synthesizer(TtsSettings(voice="nosuchvoice"), timeout=10, **factory).synthesize("Hello.")


def test_resampling_keeps_duration():
    tone = array.array("h", (round(8000 * math.sin(i / 5)) for i in range(22050))).tobytes()
    speech = Speech(tone, 22050, "tone").at_rate(16000)
    assert speech.rate == 16000
    assert abs(speech.duration - 1.0) < 0.001
    assert abs(rms(speech.pcm) - rms(tone)) < 0.02 * rms(tone)


# --- sentence splitting ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Dr. Fran Walfish says listen. Then wait.", ["Dr. Fran Walfish says listen.", "Then wait."]),
        ('She said "stop." Then left.', ['She said "stop."', "Then left."]),
        ("Pick a time, e.g. Sunday. Keep it short.", ["Pick a time, e.g. Sunday.", "Keep it short."]),
        ("It costs 3.5 dollars. Ok", ["It costs 3.5 dollars.", "Ok"]),
        ("First line\nsecond line", ["First line", "second line"]),
        ("Really?! Yes…  Fine.", ["Really?!", "Yes…", "Fine."]),
        ("   ", []),
        ("no punctuation at all", ["no punctuation at all"]),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_split_sentences_cuts_long_sentences_at_a_comma():
    text = "When you both have time, " * 12 + "talk."
    pieces = split_sentences(text, max_chars=80)
    assert all(len(p) <= 80 for p in pieces)
    assert " ".join(pieces) == " ".join(text.split())
    assert all(p.endswith(",") for p in pieces[:-1])


# --- a misbehaving pyttsx3 engine -----------------------------------------------


def write_tone(path, seconds=0.5, rate=22050):
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(array.array("h", (round(9000 * math.sin(i / 4)) for i in range(int(seconds * rate)))).tobytes())


class FakeEngine:
    """Stands in for a pyttsx3 engine; `behaviour` decides what each runAndWait does."""

    def __init__(self, behaviour, release: threading.Event):
        self.behaviour, self.release, self.path = behaviour, release, None

    def setProperty(self, name, value):
        pass

    def connect(self, topic, callback):
        return callback

    def disconnect(self, token):
        pass

    def save_to_file(self, text, path):
        self.path = path

    def runAndWait(self):
        kind = self.behaviour.pop(0) if self.behaviour else "ok"
        if kind == "hang":
            self.release.wait()
        elif kind == "empty":
            write_tone(self.path, seconds=0)
        elif kind == "late":  # the real espeak driver writes after runAndWait returns
            threading.Timer(0.1, write_tone, [self.path]).start()
        else:
            write_tone(self.path)


@pytest.fixture
def fake_engines():
    """A factory for fake engines sharing one script of behaviours; counts the engines made."""
    release = threading.Event()
    made = []

    def factory_for(*behaviour):
        script = list(behaviour)

        def factory():
            made.append(FakeEngine(script, release))
            return made[-1]

        return factory

    yield factory_for, made
    release.set()  # let hung fake threads end


@needs_espeak
def test_hung_engine_is_abandoned_and_the_reply_still_spoken(fake_engines):
    factory_for, made = fake_engines
    synth = Synthesizer(engine_factory=factory_for("hang", "ok"), timeout=0.3, timeout_per_char=0)
    started = time.monotonic()
    speech = synth.synthesize(REPLY)
    assert time.monotonic() - started < 15, "a hung engine must not stall the reply (it would hang for ever)"
    assert_plausible_speech(speech, REPLY, 170)  # the command line stood in
    assert synth.synthesize("Next one.").duration == pytest.approx(0.5, abs=0.01)  # fake's tone
    assert len(made) == 2, "a fresh engine replaces the hung one"


@needs_espeak
def test_engine_that_keeps_hanging_is_given_up(fake_engines):
    factory_for, made = fake_engines
    synth = Synthesizer(engine_factory=factory_for("hang", "hang", "ok"), timeout=0.2, timeout_per_char=0, max_hangs=2)
    for _ in range(3):
        assert rms(synth.synthesize("Still talking.").pcm) > 500
    assert len(made) == 2


def test_empty_wav_is_retried(fake_engines):
    factory_for, made = fake_engines
    synth = Synthesizer(engine_factory=factory_for("empty", "ok"), espeak="/nonexistent/espeak-ng", timeout=2)
    assert synth.synthesize(REPLY).duration == pytest.approx(0.5, abs=0.01)
    assert len(made) == 1, "an empty file is a retry on the same engine, not a new engine"


def test_file_written_after_run_and_wait_returns_is_waited_for(fake_engines):
    factory_for, _ = fake_engines
    synth = Synthesizer(engine_factory=factory_for("late"), espeak="/nonexistent/espeak-ng", timeout=2)
    assert synth.synthesize(REPLY).duration == pytest.approx(0.5, abs=0.01)


@needs_espeak
def test_empty_twice_falls_back_to_command_line(fake_engines):
    factory_for, _ = fake_engines
    synth = Synthesizer(engine_factory=factory_for("empty", "empty"), timeout=2)
    assert_plausible_speech(synth.synthesize(REPLY), REPLY, 170)


def test_no_engine_at_all_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyttsx3", None)  # import pyttsx3 -> ImportError
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on PATH
    with pytest.raises(SpeechOutputError) as caught:
        Synthesizer().synthesize(REPLY)
    message = str(caught.value)
    assert "sudo apt-get install espeak-ng" in message and "pip install pyttsx3" in message
    assert "\n" not in message
    with pytest.raises(SpeechOutputError, match="apt-get install espeak-ng"):
        Synthesizer().voices()
