"""Say a reply: synthesise sentence by sentence while the previous one plays, and stop at once."""

from __future__ import annotations

import queue
import threading
from typing import cast

from voice.tts.speakers import Speaker, earcon
from voice.tts.synthesis import Speech, Synthesizer, by_sentence

_END = object()


class Mouth:
    """Says replies: sentence by sentence, next one synthesised while this one plays; stop() cuts."""

    def __init__(self, synthesizer: Synthesizer, speaker: Speaker):
        self.synthesizer, self.speaker = synthesizer, speaker
        self._stopped = threading.Event()
        self._speaking = threading.Event()
        self._worker: threading.Thread | None = None

    @property
    def speaking(self) -> bool:
        """True while a reply is being played (so the ears can ignore our own voice)."""
        return self._speaking.is_set()

    def say(self, text: str) -> bool:
        """Speak text; blocks until done. False if stop() cut it. SpeechOutputError if it cannot."""
        if not getattr(self.speaker, "needs_audio", True):
            return True
        self._stopped.clear()
        self._speaking.set()
        ready: queue.Queue = queue.Queue(maxsize=2)
        worker = threading.Thread(target=self._synthesize, args=(text, ready), name="tts-prefetch", daemon=True)
        self._worker = worker
        worker.start()
        try:
            while (item := self._next(ready)) is not _END:
                if isinstance(item, Exception):
                    raise item
                if not self.speaker.play(cast(Speech, item), cancel=self._stopped):
                    return False
            return not self._stopped.is_set()
        finally:
            self._stopped.set()  # lets the prefetch thread give up
            self.speaker.finish()
            self._speaking.clear()

    def chime(self) -> None:
        """Play the "listening" earcon."""
        self.speaker.play(earcon())
        self.speaker.finish()

    def stop(self) -> None:
        """Cut the reply now (from any thread); the speaker notices within one block."""
        self._stopped.set()

    def close(self, discard: bool = False) -> None:
        """Stop, then release the speaker and the synthesis engine.

        Waits (a few seconds at most) for a sentence still being synthesised, so its
        temporary files go with it; `discard` drops a file being written instead of keeping it.
        """
        self.stop()
        worker = self._worker  # not alive when SIGTERM cut its start() short: nothing to wait for
        if worker is not None and worker.is_alive() and worker is not threading.current_thread():
            worker.join(timeout=5.0)
        self.synthesizer.close()
        if discard and hasattr(self.speaker, "discard"):
            self.speaker.discard()
        else:
            self.speaker.close()

    def _synthesize(self, text: str, ready: queue.Queue) -> None:
        try:
            for speech in by_sentence(self.synthesizer, text):
                if self._stopped.is_set() or not self._offer(ready, speech):
                    return
        except Exception as exc:  # handed to say() on the caller's thread
            self._offer(ready, exc)
        finally:
            self._offer(ready, _END)

    def _next(self, ready: queue.Queue) -> object:
        """The next synthesised sentence, or _END once stopped."""
        while not self._stopped.is_set():
            try:
                return ready.get(timeout=0.05)
            except queue.Empty:
                continue
        return _END

    def _offer(self, ready: queue.Queue, item: object) -> bool:
        """Put item for the player unless the reply was stopped meanwhile."""
        while not self._stopped.is_set():
            try:
                ready.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False
