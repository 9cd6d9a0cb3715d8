"""Text to speech, apart from playback: text in, mono 16-bit PCM out.

pyttsx3 runs on one owner thread (its engines are not thread-safe). pyttsx3 2.99 with
espeak-ng was seen writing empty WAVs and hanging in runAndWait(), so every synthesis
runs under a timeout: a quick failure is retried once, a hung engine is abandoned (its
daemon thread left behind, a fresh engine made next time), and the espeak-ng command
line takes over so a reply is never lost.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import tempfile
import threading
import time
import wave
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from voice.audio.resample import resample_pcm
from voice.errors import SpeechOutputError
from voice.settings import SPEAKING_RATE, Settings
from voice.tts.sentences import split_sentences

log = logging.getLogger(__name__)

INSTALL_HINT = "install a speech engine: sudo apt-get install espeak-ng && pip install pyttsx3 (or use --quiet)"


@dataclass(frozen=True)
class TtsSettings:
    """How the coach sounds."""

    rate: int = SPEAKING_RATE
    """Speaking rate, in words per minute."""
    volume: float = 1.0
    """Loudness, 0 (silent) to 1 (full)."""
    voice: str | None = None
    """Engine voice id (e.g. "gmw/en-us", see voices()); None keeps the engine default."""

    @classmethod
    def of(cls, settings: Settings) -> TtsSettings:
        """The speech part of the user's settings."""
        return cls(settings.rate, settings.volume, settings.voice)


@dataclass(frozen=True)
class VoiceInfo:
    """One voice the engine offers."""

    id: str
    """Id to put in TtsSettings.voice."""
    name: str
    """Human-readable name."""
    language: str = ""
    """Language code, e.g. "en-us"."""
    gender: str = ""
    """"male", "female" or "" when the engine does not say."""


@dataclass(frozen=True)
class Speech:
    """Synthesised audio for one piece of text: mono signed 16-bit little-endian PCM."""

    pcm: bytes
    """Raw samples."""
    rate: int
    """Sample rate, in Hertz."""
    text: str
    """What is being said."""

    @property
    def duration(self) -> float:
        """Length, in seconds."""
        return len(self.pcm) / (2 * self.rate)

    def at_rate(self, rate: int) -> Speech:
        """The same speech resampled to `rate` Hertz."""
        return Speech(resample_pcm(self.pcm, self.rate, rate), rate, self.text)


def by_sentence(synthesizer: Synthesizer, text: str) -> Iterator[Speech]:
    """The reply as speech, one sentence at a time, each synthesised only when asked for:
    playback starts after the first sentence, and a stop skips the rest unsynthesised."""
    for sentence in split_sentences(text):
        yield synthesizer.synthesize(sentence)


class _Failed(Exception):
    """One synthesis attempt failed (empty file, engine error); worth a retry."""


class _Hung(_Failed):
    """The engine did not return in time; its thread is abandoned."""


class _Unavailable(_Failed):
    """The engine cannot run here at all (not installed, no espeak library)."""


class _EngineOwner:
    """One pyttsx3 engine and the only thread that ever touches it (created on first use)."""

    def __init__(self, factory: Callable[[], object]):
        self._factory = factory
        self._tasks: queue.Queue = queue.Queue()
        threading.Thread(target=self._serve, name="pyttsx3-owner", daemon=True).start()

    def call(self, job: Callable[[Any], Any], timeout: float) -> Any:
        """job(engine) on the owner thread; _Hung if it takes longer than timeout seconds."""
        outcome: Future = Future()
        self._tasks.put((job, outcome))
        try:
            return outcome.result(timeout)
        except TimeoutError as exc:
            raise _Hung(f"pyttsx3 did not finish within {timeout:.1f} s") from exc
        except _Failed:
            raise
        except Exception as exc:
            raise _Failed(f"pyttsx3 error: {exc}") from exc

    def close(self) -> None:
        self._tasks.put(None)

    def _serve(self) -> None:
        engine = None
        while (task := self._tasks.get()) is not None:
            job, outcome = task
            try:
                engine = self._factory() if engine is None else engine
                outcome.set_result(job(engine))
            except BaseException as exc:  # handed to the caller's thread, not swallowed
                outcome.set_exception(exc)


