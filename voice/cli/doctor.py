"""`openup doctor`: check everything the hands-free coach needs, one line per check,
each failing line saying what to fix. The microphone check shows a live level meter."""

from __future__ import annotations

import functools
import logging
import math
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable, TextIO

from voice.errors import VoiceError
from voice.settings import Settings, SettingsError, config_path, load_settings

log = logging.getLogger(__name__)

METER_SECONDS = 3.0
"""How long the microphone level meter runs."""
SILENT_DBFS = -70.0
"""A microphone whose peak stays below this is taken as muted or dead."""


@dataclass(frozen=True)
class Check:
    """The outcome of one check."""

    name: str
    ok: bool
    detail: str
    """What was found, or what is wrong and how to fix it."""
    optional: bool = False
    """A failed optional check is a hint, not a failure (e.g. no Vosk model)."""

    def line(self) -> str:
        mark = "ok  " if self.ok else ("hint" if self.optional else "FIX ")
        return f"{mark} {self.name}: {self.detail}"


def run_doctor(flags: dict | None = None, out: TextIO = sys.stdout, meter_seconds: float = METER_SECONDS) -> int:
    """Run every check, writing one line each to `out`; 0 when nothing needs fixing."""
    settings, first = _settings(flags or {})
    results = [first]
    out.write(first.line() + "\n")
    for check in (_espeak, _synthesis, _pocketsphinx, _vosk, _whisper, _profile, _wake_words, _speaker, _echo_cancel):
        results.append(_safely(check.__name__.strip("_"), functools.partial(check, settings)))
        out.write(results[-1].line() + "\n")
    results.append(_safely("microphone", lambda: _microphone(settings, out, meter_seconds)))
    out.write(results[-1].line() + "\n")
    out.flush()
    return 0 if all(r.ok or r.optional for r in results) else 1


def _safely(name: str, check: Callable[[], Check]) -> Check:
    """A check that raises becomes a failed line, never a traceback."""
    try:
        return check()
    except VoiceError as exc:
        return Check(name, False, str(exc))
    except Exception as exc:  # the doctor must report, whatever breaks
        log.debug("check %s crashed", name, exc_info=True)
        return Check(name, False, f"unexpected {type(exc).__name__}: {exc}")


def _settings(flags: dict) -> tuple[Settings, Check]:
    import os

    path = config_path(os.environ)
    where = f"config file {path}" if path.exists() else f"defaults (no config file at {path})"
    try:
        settings = load_settings(flags)
    except SettingsError as exc:
        return Settings(), Check("settings", False, str(exc))
    return settings, Check("settings", True, f"{where}; wake phrase {settings.wake_phrase!r}, "
                                             f"engine {settings.engine or 'auto'}")


def _espeak(settings: Settings) -> Check:
    path = shutil.which("espeak-ng")
    if not path:
        return Check("espeak-ng", False, "not installed; run: sudo apt-get install espeak-ng")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout
    return Check("espeak-ng", True, " ".join(version.split()[:4]) or path)


def _synthesis(settings: Settings) -> Check:
    from voice.tts.synthesis import TtsSettings
    from voice.tts.voices import open_synthesizer

    synthesizer = open_synthesizer(TtsSettings.of(settings), warm=False)
    began = time.perf_counter()
    try:
        speech = synthesizer.synthesize("Hello, I'm listening.")
    finally:
        synthesizer.close()
    if not speech.pcm:
        return Check("speech synthesis", False, "produced no audio; check the voice setting")
    return Check("speech synthesis", True, f"{speech.duration:.1f} s of speech in {(time.perf_counter() - began) * 1000:.0f} ms")


def _pocketsphinx(settings: Settings) -> Check:
    try:
        import pocketsphinx
    except ImportError:
        return Check("pocketsphinx", False, "not installed; run: pip install pocketsphinx")
    return Check("pocketsphinx", True, f"en-us model in {pocketsphinx.get_model_path()}")


def _vosk(settings: Settings) -> Check:
    from voice.asr.models import default_models_dir, find_installed

    folder = default_models_dir(settings.model_dir)
    found = find_installed(folder)
    if found is None:
        return Check("vosk model", False, f"none in {folder} (optional, more accurate): openup models pull",
                     optional=settings.engine != "vosk")
    return Check("vosk model", True, str(found))


