"""SIGTERM is handled like Ctrl-C: complete files, temporary folders removed, a clean exit (issue 13.8)."""

import os
import signal
import subprocess
import sys
import wave

import pytest

from voice.audio.wavfile import write_wav

# Replaces the replay with one that renders `SECONDS` of audio, says so, then waits to be killed.
SCRIPT = """
import sys
import voice.loop.replay as replay

def waiting(chunks, loop, render):
    render.speaker.pad_to(float(sys.argv[1]))
    print("rendering", flush=True)
    sys.stdin.readline()

replay.replay = waiting
from voice.cli.parser import main
sys.exit(main(sys.argv[2:]))
"""


def start(argv, tmp_path, env=None):
    (tmp_path / "tmp").mkdir(exist_ok=True)
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TMPDIR": str(tmp_path / "tmp"), **(env or {})}
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path, env=environ)


def ours(folder):
    """Our temporaries in TMPDIR (onnxruntime leaves a .ses session file there, not ours)."""
    return [p.name for p in folder.iterdir() if p.name.startswith(("openup-", ".openup-"))]


def assert_complete_wav(path):
    with wave.open(str(path)) as wav:
        assert 44 + 2 * wav.getnframes() == path.stat().st_size


@pytest.mark.parametrize("seconds", [0.0, 1.5])
def test_listen_input_killed_leaves_complete_files_or_none(tmp_path, seconds):
    write_wav(tmp_path / "in.wav", bytes(32000))
    process = start([sys.executable, "-c", SCRIPT, str(seconds), "listen", "--input", "in.wav",
                     "--output", "out.wav", "--events", "events.jsonl"], tmp_path)
    assert process.stdout.readline() == "rendering\n"
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM and "Traceback" not in errors, errors
    names = sorted(p.name for p in tmp_path.iterdir())
    if seconds:  # what was rendered is kept, complete
        assert names == ["in.wav", "out.wav", "tmp"]
        assert_complete_wav(tmp_path / "out.wav")
    else:  # nothing rendered yet: no file at all, not a 0-byte WAV
        assert names == ["in.wav", "tmp"]
    assert ours(tmp_path / "tmp") == []


def test_chat_out_killed_keeps_a_complete_wav_and_no_temporary_folders(tmp_path):
    process = start([sys.executable, "-m", "voice", "chat", "--out", "chat.wav"], tmp_path)
    process.stdin.write("who said that\n")
    process.stdin.flush()
    process.stdout.readline()  # the greeting
    process.stdout.readline()  # the reply, printed before it is spoken
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM and "Traceback" not in errors, errors
    assert ours(tmp_path / "tmp") == []
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("tmp", "chat.wav")]
    assert leftovers == []
    if (tmp_path / "chat.wav").exists():
        assert_complete_wav(tmp_path / "chat.wav")


STUCK = """
import hashlib
from voice.cli import parser
parser.GRACE = 0.5
parser._stop_on_sigterm()
try:
    print("busy", flush=True)  # inside the try: the test may signal the moment it reads this
    hashlib.pbkdf2_hmac("sha256", b"key", b"salt", 2 ** 31 - 1)  # native code that never looks at signals
except KeyboardInterrupt:  # SIGTERM came before the native call began: be stuck in it anyway
    hashlib.pbkdf2_hmac("sha256", b"key", b"salt", 2 ** 31 - 1)
"""


def test_sigterm_ends_a_process_stuck_in_native_code(tmp_path):
    process = start([sys.executable, "-c", STUCK], tmp_path)
    assert process.stdout.readline() == "busy\n"
    process.send_signal(signal.SIGTERM)
    try:
        assert process.wait(timeout=120) == 128 + signal.SIGTERM
    finally:
        process.kill()


def test_closing_a_mouth_whose_prefetch_never_started_is_quiet():
    import threading

    from voice.tts.mouth import Mouth
    from voice.tts.speakers import NullSpeaker

    class Silent:
        def close(self):
            pass

    mouth = Mouth(Silent(), NullSpeaker())
    mouth._worker = threading.Thread(target=lambda: None)  # SIGTERM landed inside worker.start()
    mouth.close()