def _make_pyttsx3_engine() -> object:
    """A fresh pyttsx3 engine (not pyttsx3.init(), whose cache hands back a hung one)."""
    try:
        import pyttsx3
    except ImportError as exc:
        raise _Unavailable("pyttsx3 is not installed (pip install pyttsx3)") from exc
    try:
        engine = pyttsx3.Engine()
    except Exception as exc:  # e.g. no libespeak-ng: the driver raises RuntimeError/OSError
        raise _Unavailable(f"pyttsx3 cannot start: {exc}") from exc
    # The espeak driver print()s "Audio saved to ..." for every file; library code must not print.
    driver_module = getattr(getattr(engine, "proxy", None), "_module", None)
    if driver_module is not None:
        driver_module.print = lambda *args, **kwargs: log.debug("pyttsx3 says %s", args)
    return engine


def _read_wav(path: Path) -> tuple[bytes, int] | None:
    """(pcm, rate) of a complete mono 16-bit WAV; None while missing or half-written."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
                raise _Failed(f"unexpected WAV format {wav.getparams()}")
            frames = wav.getnframes()
            pcm = wav.readframes(frames)
            return (pcm, wav.getframerate()) if len(pcm) == 2 * frames else None
    except (OSError, EOFError, wave.Error):
        return None


def _pyttsx3_job(text: str, settings: TtsSettings, path: Path, wait: float) -> Callable:
    """The engine calls that render text to path, then wait for espeak to finish writing."""

    def job(engine) -> Speech:
        deadline, errors = time.monotonic() + wait, []
        # pyttsx3 swallows errors in queued commands (e.g. an unknown voice) unless listened for.
        listener = engine.connect("error", lambda exception=None, **_: errors.append(exception))
        try:
            engine.setProperty("rate", settings.rate)
            # Full volume here, scaled below: in-process espeak sometimes kept an earlier
            # engine's volume (CI rendered 0.2 and 1.0 identically), and scaling the samples
            # is what the neural voices do too.
            engine.setProperty("volume", 1.0)
            if settings.voice:
                engine.setProperty("voice", settings.voice)
            engine.save_to_file(text, str(path))
            engine.runAndWait()
        finally:
            engine.disconnect(listener)
        if errors:
            raise _Failed(f"pyttsx3: {errors[0]}")
        # espeak's driver writes the file from espeak's own thread, maybe after runAndWait returns.
        while (found := _read_wav(path)) is None and time.monotonic() < deadline:
            time.sleep(0.002)
        speech = _speech_from(found, text, "pyttsx3")
        return Speech(_scaled(speech.pcm, settings.volume), speech.rate, text)

    return job


def _scaled(pcm: bytes, volume: float) -> bytes:
    """16-bit samples times volume (0-1)."""
    if volume >= 1.0:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) * max(0.0, volume)
    return np.round(samples).astype("<i2").tobytes()


def _speech_from(found: tuple[bytes, int] | None, text: str, engine: str) -> Speech:
    if found is None:
        raise _Failed(f"{engine} wrote no readable WAV")
    if not found[0]:
        raise _Failed(f"{engine} wrote an empty WAV")
    return Speech(found[0], found[1], text)


class Synthesizer:
    """Text -> Speech, with pyttsx3 guarded by timeouts and the espeak-ng command line behind it."""

    def __init__(
        self,
        settings: TtsSettings = TtsSettings(),
        *,
        engine_factory: Callable[[], object] | None = _make_pyttsx3_engine,
        espeak: str = "espeak-ng",
        timeout: float = 2.0,
        timeout_per_char: float = 0.01,
        max_hangs: int = 2,
    ):
        """engine_factory=None skips pyttsx3; timeouts are seconds (base + per character)."""
        self.settings = settings
        self._factory, self._espeak = engine_factory or _make_pyttsx3_engine, espeak
        self._timeout, self._per_char, self._max_hangs = timeout, timeout_per_char, max_hangs
        self._owner: _EngineOwner | None = None
        self._hangs = 0
        self._gave_up: _Failed | None = None if engine_factory else _Failed("pyttsx3 not used")
        self._lock = threading.Lock()

    def synthesize(self, text: str) -> Speech:
        """Render text (best one sentence: see split_sentences); SpeechOutputError if no engine works."""
        text = " ".join(text.split())
        if not text:
            return Speech(b"", 22050, "")
        with self._lock, tempfile.TemporaryDirectory(prefix="openup-tts-") as folder:
            return self._render(text, Path(folder))

    def voices(self) -> list[VoiceInfo]:
        """Voices available here (pyttsx3's list, else espeak-ng's)."""
        with self._lock:
            try:
                found = self._owner_call(lambda engine: engine.getProperty("voices"), self._timeout)
                return [VoiceInfo(v.id, v.name, _language(v.languages), _gender(getattr(v, "gender", ""))) for v in found]
            except _Failed as exc:
                log.info("pyttsx3 voice list unavailable (%s); asking espeak-ng", exc)
            try:
                return _cli_voices(self._espeak, self._timeout)
            except _Failed as exc:
                raise SpeechOutputError(f"cannot list voices ({exc}); {INSTALL_HINT}") from exc

    def warm_up(self, wait: bool = False) -> None:
        """Say a short phrase once (in the background unless wait), so the engine is ready for the first reply."""

        def warm() -> None:
            try:
                self.synthesize("Hello.")
            except SpeechOutputError as exc:  # the first real reply will report it
                log.debug("warm-up failed: %s", exc)

        warm() if wait else threading.Thread(target=warm, name="pyttsx3-warm-up", daemon=True).start()

    def close(self) -> None:
        """Let the engine thread finish (a hung one is a daemon and dies with the process)."""
        if self._owner is not None:
            self._owner.close()
            self._owner = None

    def _render(self, text: str, folder: Path) -> Speech:
        timeout = self._timeout + self._per_char * len(text)
        reasons: list[_Failed] = [self._gave_up] if self._gave_up else []
        for attempt in range(0 if self._gave_up else 2):  # retry once, never after a hang
            try:
                job = _pyttsx3_job(text, self.settings, folder / f"pyttsx3-{attempt}.wav", timeout)
                return self._owner_call(job, timeout * 1.2)
            except _Failed as exc:
                log.info("pyttsx3 synthesis failed: %s", exc)  # the final error lists every reason
                reasons.append(exc)
                if isinstance(exc, (_Hung, _Unavailable)):
                    break
        try:
            return _cli_synthesize(self._espeak, text, self.settings, folder / "espeak.wav", timeout)
        except _Failed as exc:
            reasons.append(exc)
        missing = any(isinstance(reason, _Unavailable) for reason in reasons)
        hint = INSTALL_HINT if missing else "check the voice setting, or use --quiet"
        raise SpeechOutputError(f"cannot synthesise speech ({'; '.join(map(str, reasons))}); {hint}")

    def _owner_call(self, job: Callable[[Any], Any], timeout: float) -> Any:
        """Run job on the pyttsx3 owner thread, abandoning the thread if it hangs."""
        if self._gave_up:
            raise self._gave_up
        self._owner = self._owner or _EngineOwner(self._factory)
        try:
            return self._owner.call(job, timeout)
        except _Unavailable as exc:
            self._gave_up, self._owner = exc, None  # not installed: stop asking
            raise
        except _Hung:
            self._owner, self._hangs = None, self._hangs + 1  # fresh engine next time
            if self._hangs >= self._max_hangs:
                self._gave_up = _Failed(f"pyttsx3 hung {self._hangs} times, so no longer used")
                log.warning("%s; using the espeak-ng command line", self._gave_up)
            raise


def _cli_synthesize(espeak: str, text: str, settings: TtsSettings, path: Path, timeout: float) -> Speech:
    """The espeak-ng command line as a separate process: it can always be killed."""
    command = [espeak, "--stdin", "-w", str(path), "-s", str(settings.rate)]
    command += ["-a", str(round(settings.volume * 100))]
    command += ["-v", settings.voice] if settings.voice else []
    _run_cli(command, text, timeout)
    return _speech_from(_read_wav(path), text, "espeak-ng")


def _cli_voices(espeak: str, timeout: float) -> list[VoiceInfo]:
    """Parse `espeak-ng --voices`: Pty Language Age/Gender VoiceName File ..."""
    rows = _run_cli([espeak, "--voices"], "", timeout).splitlines()[1:]
    fields = [row.split() for row in rows]
    return [VoiceInfo(f[4].lower(), f[3].replace("_", " "), f[1], _gender(f[2].split("/")[-1])) for f in fields if len(f) >= 5]


def _language(languages) -> str:
    """pyttsx3 gives a list of str (espeak: sometimes bytes with a priority byte first)."""
    first = (languages or [""])[0]
    return first[1:].decode(errors="replace") if isinstance(first, bytes) else str(first)


def _gender(value) -> str:
    """"male"/"female" from pyttsx3's or espeak-ng's spelling ("M", "Female", None), else ""."""
    text = str(value or "").strip().lower()
    return {"m": "male", "f": "female"}.get(text[:1], "")


def _run_cli(command: list[str], text: str, timeout: float) -> str:
    try:
        done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError as exc:
        raise _Unavailable(f"{command[0]} is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise _Failed(f"{command[0]} did not finish within {timeout:.1f} s") from exc
    if done.returncode != 0:
        raise _Failed(f"{command[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout
