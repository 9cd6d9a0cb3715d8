"""Outputs never destroy inputs, and are never left half-written (issue 13, items 1, 5, 6)."""

import os
import subprocess
import sys
import wave

import pytest

from voice.audio.wavfile import write_wav
from voice.errors import SpeechOutputError, VoiceError
from voice.files import AtomicOutput, refuse_overwriting, same_file
from voice.settings import Settings
from voice.tts.speakers import WavSpeaker
from voice.tts.synthesis import Speech


def openup(*args, stdin="", env=None, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=cwd)


@pytest.fixture
def recording(tmp_path):
    path = write_wav(tmp_path / "v.wav", bytes(16000 * 2))  # one second of silence
    return path, path.read_bytes()


@pytest.mark.parametrize("argv", [
    ["listen", "--input", "v.wav", "--output", "v.wav"],
    ["listen", "--input", "v.wav", "--output", "out.wav", "--events", "v.wav"],
    ["listen", "--input", "v.wav", "--output", "./sub/../v.wav"],
    ["listen", "--input", "v.wav", "--output", "same.wav", "--events", "same.wav"],
    ["ask", "--audio", "v.wav", "--out", "v.wav"],
    ["practice", "--input", "v.wav", "--out", "v.wav"],
])
def test_an_output_naming_the_input_is_refused_and_the_input_kept(tmp_path, recording, argv):
    path, before = recording
    (tmp_path / "sub").mkdir()
    result = openup(*argv, cwd=tmp_path, env={"PYTHONPATH": os.pathsep.join(sys.path)})
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "same file" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub", "v.wav"]


def test_a_hard_link_or_symlink_to_the_input_is_the_same_file(tmp_path, recording):
    path, _ = recording
    os.link(path, tmp_path / "hard.wav")
    (tmp_path / "soft.wav").symlink_to(path)
    assert same_file(path, tmp_path / "hard.wav") and same_file(path, tmp_path / "soft.wav")
    assert not same_file(path, tmp_path / "other.wav")
    with pytest.raises(VoiceError, match="--output"):
        refuse_overwriting({"--input": path}, {"--output": tmp_path / "hard.wav"})


def test_a_failing_events_path_does_not_truncate_an_existing_output(tmp_path, recording):
    from voice.loop.replay import run_recording

    path, _ = recording
    old = write_wav(tmp_path / "replies.wav", b"\x01\x02" * 800)
    before = old.read_bytes()
    with pytest.raises(VoiceError, match="--events"):
        run_recording(path, old, tmp_path / "missing" / "events.jsonl", Settings(),
                      loop=object(), synthesizer=object())
    assert old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["replies.wav", "v.wav"]


def test_wav_output_appears_only_when_complete(tmp_path):
    target = tmp_path / "reply.wav"
    target.write_bytes(b"old reply")
    speaker = WavSpeaker(target)
    speaker.play(Speech(b"\x10\x00" * 2205, 22050, "hi"))
    assert target.read_bytes() == b"old reply"  # not yet in place
    speaker.close()
    with wave.open(str(target)) as wav:
        assert wav.getnframes() == 2205 and wav.getframerate() == 22050
    assert [p.name for p in tmp_path.iterdir()] == ["reply.wav"]


def test_an_error_while_rendering_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "reply.wav"
    target.write_bytes(b"old reply")
    with pytest.raises(RuntimeError):
        with WavSpeaker(target) as speaker:
            speaker.play(Speech(b"\x10\x00" * 100, 22050, "hi"))
            raise RuntimeError("synthesis broke")
    assert target.read_bytes() == b"old reply"
    assert [p.name for p in tmp_path.iterdir()] == ["reply.wav"]


def test_a_folder_as_output_is_one_line(tmp_path):
    with pytest.raises(SpeechOutputError, match="is a folder"):
        WavSpeaker(tmp_path)
    with pytest.raises(VoiceError, match="cannot write"):
        AtomicOutput(tmp_path / "no" / "such" / "folder.wav")


def _env():
    return {"PYTHONPATH": os.pathsep.join(sys.path)}


def test_a_voice_that_cannot_speak_into_out_is_an_error_and_leaves_no_file(tmp_path):
    result = openup("ask", "--voice", "klingon-xx", "--out", "reply.wav", "who said that",
                    cwd=tmp_path, env=_env())
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "klingon-xx" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("flag, argv", [("--out", ["ask", "--out", "/dev/full", "who said that"]),
                                        ("--output", ["listen", "--input", "v.wav", "--output", "/dev/full"])])
def test_a_full_disk_is_one_line(tmp_path, recording, flag, argv):
    result = openup(*argv, cwd=tmp_path, env=_env())
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "listening with" not in line]
    assert errors == ["openup: cannot write /dev/full (No space left on device); "
                      f"choose another {flag} path or free some space"]
