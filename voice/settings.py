"""One Settings object: defaults <- config file <- environment <- command-line flags."""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from voice.asr.profiles import ENGINE_CHOICES

ENV_PREFIX = "OPENUP_"

WAKE_PHRASE = "hey coach"
"""The default wake phrase (setting `wake_phrase`)."""

SPEAKING_RATE = 165
"""The default speaking rate, in words per minute (setting `rate`)."""


@dataclass(frozen=True)
class Settings:
    """Everything a user can tune, built once in the entry point and passed down."""

    engine: str | None = None
    """Device profile or recognizer (see voice.asr.profiles), or None to choose automatically."""
    model_dir: Path | None = None
    """Folder of speech models; None means the default (see voice.asr.models)."""
    mic: str | None = None
    """Input device name or index; None is the system default."""
    speaker: str | None = None
    """Output device name or index; None is the system default."""
    wake_phrase: str = WAKE_PHRASE
    voice: str | None = None
    """Text-to-speech voice: heart, joe, espeak or a pyttsx3 voice id (`openup voices`); None picks
    heart where natural_voice_allowed(), else espeak."""
    rate: int = SPEAKING_RATE
    """Speaking rate, in words per minute."""
    volume: float = 1.0
    """Loudness, 0 to 1."""
    follow_up: float = 8.0
    """Seconds after a reply in which no wake phrase is needed."""
    silence: float = 0.6
    """Seconds of silence that end an utterance."""
    quick_silence: float = 0.25
    """Seconds of silence that end a request already heard as whole (voice/loop/turn_end.py);
    as long as `silence` or longer turns early ends off. bench/latency.py: whole requests
    end about 0.3 s after the last word instead of 0.6 s (Piper joe, espeak en-us), and none
    of 16 requests with a pause mid-sentence is cut short, in either run order, since a
    partial must account for all the voice heard and have settled early in the pause."""
    region: str = ""
    """Two-letter country code picking the crisis and abuse lines a care reply names
    (US, CA, GB, IE, AU, NZ; any other gets international help); "" means from the locale."""
    discreet: bool = False
    """Care replies said aloud name no service and no reason; the details are printed."""


class SettingsError(ValueError):
    """A config file or environment variable with a bad value."""


def config_path(environ: Mapping[str, str]) -> Path:
    """Where the user's config file lives (XDG_CONFIG_HOME/openup/config.toml)."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "openup" / "config.toml"


def load_settings(
    flags: Mapping[str, Any],
    environ: Mapping[str, str] = os.environ,
    path: Path | None = None,
) -> Settings:
    """Merge the layers; later layers win, and None in ``flags`` means "not given".

    Every value is checked against its range (SettingsError naming the setting,
    the value, where it came from and what is allowed).
    """
    path = path or config_path(environ)
    values: dict[str, tuple[Any, str]] = {}
    if path.exists():
        values.update({name: (value, str(path)) for name, value in _read_config(path).items()})
    for field in dataclasses.fields(Settings):
        raw = environ.get(ENV_PREFIX + field.name.upper())
        if raw is not None:
            values[field.name] = (raw, ENV_PREFIX + field.name.upper())
    values.update({k: (v, "--" + k.replace("_", "-")) for k, v in flags.items()
                   if v is not None and k in _FIELD_NAMES})
    settings = Settings(**{name: _convert(name, value, source) for name, (value, source) in values.items()})
    if not settings.region:
        settings = dataclasses.replace(settings, region=region_from_locale(environ))
    return settings


def region_from_locale(environ: Mapping[str, str]) -> str:
    """The country of the user's locale ("en_GB.UTF-8" -> "GB"), or "other" when it names none."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = re.match(r"[a-z]{2,3}_([A-Z]{2})\b", environ.get(name, ""))
        if found:
            return found.group(1)
        if environ.get(name):
            break  # the first locale variable set is the one in force
    return "other"


def _region(value: Any) -> str:
    text = _text(value, empty=True)
    if text.lower() == "other" or re.fullmatch(r"[A-Za-z]{2}", text) or not text:
        return text.upper() if len(text) == 2 else text.lower()
    raise ValueError(value)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    raise ValueError(value)


def _text(value: Any, empty: bool = False) -> str:
    """A string (TOML numbers and booleans are not); blank only where blank means "default"."""
    if not isinstance(value, str) or not (empty or value.strip()):
        raise ValueError(value)
    return value.strip()


def _device(value: Any) -> str:
    """A device name, or its index (a TOML integer is fine)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    return _text(value)


def _number(value: Any) -> float:
    """A finite number from TOML or text; booleans, nan and inf are not numbers here."""
    if isinstance(value, bool):
        raise ValueError(value)
    number = float(value.strip() if isinstance(value, str) else value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _between(low: float, high: float, whole: bool = False) -> Callable[[Any], float]:
    def convert(value: Any) -> float:
        number = _number(value)
        if not low <= number <= high or (whole and number != int(number)):
            raise ValueError(value)
        return int(number) if whole else number

    return convert


def _wake(value: Any) -> str:
    """A wake phrase needs a word in it: "" or "!!!" would leave the coach deaf."""
    text = " ".join(_text(value).split())
    if not re.search(r"[^\W\d_]", text) or len(text) > 60:
        raise ValueError(value)
    return text


def _engine(value: Any) -> str:
    text = _text(value).lower()
    if text not in ENGINE_CHOICES:
        raise ValueError(value)
    return text


_FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(Settings))
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "engine": _engine, "model_dir": lambda value: Path(_text(value)).expanduser(),
    "mic": _device, "speaker": _device, "wake_phrase": _wake, "voice": _text,
    "rate": _between(80, 450, whole=True), "volume": _between(0.0, 1.0),
    "follow_up": _between(0.0, 300.0), "silence": _between(0.1, 10.0),
    "quick_silence": _between(0.1, 10.0),
    "region": _region, "discreet": _flag,
}
_KINDS = {
    "engine": " or ".join(ENGINE_CHOICES),
    "model_dir": "a folder name, not blank",
    "mic": "a device name or index, not blank (see openup devices)",
    "speaker": "a device name or index, not blank (see openup devices)",
    "wake_phrase": "a few words with letters, e.g. hey coach",
    "voice": "a voice id such as en-us, not blank (see espeak-ng --voices)",
    "rate": "a whole number of words per minute from 80 to 450",
    "volume": "a number from 0 (silent) to 1 (full)",
    "follow_up": "seconds from 0 to 300",
    "silence": "seconds from 0.1 to 10",
    "quick_silence": "seconds from 0.1 to 10 (as long as silence: never end early)",
    "region": "a two-letter country code such as US or GB, or other",
    "discreet": "true or false",
}


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"config file {path} cannot be read ({error}); fix or delete it") from None
    unknown = sorted(set(data) - _FIELD_NAMES)
    if unknown:
        raise SettingsError(f"config file {path}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(_FIELD_NAMES))}")
    return data


def _convert(name: str, value: Any, source: str) -> Any:
    try:
        return _CONVERTERS[name](value)
    except (TypeError, ValueError, OverflowError):
        raise SettingsError(f"setting {name} = {value!r} (from {source}) is not allowed; "
                            f"use {_KINDS[name]}") from None
