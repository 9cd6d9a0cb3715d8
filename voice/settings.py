"""One Settings object: defaults <- config file <- environment <- command-line flags."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

ENV_PREFIX = "OPENUP_"

WAKE_PHRASE = "hey coach"
"""The default wake phrase (setting `wake_phrase`)."""

SPEAKING_RATE = 165
"""The default speaking rate, in words per minute (setting `rate`)."""


@dataclass(frozen=True)
class Settings:
    """Everything a user can tune, built once in the entry point and passed down."""

    engine: str | None = None
    """Speech recognizer: "vosk", "pocketsphinx", or None to choose automatically."""
    model_dir: Path | None = None
    """Folder of speech models; None means the default (see voice.asr.models)."""
    mic: str | None = None
    """Input device name or index; None is the system default."""
    speaker: str | None = None
    """Output device name or index; None is the system default."""
    wake_phrase: str = WAKE_PHRASE
    voice: str | None = None
    """Text-to-speech voice id; None keeps the engine default."""
    rate: int = SPEAKING_RATE
    """Speaking rate, in words per minute."""
    volume: float = 1.0
    """Loudness, 0 to 1."""
    follow_up: float = 8.0
    """Seconds after a reply in which no wake phrase is needed."""
    silence: float = 0.6
    """Seconds of silence that end an utterance."""
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
    """Merge the layers; later layers win, and None in ``flags`` means "not given"."""
    path = path or config_path(environ)
    values: dict[str, Any] = {}
    if path.exists():
        values.update(_read_config(path))
    for field in dataclasses.fields(Settings):
        raw = environ.get(ENV_PREFIX + field.name.upper())
        if raw is not None:
            values[field.name] = raw
    values.update({k: v for k, v in flags.items() if v is not None and k in _FIELD_NAMES})
    settings = Settings(**{name: _convert(name, value, path) for name, value in values.items()})
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
    text = str(value).strip()
    if text.lower() == "other" or re.fullmatch(r"[A-Za-z]{2}", text) or not text:
        return text.upper() if len(text) == 2 else text.lower()
    raise ValueError(value)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    if str(value).strip().lower() in words:
        return words[str(value).strip().lower()]
    raise ValueError(value)


_FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(Settings))
_CONVERTERS: dict[str, Callable[[Any], Any]] = {"rate": int, "volume": float, "follow_up": float, "silence": float, "model_dir": Path,
               "region": _region, "discreet": _flag}


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"config file {path} cannot be read ({error}); fix or delete it") from None
    unknown = sorted(set(data) - _FIELD_NAMES)
    if unknown:
        raise SettingsError(f"config file {path}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(_FIELD_NAMES))}")
    return data


_KINDS = {"region": "two-letter country code such as US or GB, or other", "discreet": "true or false"}


def _convert(name: str, value: Any, path: Path) -> Any:
    convert = _CONVERTERS.get(name, str)
    try:
        return convert(value)
    except (TypeError, ValueError):
        raise SettingsError(
            f"setting {name} = {value!r} is not a valid {_KINDS.get(name, getattr(convert, '__name__', name))}"
            f" (from flags, {ENV_PREFIX}{name.upper()} or {path})"
        ) from None
