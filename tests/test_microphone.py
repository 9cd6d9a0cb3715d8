"""The real microphone path without hardware (DESIGN §8).

PortAudio reads the ALSA configuration when sounddevice is imported, so every
device test runs a small probe in a subprocess whose HOME (for .asoundrc) and
XDG_RUNTIME_DIR (for PulseAudio) point into a temp folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from audio_fakes import dominant_frequency, espeak, pcm16, rms_dbfs, silence, tone, with_floor
from voice.audio import microphone
from voice.errors import AudioInputError

REPO = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys
from voice.errors import AudioInputError
from voice.audio.microphone import Microphone, find_device, list_devices
from voice.audio.chunks import chunk_audio
from voice.audio.endpoint import utterances
mode, device, seconds, out = sys.argv[1], sys.argv[2] or None, float(sys.argv[3]), sys.argv[4]

def say(**fields):
    print(json.dumps(fields), flush=True)

def record():
    audio = bytearray()
    with Microphone(device) as mic:
        say(event="reading", device=mic.device.name)
        for chunk in mic:
            audio += chunk.audio
            if len(audio) >= seconds * 32000:
                break
    open(out, "wb").write(audio)
    found = [(u.start, u.end) for u in utterances(chunk_audio(bytes(audio)))]
    say(event="done", bytes=len(audio), utterances=found)

try:
    if mode == "devices":
        say(event="devices", devices=[d.__dict__ for d in list_devices()])
    elif mode == "find":
        say(event="found", device=find_device(device).__dict__)
    else:
        record()
except AudioInputError as err:
    say(event="error", message=str(err))
"""


def probe_command(mode: str, device: str = "", seconds: float = 1.0, out: Path = Path(os.devnull)) -> list[str]:
    return [sys.executable, "-c", PROBE, mode, device, str(seconds), str(out)]


