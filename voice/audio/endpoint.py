"""Voice activity and endpointing: turn a chunk stream into utterances.

API (for the loop, `openup ask/intent --audio` and the benchmark):

    for utt in utterances(wav_chunks("q.wav")):      # or Microphone(...)
        recognizer.accept(AudioChunk(utt.audio, utt.start)); recognizer.final()

or, to feed a recognizer while the person is still speaking (live partials):

    ep = Endpointer()
    for chunk in mic:
        for utt in ep.push(chunk): ...              # finished utterances
        if ep.in_speech: ...                        # speech is going on now
    for utt in ep.flush(): ...                      # end of stream

A 30 ms frame counts as speech when webrtcvad says so AND it is louder than an
absolute gate (so a -60 dBFS noise floor never counts) AND louder than the
recent background (minimum over the last ~1.5 s) by a margin, because webrtcvad
alone calls steady noise and hum speech. An utterance starts when most of the
last few frames are speech, keeps `pre_roll` seconds of audio before that, and
ends after `silence` seconds without speech or at `max_length`, or earlier when the caller
calls `end_now()` (the loop does so after a short pause when what was heard is already a
complete request: voice/loop/turn_end.py). Utterances with
too little speech in them (clicks, bursts) are dropped. Memory is bounded by
`max_length`, whatever the stream's length.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

from voice.audio.chunks import RATE, WIDTH, AudioChunk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EndpointConfig:
    """Knobs of the endpointer; the defaults suit a person speaking near a mic."""

    silence: float = 0.6
    """Seconds without speech that end an utterance."""
    max_length: float = 10.0
    """Seconds after which an utterance is cut even if speech goes on."""
    pre_roll: float = 0.3
    """Seconds of audio kept from before speech was detected."""
    min_speech: float = 0.15
    """Seconds of speech frames an utterance needs, else it is dropped as noise."""
    gate_dbfs: float = -50.0
    """Frames quieter than this RMS level (dB full scale) are never speech."""
    margin_db: float = 9.0
    """How far above the recent background (dB) a frame must be to count."""
    background: float = 1.5
    """Seconds over which the background level is the minimum frame level."""
    vad_mode: int = 2
    """webrtcvad aggressiveness, 0 (lenient) to 3 (strict)."""
    frame_ms: int = 30
    """Analysis frame, in milliseconds (10, 20 or 30 for webrtcvad)."""


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech, with its pre-roll and trailing silence."""

    audio: bytes
    """16 kHz mono 16-bit PCM."""
    start: float
    """Seconds from the start of the stream to the first byte of `audio`."""
    end: float
    """Seconds from the start of the stream to the end of `audio`."""
    truncated: bool = False
    """True when cut at max_length rather than ended by silence or the stream."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.end - self.start

    def chunks(self, seconds: float = 0.1) -> Iterator[AudioChunk]:
        """The utterance as AudioChunks, timestamps on the stream's clock."""
        from voice.audio.chunks import chunk_audio

        return chunk_audio(self.audio, seconds, self.start)


def frame_dbfs(frame: bytes) -> float:
    """RMS level of 16-bit PCM in dB full scale (-inf for digital silence)."""
    import numpy as np

    samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    power = float(np.dot(samples, samples)) / len(samples) if len(samples) else 0.0
    return 10 * math.log10(power / (32768.0 * 32768.0)) if power else -math.inf


def _webrtc_vad(mode: int):
    try:
        import webrtcvad
    except ImportError:
        log.warning("webrtcvad missing (pip install webrtcvad-wheels): using loudness only")
        return None
    return webrtcvad.Vad(mode)


