"""Is the person telling the coach to stop? Decided while a reply plays, from the control
recognizer's words and the voice activity of the audio it was fed.

A stop command is short and stands alone: "stop", "be quiet", "okay stop". Taking a stop
word anywhere in a partial result cut replies on the coach's own voice (a microphone near
the speaker heard "stop" in 32 of 50 replies) and on requests like "the stock market".
So a command must be the whole utterance so far (only command words), with little speech
in it, and followed by a short quiet: that quiet costs about 0.15 s but keeps the cut far
inside the 300 ms budget. Noise masks the "s" of "stop", so it is then heard as "tell",
"thought", "top" or "stock"; standing alone while the coach speaks, they count as "stop".
On espeak-ng and Piper voices at 130-210 wpm, clean to 10 dB pink noise (bench/stop_words.py)
270 of 288 commands were obeyed (the old rule: 255), with no false stops on 49 replies
(old: 36) and 2 on 312 requests (old: 29). Loud echo defeats it: see deploy/README.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from voice.audio.chunks import RATE, WIDTH, AudioChunk

STOP_WORDS = frozenset({"stop", "quiet", "cancel", "enough", "shush", "silence"})
"""Words that cut a reply while it is being spoken."""
COMMAND_WORDS = frozenset({"be", "okay", "ok", "please", "now", "it", "that", "talking", "just"})
"""Words that may stand beside a stop word in a command ("okay stop", "stop talking")."""
STOP_PHRASES = ("stop", "quiet", "stop now", "okay stop", "be quiet",
                "quiet please", "stop talking", "enough")
"""Commands the control recognizer's language model must know as phrases: alone, "quiet"
was heard as "what" (en-us+m3) while it was not in it. "stop it" and "stop that" are left
out: with them, en-gb "thanks" was heard as "stop it"."""
CONFUSABLE = frozenset({"tell", "thought", "top", "stock"})
"""What "stop" is heard as when noise masks its "s" (en-us+f3, en-gb at 10 dB SNR)."""


@dataclass(frozen=True)
class StopConfig:
    """How short and how isolated a stop command must be."""

    quiet: float = 0.15
    """Seconds without speech after the command before the reply is cut."""
    max_speech: float = 1.6
    """Seconds of speech an utterance may hold and still be a command."""
    end_slack: float = 0.4
    """Extra seconds of speech allowed when judging the finished utterance."""
    frame: float = 0.03
    """Seconds per voice-activity frame."""


def is_stop_command(text: str) -> bool:
    """True when `text` is nothing but a stop command (a stop word or a look-alike)."""
    words = set(text.lower().split())
    key = words & (STOP_WORDS | CONFUSABLE)
    return bool(key) and words <= STOP_WORDS | CONFUSABLE | COMMAND_WORDS


def _default_vad() -> Callable[[bytes], bool]:
    from voice.audio.endpoint import EndpointConfig, Endpointer

    return Endpointer(EndpointConfig()).is_speech


class StopSpotter:
    """Tracks one utterance's voice activity; `says_stop` judges the recognizer's words.

    `is_speech(frame)` classifies one frame of 16-bit PCM (default: the endpointer's
    loudness + webrtcvad test, with its own background estimate).
    """

    def __init__(self, config: StopConfig = StopConfig(),
                 is_speech: Callable[[bytes], bool] | None = None) -> None:
        self.config = config
        self._is_speech = is_speech
        self._frame_bytes = round(RATE * config.frame) * WIDTH
        self.start()

    def start(self) -> None:
        """A new utterance begins."""
        self._pending = b""
        self._voiced = 0  # frames of speech so far
        self._trailing = 0  # frames without speech since the last speech frame

    def listen(self, chunk: AudioChunk) -> None:
        """One more chunk of the utterance (the same audio the recognizer was given)."""
        if self._is_speech is None:
            self._is_speech = _default_vad()
        data = self._pending + chunk.audio
        whole = len(data) // self._frame_bytes * self._frame_bytes
        self._pending = data[whole:]
        for offset in range(0, whole, self._frame_bytes):
            if self._is_speech(data[offset:offset + self._frame_bytes]):
                self._voiced, self._trailing = self._voiced + 1, 0
            else:
                self._trailing += 1

    @property
    def speech_seconds(self) -> float:
        """Seconds of speech heard in this utterance so far."""
        return self._voiced * self.config.frame

    def says_stop(self, text: str, ended: bool = False) -> bool:
        """True when the words heard so far are a stop command said on its own.

        ended: `text` is the final result of a finished utterance, so no quiet is awaited.
        """
        if not is_stop_command(text) or self._voiced == 0:
            return False
        limit = self.config.max_speech + (self.config.end_slack if ended else 0.0)
        quiet = self._trailing * self.config.frame >= self.config.quiet - 1e-9
        return self.speech_seconds <= limit and (ended or quiet)