def run_probe(env: dict, *args, timeout: float = 60) -> list[dict]:
    done = subprocess.run(probe_command(*args), env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def private_env(tmp_path: Path) -> dict:
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir(exist_ok=True)
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PULSE")}
    return env | {"HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "PYTHONPATH": str(REPO)}


@pytest.fixture
def fake_mic(tmp_path):
    """An ALSA `file` plugin device that captures a raw file bit-exactly."""
    env = private_env(tmp_path)
    speech = with_floor(silence(0.5) + espeak("who said that", tmp_path / "q.wav") + silence(1.0))
    (tmp_path / "in.raw").write_bytes(speech)
    Path(env["HOME"], ".asoundrc").write_text(f"""
pcm.fakemic {{
    type file
    slave.pcm "null"
    file "/dev/null"
    infile "{tmp_path / 'in.raw'}"
    format "raw"
    hint {{ show on description "Fake microphone" }}
}}
""")
    return env, speech


def test_fake_alsa_microphone_is_bit_exact(fake_mic, tmp_path):
    env, speech = fake_mic
    seconds = len(speech) / 32000
    events = run_probe(env, "record", "fakemic", seconds, tmp_path / "out.raw")
    assert events[0] == {"event": "reading", "device": "fakemic"}
    assert (tmp_path / "out.raw").read_bytes()[: len(speech)] == speech
    assert len(events[-1]["utterances"]) == 1


def test_device_listing_and_lookup(fake_mic):
    env, _ = fake_mic
    devices = run_probe(env, "devices")[0]["devices"]
    mic = next(d for d in devices if d["name"] == "fakemic")
    assert mic["inputs"] > 0 and isinstance(mic["index"], int)
    for key in ("FAKEMIC", "fake", str(mic["index"])):
        assert run_probe(env, "find", key)[0]["device"]["name"] == "fakemic"


def test_unknown_device_name_lists_what_exists(fake_mic):
    env, _ = fake_mic
    event = run_probe(env, "find", "USB Blue Yeti")[0]
    assert event["event"] == "error"
    assert "'USB Blue Yeti'" in event["message"] and "fakemic" in event["message"]
    assert "openup devices" in event["message"]


def test_no_sound_devices_at_all(tmp_path):
    events = run_probe(private_env(tmp_path), "record", "", 1.0)
    assert events == [{"event": "error",
                       "message": "no input device found; plug one in, or use a recording: "
                                  "openup listen --input FILE.wav --output replies.wav"}]


class Pulse:
    """A private PulseAudio daemon: a null sink whose monitor is the default source."""

    def __init__(self, tmp_path: Path) -> None:
        self.env = private_env(tmp_path)
        self.process = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--system=false", "--exit-idle-time=-1",
             "--disable-shm=yes", "--log-target=stderr",
             "-L", "module-native-protocol-unix",
             "-L", "module-null-sink sink_name=fake rate=16000 channels=1",
             "-L", "module-always-sink"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            ready = subprocess.run(["pactl", "set-default-source", "fake.monitor"], env=self.env,
                                   capture_output=True, timeout=10)
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("private PulseAudio daemon did not start")

    def play(self, wav: Path) -> subprocess.Popen:
        return subprocess.Popen(["paplay", "--device=fake", str(wav)], env=self.env)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def pulse(tmp_path):
    for tool in ("pulseaudio", "pactl", "paplay"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} missing: apt-get install pulseaudio pulseaudio-utils libasound2-plugins")
    daemon = Pulse(tmp_path)
    yield daemon
    daemon.stop()


def test_pulseaudio_loopback_hears_speech(pulse, tmp_path):
    wav = tmp_path / "question.wav"
    espeak("how do I get my partner to open up", wav)
    reader = subprocess.Popen(probe_command("record", "pulse", 4.0, tmp_path / "out.raw"),
                              env=pulse.env, stdout=subprocess.PIPE, text=True)
    assert json.loads(reader.stdout.readline())["event"] == "reading"
    pulse.play(wav).wait(timeout=30)
    events = [json.loads(line) for line in reader.stdout]
    assert reader.wait(timeout=30) == 0
    utterances = events[-1]["utterances"]
    assert len(utterances) == 1, events
    start, end = utterances[0]
    assert 1.5 < end - start < 4.0
    assert rms_dbfs((tmp_path / "out.raw").read_bytes()) > -40


def test_unplugged_mid_stream_is_one_clear_error(pulse, tmp_path):
    reader = subprocess.Popen(probe_command("record", "pulse", 30.0), env=pulse.env,
                              stdout=subprocess.PIPE, text=True)
    assert json.loads(reader.stdout.readline())["event"] == "reading"
    time.sleep(0.5)
    pulse.process.send_signal(signal.SIGKILL)  # the sound server vanishes, like a pulled USB plug
    started = time.monotonic()
    events = [json.loads(line) for line in reader.stdout]
    assert reader.wait(timeout=30) == 0
    assert events[-1]["event"] == "error"
    assert "stopped sending audio" in events[-1]["message"]
    assert time.monotonic() - started < 20  # bounded: the probe would otherwise read for its full 30 s


# -- Fallback to the device's own rate, with a fake at the sounddevice boundary --

class FakePortAudioError(Exception):
    pass


class FakeStream:
    """Refuses 16 kHz like many USB microphones; at 48 kHz delivers a 440 Hz tone."""

    def __init__(self, samplerate, blocksize, device, channels, dtype, callback):
        if samplerate != 48000:
            raise FakePortAudioError("Invalid sample rate")
        self.blocksize, self.callback = blocksize, callback
        self.signal = pcm16(tone(1.0, 440, -6, 48000))

    def start(self):
        for offset in range(0, len(self.signal), 2 * self.blocksize):
            self.callback(self.signal[offset: offset + 2 * self.blocksize], self.blocksize, None, None)

    def stop(self):
        pass

    def close(self):
        pass


class FakeSoundDevice:
    PortAudioError = FakePortAudioError
    RawInputStream = FakeStream


def test_device_that_refuses_16k_is_resampled(monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", FakeSoundDevice)
    device = microphone.Device(3, "USB mic", 1, 0, True, False, 48000.0)
    audio = b""
    with microphone.Microphone(device, stall=0.2) as mic:
        with pytest.raises(AudioInputError, match="stopped sending audio"):
            for chunk in mic:
                audio += chunk.audio
    assert abs(len(audio) / 2 - 16000) <= 2
    assert abs(dominant_frequency(audio) - 440) < 3
    assert abs(rms_dbfs(audio) - (-9.0)) < 0.3



def test_sounddevice_missing_gives_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(AudioInputError, match="pip install sounddevice"):
        microphone.list_devices()


def test_listen_forever_reopens_after_a_failure(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "sounddevice", FakeSoundDevice)
    device = microphone.Device(3, "USB mic", 1, 0, True, False, 48000.0)
    monkeypatch.setattr(microphone, "find_device", lambda name, kind: device)
    monkeypatch.setattr(microphone.Microphone.__init__, "__defaults__", (None, 0.1, 0.05))
    waits = []
    chunks = []
    for chunk in microphone.listen_forever("USB", retry=3.0, wait=waits.append):
        chunks.append(chunk)
        if len(chunks) == 25:  # each fake stream gives 10 chunks, then stalls
            break
    assert waits == [3.0, 3.0]
    assert "stopped sending audio" in caplog.text and "retrying in 3 s" in caplog.text
    assert [round(c.timestamp, 2) for c in chunks] == [round(0.1 * i, 2) for i in range(25)]
