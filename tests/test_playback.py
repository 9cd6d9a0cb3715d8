"""Playback: WAV rendering, the earcon, stop() on a fake stream, device errors, and a real
PulseAudio null sink whose monitor is recorded to hear what sounddevice played."""

import array
import json
import math
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import types
import wave

import pytest

from voice.errors import SpeechOutputError
from voice.tts.mouth import Mouth
from voice.tts.speakers import NullSpeaker, SoundDeviceSpeaker, WavSpeaker, earcon, open_speaker
from voice.tts.synthesis import Speech, Synthesizer

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed: sudo apt-get install espeak-ng")


def samples(pcm: bytes) -> array.array:
    return array.array("h", pcm)


def crossings_per_second(pcm: bytes, rate: int) -> float:
    values = samples(pcm)
    flips = sum(1 for a, b in zip(values, values[1:]) if (a < 0) != (b < 0))
    return flips / 2 / (len(values) / rate)


def tone(seconds: float, rate: int = 22050, frequency: float = 440.0, text: str = "tone") -> Speech:
    values = (round(10000 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(int(seconds * rate)))
    return Speech(array.array("h", values).tobytes(), rate, text)


class LevelSynthesizer:
    """Sentence n becomes `seconds` of constant level 1000*n, so order can be read back."""

    def __init__(self, seconds: float = 0.2):
        self.seconds, self.said = seconds, []

    def synthesize(self, text: str) -> Speech:
        self.said.append(text)
        level = 1000 * len(self.said)
        return Speech(array.array("h", [level] * int(self.seconds * 16000)).tobytes(), 16000, text)


# --- WAV output, earcon, null ---------------------------------------------------


def test_wav_speaker_writes_every_sentence_in_order(tmp_path):
    synth = LevelSynthesizer()
    with WavSpeaker(tmp_path / "reply.wav", rate=16000) as speaker:
        assert Mouth(synth, speaker).say("One. Two! Three?")
    with wave.open(str(tmp_path / "reply.wav")) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 16000)
        values = samples(wav.readframes(wav.getnframes()))
    assert synth.said == ["One.", "Two!", "Three?"]
    levels = [values[i] for i in range(0, len(values), 3200)]
    assert levels == [1000, 2000, 3000]


@needs_espeak
def test_wav_speaker_holds_the_whole_synthesised_reply(tmp_path):
    synth = Synthesizer(engine_factory=None)
    reply = "Pick a calm moment. Ask how they feel. Then listen."
    parts = [synth.synthesize(s) for s in ("Pick a calm moment.", "Ask how they feel.", "Then listen.")]
    with WavSpeaker(tmp_path / "reply.wav") as speaker:
        Mouth(synth, speaker).say(reply)
    with wave.open(str(tmp_path / "reply.wav")) as wav:
        assert wav.getnframes() * 2 == sum(len(p.pcm) for p in parts)


def test_wav_speaker_pads_to_a_time_and_resamples(tmp_path):
    with WavSpeaker(tmp_path / "out.wav", rate=16000) as speaker:
        speaker.pad_to(1.5)
        speaker.play(tone(1.0, rate=22050))
        assert speaker.position == pytest.approx(2.5, abs=0.001)
    with wave.open(str(tmp_path / "out.wav")) as wav:
        values = samples(wav.readframes(wav.getnframes()))
    assert not any(values[:24000]) and max(values[24000:]) > 9000


def test_wav_speaker_unwritable_path_is_a_clear_error(tmp_path):
    with pytest.raises(SpeechOutputError, match="choose another --out"):
        WavSpeaker(tmp_path / "missing-folder" / "reply.wav")


def test_earcon_is_short_soft_click_free_and_rising():
    chime = earcon(rate=16000, volume=0.3)
    values = samples(chime.pcm)
    assert 0.1 < chime.duration < 0.3
    assert 0.25 * 32767 < max(values) <= 0.3 * 32767
    assert abs(values[0]) < 200 and abs(values[-1]) < 200  # fades in and out: no click
    half = len(chime.pcm) // 2
    first, second = crossings_per_second(chime.pcm[:half], 16000), crossings_per_second(chime.pcm[half:], 16000)
    assert first == pytest.approx(660, rel=0.05) and second == pytest.approx(880, rel=0.05)


def test_open_speaker_follows_the_flags(tmp_path):
    assert type(open_speaker(quiet=True)) is NullSpeaker
    with open_speaker(out=tmp_path / "r.wav") as speaker:
        assert isinstance(speaker, WavSpeaker)


