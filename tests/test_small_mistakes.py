"""Small mistakes, each one clear line (issue 13.9)."""

import os
import subprocess
import sys

import pytest

from voice.audio.wavfile import read_wav, write_wav
from voice.audio.wavfile import read_format
from voice.errors import AudioInputError


def openup(*args, env=None):
    return subprocess.run([sys.executable, "-m", "voice", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})})


def test_a_folder_is_not_called_missing(tmp_path):
    with pytest.raises(AudioInputError, match="is a folder"):
        read_format(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_not_called_missing_and_is_not_read():
    with pytest.raises(AudioInputError, match="is a device or pipe"):
        read_wav("/dev/zero")


def test_a_missing_file_is_still_missing(tmp_path):
    with pytest.raises(AudioInputError, match="no such audio file"):
        read_format(tmp_path / "nope.wav")


def test_no_microphone_suggests_the_flag_listen_takes():
    from voice.audio import microphone

    assert "--audio" not in microphone.RECORDING_HINT and "listen --input" in microphone.RECORDING_HINT


def test_ask_audio_on_silence_says_nothing_was_heard(tmp_path):
    from content.catalog import load_catalog

    responses = load_catalog().responses
    silence = write_wav(tmp_path / "silence.wav", bytes(32000 * 2))
    result = openup("ask", "--quiet", "--audio", str(silence))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["(heard nothing)", responses.unclear]
    assert responses.fallback not in result.stdout
