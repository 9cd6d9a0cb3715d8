"""The live driver of the hands-free loop: microphone in, speaker out, Enter as push-to-talk.

The microphone has its own thread that only queues chunks; the main thread decodes and
matches; a third thread speaks, so "stop" heard meanwhile can cut the reply at once.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Iterable

from voice.audio.chunks import AudioChunk
from voice.errors import SpeechOutputError, VoiceError
from voice.loop.events import EventLog
from voice.loop.assembly import open_loop
from voice.loop.machine import Loop, Step
from voice.loop.render import OnTurn, Renderer, Summary
from voice.settings import Settings

log = logging.getLogger(__name__)


def run_live(settings: Settings, push_to_talk: bool = False, save_audio: str | Path | None = None,
             events_path: str | Path | None = None, on_turn: OnTurn | None = None,
             source: Iterable[AudioChunk] | None = None, mouth=None, loop: Loop | None = None,
             buttons=None) -> Summary:
    """Listen on the microphone until Ctrl-C (or until `source` ends); Enter is push-to-talk.

    A microphone missing at start is an AudioInputError; one unplugged later is a log line
    and a retry. `source`, `mouth`, `loop` and `buttons` replace the devices in tests.
    """
    from voice.audio.microphone import find_device, listen_forever

    if source is None:
        find_device(settings.mic, "input")  # no microphone at all: say so now, do not retry forever
        source = listen_forever(settings.mic)
    mouth = mouth or _open_mouth(settings)
    loop = loop or open_loop(settings, push_to_talk, save_audio)
    inbox: queue.Queue = queue.Queue()
    stopping = threading.Event()
    threading.Thread(target=_pump, args=(source, inbox, stopping), name="microphone", daemon=True).start()
    buttons = sys.stdin if buttons is None and sys.stdin and sys.stdin.isatty() else buttons
    if buttons is not None:
        threading.Thread(target=_watch_buttons, args=(buttons, inbox), name="push-to-talk", daemon=True).start()
    with EventLog(events_path) as events:
        live = _Live(loop, mouth, events, inbox, on_turn)
        try:
            live.run()
        except KeyboardInterrupt:
            log.info("stopped by Ctrl-C")
        finally:
            stopping.set()
            live.close()
        return Summary(events.count, live.stops, live.clock)


def _open_mouth(settings: Settings):
    from voice.tts.mouth import Mouth
    from voice.tts.speakers import open_speaker
    from voice.tts.synthesis import TtsSettings
    from voice.tts.voices import open_synthesizer

    # warmed up before the microphone opens: the first reply must not wait for a model to load
    return Mouth(open_synthesizer(TtsSettings.of(settings), wait=True),
                 _TimedSpeaker(open_speaker(device=settings.speaker)))


def _pump(source: Iterable[AudioChunk], inbox: queue.Queue, stopping: threading.Event) -> None:
    """Microphone thread: only moves chunks onto the queue."""
    try:
        for chunk in source:
            if stopping.is_set():
                break
            inbox.put(("chunk", chunk))
    except VoiceError as exc:
        inbox.put(("error", exc))
    finally:
        getattr(source, "close", lambda: None)()
        inbox.put(("end", None))


def _watch_buttons(lines, inbox: queue.Queue) -> None:
    """Each Enter pressed is a push-to-talk."""
    for _line in lines:
        inbox.put(("button", None))


class _Live(Renderer):
    """The main thread of run_live: decodes, matches, and starts and stops speech."""

    def __init__(self, loop: Loop, mouth, events: EventLog, inbox: queue.Queue, on_turn: OnTurn | None):
        super().__init__(events, on_turn)
        self.loop, self.mouth, self.inbox = loop, mouth, inbox
        self.clock = 0.0
        self._speaking: tuple[int, threading.Thread, Step, float] | None = None
        self._replies = 0

    def run(self) -> None:
        while True:
            try:
                kind, value = self.inbox.get(timeout=0.5)
            except queue.Empty:
                continue
            if kind == "end":
                return
            if kind == "error":
                raise value
            began = time.perf_counter()
            if kind == "chunk":
                self.clock = value.timestamp + value.duration
                steps = self.loop.push(value)
            elif kind == "button":
                steps = self.loop.button(self.clock)
            else:
                steps = self._spoken(*value)
            for step in steps:
                self.do(step, began)

    def close(self) -> None:
        self.cut(self.clock)
        self.mouth.close()

    def say(self, step: Step, began: float) -> None:
        self._replies += 1
        if hasattr(self.mouth.speaker, "first_sound"):
            self.mouth.speaker.first_sound = None
        worker = threading.Thread(target=self._speak, args=(self._replies, step.text),
                                  name="speaking", daemon=True)
        self._speaking = (self._replies, worker, step, began)
        worker.start()

    def cut(self, at: float) -> bool:
        """Cut the reply playing (if any) and log its turn."""
        if self._speaking is None:
            return False
        reply, worker, step, began = self._speaking
        self.mouth.stop()
        worker.join(timeout=2.0)
        self._speaking = None
        self._record(step, began, interrupted=True)
        return True

    def chime(self, at: float) -> None:
        self.mouth.chime()

    def _speak(self, reply: int, text: str) -> None:
        """Speaking thread: play the reply, then tell the main thread it is over."""
        interrupted = True
        try:
            interrupted = not self.mouth.say(text)
        except SpeechOutputError as exc:
            log.warning("%s", exc)
        self.inbox.put(("spoken", (reply, interrupted)))

    def _spoken(self, reply: int, interrupted: bool) -> list[Step]:
        if self._speaking is None or self._speaking[0] != reply:
            return []  # a reply already cut and logged
        _, _, step, began = self._speaking
        self._speaking = None
        self._record(step, began, interrupted)
        self.loop.spoken(self.clock)
        return []

    def _record(self, step: Step, began: float, interrupted: bool) -> None:
        first = getattr(self.mouth.speaker, "first_sound", None)
        latency = max(0.0, first - began) if first else 0.0
        assert step.turn is not None, "a say Step carries its turn"
        self.record(step.turn, step.text, step.at + latency, self.clock, interrupted, latency)


class _TimedSpeaker:
    """A Speaker that notes when the current reply's first sample went out (perf_counter)."""

    def __init__(self, speaker) -> None:
        self.inner = speaker
        self.first_sound: float | None = None
        self.needs_audio = getattr(speaker, "needs_audio", True)

    def play(self, speech, cancel=None) -> bool:
        self.first_sound = self.first_sound or time.perf_counter()
        return self.inner.play(speech, cancel)

    def stop(self) -> None:
        self.inner.stop()

    def finish(self) -> None:
        self.inner.finish()

    def close(self) -> None:
        self.inner.close()