def test_next_sentence_is_synthesised_while_the_first_plays():
    second_started, overlapped = threading.Event(), []

    class Synth:
        def synthesize(self, text):
            if text == "Two.":
                second_started.set()
            return tone(0.01, text=text)

    class Recorder(NullSpeaker):
        needs_audio = True

        def play(self, speech, cancel=None):
            if speech.text == "One.":
                overlapped.append(second_started.wait(timeout=2))
            return True

    assert Mouth(Synth(), Recorder()).say("One. Two.")
    assert overlapped == [True]


def test_quiet_needs_no_speech_engine(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert Mouth(Synthesizer(), open_speaker(quiet=True)).say("Hello. Again.")


def test_mouth_reports_a_missing_engine_instead_of_hanging(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with WavSpeaker(tmp_path / "reply.wav") as speaker, pytest.raises(SpeechOutputError, match="apt-get install espeak-ng"):
        Mouth(Synthesizer(), speaker).say("Hello. Again.")


# --- sounddevice, faked ---------------------------------------------------------


class FakeStream:
    """Blocks in write() for as long as the audio lasts, like a real device."""

    def __init__(self, samplerate, device=None, channels=None, dtype=None, latency=None, fail=False):
        self.samplerate, self.device, self.fail = samplerate, device, fail
        self.written, self.aborted, self.closed = bytearray(), False, False

    def start(self):
        pass

    def write(self, data):
        if self.fail:
            raise self.error("Stream is stopped (device unplugged)")
        time.sleep(len(data) / 2 / self.samplerate)
        self.written += data

    def stop(self):
        pass

    def abort(self):
        self.aborted = True

    def close(self):
        self.closed = True


def fake_sounddevice(monkeypatch, devices=None, refuse=(), fail=False):
    """Install a fake `sounddevice` module; returns the list of streams it opened."""
    if devices is None:
        devices = [{"name": "Fake USB speaker", "index": 0, "max_output_channels": 2, "default_samplerate": 48000.0}]
    module, streams = types.ModuleType("sounddevice"), []

    class PortAudioError(Exception):
        pass

    def query_devices(device=None, kind=None):
        outputs = [d for d in devices if d["max_output_channels"] > 0]
        if kind is None:
            return devices
        matches = [d for d in outputs if device in (None, d["index"]) or str(device) in d["name"]]
        if not matches:
            raise PortAudioError("Error querying device -1") if device is None else ValueError(f"No output device matching {device!r}")
        return matches[0]

    def open_stream(samplerate, **kwargs):
        if samplerate in refuse:
            raise PortAudioError("Invalid sample rate")
        streams.append(FakeStream(samplerate, fail=fail, **kwargs))
        streams[-1].error = PortAudioError
        return streams[-1]

    module.PortAudioError, module.query_devices, module.RawOutputStream = PortAudioError, query_devices, open_stream
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    return streams


def play_in_background(target, *args):
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("result", target(*args)))
    thread.start()
    return thread, outcome


def test_stop_cuts_playback_within_a_few_blocks(monkeypatch):
    streams = fake_sounddevice(monkeypatch)
    speaker = SoundDeviceSpeaker(block_seconds=0.02)
    thread, outcome = play_in_background(speaker.play, tone(5.0, rate=48000))
    time.sleep(0.3)
    asked = len(streams[0].written)
    speaker.stop()
    thread.join(timeout=2)
    # measured in audio written after stop(), not on the wall clock: the same on a busy machine
    assert (len(streams[0].written) - asked) / 2 / 48000 < 0.15
    assert outcome["result"] is False
    assert streams[0].aborted, "queued audio must be dropped, not drained"
    assert len(streams[0].written) / 2 / 48000 < 0.5


def test_mouth_stop_skips_the_remaining_sentences(monkeypatch):
    streams = fake_sounddevice(monkeypatch)
    synth = LevelSynthesizer(seconds=1.0)
    mouth = Mouth(synth, SoundDeviceSpeaker())
    thread, outcome = play_in_background(mouth.say, "One. Two. Three. Four.")
    time.sleep(0.3)
    assert mouth.speaking
    mouth.stop()
    thread.join(timeout=2)
    assert outcome["result"] is False and not mouth.speaking
    assert sum(len(s.written) for s in streams) / 2 / 48000 < 0.6


def test_refused_sample_rate_falls_back_to_the_device_rate(monkeypatch):
    streams = fake_sounddevice(monkeypatch, refuse=(22050,))
    speaker = SoundDeviceSpeaker()
    assert speaker.play(tone(0.1, rate=22050))
    assert streams[0].samplerate == 48000 and len(streams[0].written) == 2 * 4800


def test_device_chosen_by_name_or_index(monkeypatch):
    devices = [
        {"name": "HDMI", "index": 0, "max_output_channels": 2, "default_samplerate": 48000.0},
        {"name": "USB mic", "index": 1, "max_output_channels": 0, "default_samplerate": 16000.0},
        {"name": "USB speaker", "index": 2, "max_output_channels": 2, "default_samplerate": 44100.0},
    ]
    streams = fake_sounddevice(monkeypatch, devices=devices)
    SoundDeviceSpeaker("USB").play(tone(0.02))
    SoundDeviceSpeaker("2").play(tone(0.02))
    assert [s.device for s in streams] == [2, 2]
    with pytest.raises(SpeechOutputError, match="outputs: HDMI, USB speaker"):
        SoundDeviceSpeaker("Bluetooth")


def test_no_sound_card_suggests_quiet_or_out(monkeypatch):
    fake_sounddevice(monkeypatch, devices=[])
    with pytest.raises(SpeechOutputError) as caught:
        SoundDeviceSpeaker()
    assert "--quiet" in str(caught.value) and "--out reply.wav" in str(caught.value)


def test_unplugged_device_mid_reply_is_a_clear_error(monkeypatch):
    fake_sounddevice(monkeypatch, fail=True)
    with pytest.raises(SpeechOutputError, match="check the speaker"):
        SoundDeviceSpeaker().play(tone(0.2))


def test_missing_sounddevice_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(SpeechOutputError, match="pip install sounddevice"):
        SoundDeviceSpeaker()


def test_real_sounddevice_unknown_device_is_a_clear_error():
    pytest.importorskip("sounddevice", reason="sounddevice/PortAudio not installed")
    with pytest.raises(SpeechOutputError, match="no-such-speaker-xyz"):
        SoundDeviceSpeaker("no-such-speaker-xyz")


# --- a real device: PulseAudio null sink, its monitor recorded with parecord -----

SINK_RATE = 16000
PLAYER = textwrap.dedent(
    """
    import array, json, math, sys, threading, time
    from voice.tts.mouth import Mouth
    from voice.tts.speakers import SoundDeviceSpeaker
    from voice.tts.synthesis import Speech, Synthesizer

    scenario = sys.argv[1]
    speaker = SoundDeviceSpeaker("pulse")
    if scenario == "speech":
        synth = Synthesizer(engine_factory=None)
        text = "Ask how they feel. Then listen."
        seconds = sum(synth.synthesize(s).duration for s in ("Ask how they feel.", "Then listen."))
        print(json.dumps({"done": Mouth(synth, speaker).say(text), "seconds": seconds}))
    else:
        wave_ = (round(12000 * math.sin(2 * math.pi * 440 * i / 22050)) for i in range(int(22050 * float(scenario))))
        speech = Speech(array.array("h", wave_).tobytes(), 22050, "tone")
        if scenario == "4.0":
            threading.Timer(0.5, speaker.stop).start()
        done = speaker.play(speech)
        speaker.finish()
        print(json.dumps({"done": done, "seconds": float(scenario)}))
    """
)


@pytest.fixture(scope="module")
def pulse(tmp_path_factory):
    """A private PulseAudio daemon with a null sink; yields the environment that reaches it."""
    if not all(shutil.which(tool) for tool in ("pulseaudio", "parecord", "pactl", "pacat")):
        pytest.skip("PulseAudio not installed: sudo apt-get install pulseaudio pulseaudio-utils libasound2-plugins alsa-utils")
    root = tmp_path_factory.mktemp("pulse")
    for folder in ("home", "run"):
        (root / folder).mkdir(mode=0o700)
    env = dict(os.environ, HOME=str(root / "home"), XDG_RUNTIME_DIR=str(root / "run"), PYTHONPATH=os.getcwd())
    modules = ["module-native-protocol-unix", f"module-null-sink sink_name=openup_sink rate={SINK_RATE} channels=1", "module-always-sink"]
    command = ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "--log-target=stderr"]
    daemon = subprocess.Popen(command + [arg for m in modules for arg in ("-L", m)], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
        if time.monotonic() > deadline or daemon.poll() is not None:
            daemon.kill()
            pytest.fail("private PulseAudio daemon did not start")
        time.sleep(0.1)
    # An idle null sink runs on a 2 s latency and stalls a new stream's first writes for
    # ~1.9 s; one low-latency client playing silence keeps it ticking in real time, from
    # its next tick on (when the reported latency drops).
    raw = [f"--rate={SINK_RATE}", "--channels=1", "--format=s16le", "--raw"]
    keepalive = subprocess.Popen(["pacat", "--playback", *raw, "--latency-msec=10", "-d", "openup_sink", "/dev/zero"], env=env)
    deadline = time.monotonic() + 5
    while sink_latency(env) > 0.05 and time.monotonic() < deadline:
        time.sleep(0.05)
    yield env
    for process in (keepalive, daemon):
        process.terminate()
        process.wait(timeout=5)


def sink_latency(env) -> float:
    """The null sink's current latency in seconds, from `pactl list sinks`."""
    listing = subprocess.run(["pactl", "list", "sinks"], env=env, capture_output=True, text=True).stdout
    found = re.search(r"Latency: (\d+) usec", listing)
    return int(found.group(1)) / 1e6 if found else math.inf


def play_and_record(env, scenario: str) -> tuple[dict, bytes]:
    """Run the player in its own process (PortAudio scans devices once, at import) while
    parecord captures the sink's monitor; returns the player's report and the capture.

    The capture is bounded by the sink's own clock (seconds of audio received), not by
    sleeps on the wall clock, so a busy machine cannot cut the reply's end off it."""
    recorder = subprocess.Popen(
        ["parecord", "--raw", "-d", "openup_sink.monitor", f"--rate={SINK_RATE}", "--channels=1", "--format=s16le"],
        env=env, stdout=subprocess.PIPE,
    )
    captured = bytearray()
    reader = threading.Thread(target=lambda: [captured.extend(b) for b in iter(lambda: recorder.stdout.read1(4096), b"")],
                              daemon=True)
    reader.start()
    wait_for_capture(captured, 0.3)
    played = subprocess.run([sys.executable, "-c", PLAYER, scenario], env=env, capture_output=True, text=True, timeout=60)
    wait_for_capture(captured, len(captured) / 2 / SINK_RATE + 0.3, quiet_tail=0.5)
    recorder.terminate()
    recorder.wait(timeout=5)
    reader.join(timeout=5)
    assert played.returncode == 0, played.stderr
    return json.loads(played.stdout), bytes(captured)


def wait_for_capture(captured: bytearray, seconds: float, quiet_tail: float = 0.0, limit: float = 15.0) -> None:
    """Until `seconds` of audio have been captured and the last `quiet_tail` of it is silent."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        have = len(captured) // 2
        tail = bytes(captured[2 * max(0, have - int(quiet_tail * SINK_RATE)):2 * have])
        if have >= seconds * SINK_RATE and active_seconds(tail) == 0.0:
            return
        time.sleep(0.05)


def active_seconds(pcm: bytes, rate: int = SINK_RATE, frame: float = 0.01, threshold: float = 300) -> float:
    """Time from the first to the last 10 ms frame louder than threshold (RMS)."""
    values, step = samples(pcm), int(rate * frame)
    loud = [i for i in range(0, len(values) - step, step) if math.sqrt(sum(v * v for v in values[i : i + step]) / step) > threshold]
    return (loud[-1] - loud[0] + step) / rate if loud else 0.0


def test_tone_played_through_pulseaudio_is_heard_on_the_monitor(pulse):
    report, captured = play_and_record(pulse, "1.0")
    assert report["done"] is True
    # once and whole: a repeat would sound 2 s, a cut one much less; a busy machine's underruns
    # stretch it by a few tenths
    assert active_seconds(captured) == pytest.approx(1.0, abs=0.45)
    values = samples(captured)
    loudest = max(range(0, len(values) - 1600, 1600), key=lambda i: sum(abs(v) for v in values[i : i + 1600]))
    assert crossings_per_second(captured[2 * loudest : 2 * (loudest + 1600)], SINK_RATE) == pytest.approx(440, rel=0.05)


def test_stop_cuts_real_playback_early(pulse):
    report, captured = play_and_record(pulse, "4.0")
    assert report["done"] is False
    assert 0.4 < active_seconds(captured) < 0.7  # stopped 0.5 s into a 4 s tone


@needs_espeak
def test_synthesised_reply_plays_through_pulseaudio(pulse):
    report, captured = play_and_record(pulse, "speech")
    assert report["done"] is True
    # Speech has quiet stretches at both ends, so the loud span is a bit shorter.
    assert 0.6 * report["seconds"] < active_seconds(captured) <= report["seconds"] + 0.2
