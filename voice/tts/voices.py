"""Which voice speaks: the catalog of voices, the device check and the one place a synthesizer is opened.

Names for --voice and the voice setting: "heart" (hibari), "joe" (Piper), "espeak" (the
system voice through pyttsx3: espeak-ng on Linux, SAPI5 on Windows, NSSpeechSynthesizer on
macOS) or any pyttsx3 voice id. No voice given: heart when natural_voice_allowed(), else espeak.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from dataclasses import dataclass, replace
from typing import Protocol

from voice.tts.neural import HEART, NATURAL_VOICES, NaturalVoice
from voice.tts.synthesis import Speech, TtsSettings

log = logging.getLogger(__name__)

SYSTEM_VOICE = "espeak"
"""The name for pyttsx3's default voice on this platform."""
MIN_RAM_FOR_NATURAL = 1 << 30
"""Bytes of RAM above which a natural voice is the default: it adds about 200 MB RSS (bench/voices.py)."""
_PLATFORM_ENGINE = {"win32": "SAPI5", "darwin": "NSSpeechSynthesizer"}


class SpeechEngine(Protocol):
    """What every voice offers: text in, Speech out, on the engine's own owner thread."""

    settings: TtsSettings

    def synthesize(self, text: str) -> Speech:
        """Render one sentence; SpeechOutputError if no engine can."""

    def warm_up(self, wait: bool = False) -> None:
        """Get ready (in the background unless wait) so the first reply is not slow."""

    def close(self) -> None:
        """Release the engine."""


@dataclass(frozen=True)
class VoiceChoice:
    """One line of `openup voices`."""

    name: str
    """What to pass to --voice."""
    engine: str
    sex: str
    accent: str
    available: bool
    """True if it can load on this machine."""
    default: bool = False


def total_ram() -> int | None:
    """Physical memory in bytes, or None where the platform will not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def installed(voice: NaturalVoice) -> bool:
    """True if every module the voice needs can be imported (checked without importing them)."""
    try:
        return all(importlib.util.find_spec(module) is not None for module in voice.modules)
    except (ImportError, ValueError):
        return False


def natural_voice_allowed(ram: int | None = None, voice: NaturalVoice = HEART) -> bool:
    """The device profile check: more than 1 GB of RAM (unknown counts as enough) and the voice installed."""
    ram = total_ram() if ram is None else ram
    return (ram is None or ram > MIN_RAM_FOR_NATURAL) and installed(voice)


def default_voice() -> str:
    """The voice used when none is asked for."""
    return HEART.name if natural_voice_allowed() else SYSTEM_VOICE


def system_engine() -> str:
    """The speech engine pyttsx3 drives on this platform."""
    return f"pyttsx3 ({_PLATFORM_ENGINE.get(sys.platform, 'espeak-ng')})"


def open_synthesizer(settings: TtsSettings, warm: bool = True, wait: bool = False) -> SpeechEngine:
    """The synthesizer for settings.voice (see the module docstring); warm: warm it up now (wait: until ready)."""
    from voice.tts.neural import NeuralSynthesizer
    from voice.tts.synthesis import Synthesizer

    name = (settings.voice or default_voice()).strip()
    natural = NATURAL_VOICES.get(name.lower())
    if natural is not None:
        synthesizer = NeuralSynthesizer(natural, settings)
    else:
        system = name.lower() in (SYSTEM_VOICE, "pyttsx3", "")
        synthesizer = Synthesizer(replace(settings, voice=None if system else name))
    log.debug("voice %s: %s", name, type(synthesizer).__name__)
    if warm:
        synthesizer.warm_up(wait)
    return synthesizer


def list_voices(settings: TtsSettings = TtsSettings()) -> list[VoiceChoice]:
    """Natural voices, the system voice, then every pyttsx3 voice (empty if pyttsx3 cannot list them)."""
    from voice.errors import SpeechOutputError
    from voice.tts.synthesis import Synthesizer

    default = default_voice()
    found = [VoiceChoice(v.name, v.engine, v.sex, v.accent, installed(v), v.name == default) for v in NATURAL_VOICES.values()]
    synthesizer = Synthesizer(replace(settings, voice=None))
    try:
        system = synthesizer.voices()
    except SpeechOutputError as error:
        log.warning("%s", error)
        system = []
    finally:
        synthesizer.close()
    engine = system_engine()
    found.append(VoiceChoice(SYSTEM_VOICE, engine, "-", "the system default", bool(system), default == SYSTEM_VOICE))
    return found + [VoiceChoice(v.id, engine, v.gender or "-", v.language or v.name, True) for v in system]