class Endpointer:
    """Streaming endpointer; push chunks of any size, get finished Utterances."""

    def __init__(self, config: EndpointConfig = EndpointConfig()) -> None:
        self.config = config
        self._vad = _webrtc_vad(config.vad_mode)
        self._frame_bytes = RATE * config.frame_ms // 1000 * WIDTH
        self._frame_seconds = config.frame_ms / 1000
        self._pending = b""
        self._clock: float | None = None  # stream time, set by the first chunk
        self._levels: deque[float] = deque(maxlen=max(1, round(config.background / self._frame_seconds)))
        self._recent: deque[bool] = deque(maxlen=5)
        self._pre: deque[bytes] = deque(maxlen=max(0, round(config.pre_roll / self._frame_seconds)))
        self._speech: list[bytes] | None = None
        self._start = 0.0
        self._voiced = 0
        self._quiet = 0

    @property
    def in_speech(self) -> bool:
        """True while an utterance is open."""
        return self._speech is not None

    @property
    def quiet(self) -> float:
        """Seconds without speech at the end of the open utterance (0 when none is open)."""
        return self._quiet * self._frame_seconds if self._speech is not None else 0.0

    @property
    def voice_end(self) -> float:
        """Stream seconds at the end of the open utterance's last speech frame (0 when none is
        open): where the person's voice stopped, for checking what a recognizer heard up to it."""
        if self._speech is None:
            return 0.0
        return (self._clock or 0.0) - self._quiet * self._frame_seconds

    def end_now(self) -> list[Utterance]:
        """Close the open utterance now, before its silence has run out (the caller judged the
        turn over). Bytes short of a whole frame stay for the next frame, as after any close.
        Returns the utterance, or nothing when none is open or it was too little speech."""
        if self._speech is None:
            return []
        log.debug("utterance ended early after %.2f s of silence", self.quiet)
        return [u for u in [self._close(truncated=False)] if u]

    def push(self, chunk: AudioChunk) -> list[Utterance]:
        """Analyse one more chunk; return the utterances it completed (usually none)."""
        if self._clock is None:
            self._clock = chunk.timestamp
        data = self._pending + chunk.audio
        size = self._frame_bytes
        whole = len(data) // size * size
        self._pending = data[whole:]
        done = []
        for offset in range(0, whole, size):
            utterance = self._frame(data[offset:offset + size])
            if utterance:
                done.append(utterance)
        return done

    def flush(self) -> list[Utterance]:
        """End of stream: close an open utterance (leftover bytes join it)."""
        if self._speech is None:
            return []
        self._speech.append(self._pending)
        self._pending = b""
        return [u for u in [self._close(truncated=False)] if u]

    def is_speech(self, frame: bytes) -> bool:
        """Voice activity of one frame, updating the background estimate."""
        level = frame_dbfs(frame)
        background = min(self._levels) if self._levels else level
        self._levels.append(level)
        loud = level > self.config.gate_dbfs and level > background + self.config.margin_db
        return loud and (self._vad is None or self._vad.is_speech(frame, RATE))

    def _frame(self, frame: bytes) -> Utterance | None:
        voiced = self.is_speech(frame)
        self._recent.append(voiced)
        self._clock = (self._clock or 0.0) + self._frame_seconds
        if self._speech is None:
            self._pre.append(frame)
            if sum(self._recent) >= 3:
                self._open()
            return None
        self._speech.append(frame)
        self._voiced += voiced
        self._quiet = 0 if voiced else self._quiet + 1
        if self._quiet * self._frame_seconds >= self.config.silence:
            return self._close(truncated=False)
        if len(self._speech) * self._frame_seconds >= self.config.max_length:
            return self._close(truncated=True)
        return None

    def _open(self) -> None:
        self._speech = list(self._pre)
        self._start = (self._clock or 0.0) - len(self._speech) * self._frame_seconds
        self._voiced = sum(self._recent)
        self._quiet = 0
        self._pre.clear()
        log.debug("speech starts at %.2f s", self._start)

    def _close(self, truncated: bool) -> Utterance | None:
        audio = b"".join(self._speech or [])
        self._speech = None
        self._recent.clear()
        start, end = self._start, self._start + len(audio) / (WIDTH * RATE)
        if self._voiced * self._frame_seconds < self.config.min_speech:
            log.debug("dropped %.2f-%.2f s: too little speech", start, end)
            return None
        log.debug("utterance %.2f-%.2f s%s", start, end, " (cut at max length)" if truncated else "")
        return Utterance(audio, start, end, truncated)


def utterances(chunks: Iterable[AudioChunk], config: EndpointConfig = EndpointConfig()) -> Iterator[Utterance]:
    """Split any chunk stream (microphone or file) into utterances, lazily."""
    endpointer = Endpointer(config)
    for chunk in chunks:
        yield from endpointer.push(chunk)
    yield from endpointer.flush()
