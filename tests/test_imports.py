"""content and intents work on a machine with no audio libraries at all."""

import subprocess
import sys

BLOCK = """
import sys
for name in ("vosk", "sounddevice", "pyttsx3", "pocketsphinx", "webrtcvad"):
    sys.modules[name] = None  # any import of them now raises ImportError
from content.catalog import load_catalog
from intents.matcher import Matcher
from intents.dialogue import Session
catalog = load_catalog()
print(Session(catalog, Matcher.from_catalog(catalog)).hear("who said that").intent)
assert not any(name.startswith("voice") for name in sys.modules), "intents/content imported voice"
"""


def test_text_core_imports_without_audio_libraries():
    result = subprocess.run([sys.executable, "-c", BLOCK], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "quote"


def test_importing_the_cli_does_no_work():
    code = "import sys, voice.cli.parser; print(sorted(m for m in ('vosk','sounddevice','pyttsx3','pocketsphinx') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]"