def _whisper(settings: Settings) -> Check:
    from voice.asr.whisper_engine import INSTALL, model_dir, verify, whisper_available

    if not whisper_available():
        return Check("whisper", False, f"not installed (optional, hears noisy rooms far better): {INSTALL}",
                     optional=settings.engine != "standard")
    folder = model_dir()
    verify(folder)  # ModelError (a failed check) when model.bin is not the file we tested
    return Check("whisper", True, f"tiny.en in {folder}, SHA-256 verified")


def _profile(settings: Settings) -> Check:
    from voice.asr.profiles import detect_profile

    try:
        profile = detect_profile(settings.engine, settings.model_dir)
    except ValueError as exc:
        return Check("speech profile", False, str(exc))
    return Check("speech profile", True, f"{profile.name}: {' + '.join(profile.engines)} ({profile.why})")


def _wake_words(settings: Settings) -> Check:
    from voice.asr.lm.domain import load_dictionary, pronouncing_dictionary, tokenize

    known = load_dictionary(pronouncing_dictionary())
    missing = [w for w in tokenize(settings.wake_phrase) if w not in known]
    if missing:
        return Check("wake phrase", False, f"{', '.join(missing)} not in the pronouncing dictionary; "
                                           "choose common English words (wake_phrase in the config file)")
    return Check("wake phrase", True, f"{settings.wake_phrase!r}: every word can be recognised")


def _speaker(settings: Settings) -> Check:
    from voice.tts.speakers import SoundDeviceSpeaker, earcon

    speaker = SoundDeviceSpeaker(settings.speaker)
    try:
        speaker.play(earcon())
    finally:
        speaker.close()
    return Check("speaker", True, f"{speaker.device['name']!r} played the chime (did you hear it?)")


ECHO_GUIDE = "see 'Echo' in deploy/README.md"


def _echo_cancel(settings: Settings) -> Check:
    """Is there an echo-cancelled microphone (PulseAudio/PipeWire module-echo-cancel)?
    Without one, a speaker next to the microphone lets the coach hear itself."""
    pactl = shutil.which("pactl")
    if not pactl:
        return Check("echo cancellation", False, f"pactl not found, cannot tell; {ECHO_GUIDE}", optional=True)
    listed = subprocess.run([pactl, "list", "short", "sources"], capture_output=True, text=True, timeout=10)
    if listed.returncode != 0:
        return Check("echo cancellation", False, f"no PulseAudio/PipeWire sound server answered; {ECHO_GUIDE}",
                     optional=True)
    names = [f[1] for f in (line.split("\t") for line in listed.stdout.splitlines())
             if len(f) > 2 and ("echo" in f[1].lower() or "echo-cancel" in f[2].lower())]
    if not names:
        return Check("echo cancellation", False, "no echo-cancelled microphone, so keep the speaker away "
                                                 f"from the microphone or load module-echo-cancel; {ECHO_GUIDE}",
                     optional=True)
    default = subprocess.run([pactl, "get-default-source"], capture_output=True, text=True, timeout=10).stdout.strip()
    if default in names:
        return Check("echo cancellation", True, f"source {default!r} is the default: use --mic pulse")
    return Check("echo cancellation", False, f"source {names[0]!r} exists but is not the default; run: "
                                             f"pactl set-default-source {names[0]} (then --mic pulse)", optional=True)


def _microphone(settings: Settings, out: TextIO, seconds: float) -> Check:
    from voice.audio.endpoint import frame_dbfs
    from voice.audio.microphone import Microphone

    peak = -math.inf
    with Microphone(settings.mic) as mic:
        name = mic.device.name
        heard = 0.0
        for chunk in mic:
            level = frame_dbfs(chunk.audio)
            peak = max(peak, level)
            out.write(f"\r     microphone level {_bar(level)} {level:6.1f} dBFS (speak now)")
            out.flush()
            heard += chunk.duration
            if heard >= seconds:
                break
    out.write("\r" + " " * 70 + "\r")
    if peak < SILENT_DBFS:
        return Check("microphone", False, f"{name!r} is silent (peak {peak:.0f} dBFS); unmute it or pick "
                                          "another with --mic (see openup devices)")
    return Check("microphone", True, f"{name!r}, peak {peak:.0f} dBFS over {seconds:.0f} s")


def _bar(dbfs: float, width: int = 30) -> str:
    """A level meter from -80 to 0 dBFS."""
    filled = 0 if dbfs == -math.inf else max(0, min(width, round((dbfs + 80) / 80 * width)))
    return "[" + "#" * filled + " " * (width - filled) + "]"
