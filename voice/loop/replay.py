"""The hands-free loop over a recorded conversation (see live.py for the microphone).

`run_recording` runs the loop over a WAV file and renders each reply into an output
WAV at the time it would have been spoken, so the loop is tested and debugged without
hardware; a "stop" heard while a reply would still be playing truncates it there.

Replies are placed on the stream's own clock plus a modelled processing latency, never
the wall clock: the same recording gives the same turns and reply times on an idle
machine and a busy one. bench/latency.py passes MeasuredLatency to time the real thing.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

from voice.audio.chunks import AudioChunk
from voice.audio.wavfile import wav_chunks
from voice.loop.assembly import open_loop
from voice.loop.events import EventLog
from voice.loop.machine import Loop, Step, Turn
from voice.loop.render import OnTurn, Renderer, Summary
from voice.settings import Settings
from voice.tts.speakers import WavSpeaker, earcon
from voice.tts.synthesis import Speech, TtsSettings, by_sentence
from voice.tts.voices import open_synthesizer

log = logging.getLogger(__name__)

MODELLED_LATENCY = 0.47
"""Seconds from the utterance closing to the first reply sample in a replay: the p95 that
bench/latency.py measured over a 30-minute session with pocketsphinx (decode, match and the
first sentence synthesised; p50 0.27 s)."""


class Latency(Protocol):
    """How long the coach takes to answer, on some clock."""

    def now(self) -> float:
        """The current time on this clock, in seconds."""

    def of(self, began: float, first_sentence: float) -> float:
        """Seconds from `began` (the request's last chunk arrived) to the first reply sample,
        given the clock read when the first sentence was synthesised."""


@dataclass(frozen=True)
class ModelledLatency:
    """A fixed processing latency: deterministic replays (the default)."""

    seconds: float = MODELLED_LATENCY

    def now(self) -> float:
        return 0.0

    def of(self, began: float, first_sentence: float) -> float:
        return self.seconds


class MeasuredLatency:
    """The latency measured on this machine's wall clock (for benchmarks)."""

    def now(self) -> float:
        return time.perf_counter()

    def of(self, began: float, first_sentence: float) -> float:
        return first_sentence - began


def run_recording(input_wav: str | Path, output_wav: str | Path, events_path: str | Path | None,
                  settings: Settings, push_to_talk: bool = False, save_audio: str | Path | None = None,
                  synthesizer=None, loop: Loop | None = None, on_turn: OnTurn | None = None,
                  latency: Latency = ModelledLatency()) -> Summary:
    """Run the loop over a recording; replies go into `output_wav` where they would play."""
    chunks = wav_chunks(input_wav)  # raises AudioInputError now, before anything is written
    loop = loop or open_loop(settings, push_to_talk, save_audio, clock=latency.now)
    # warmed up before the stream starts, so a measured latency is synthesis, not loading the model
    synthesizer = synthesizer or open_synthesizer(TtsSettings.of(settings), wait=True)
    with WavSpeaker(output_wav, flag="--output") as speaker, EventLog(events_path) as events:
        return replay(chunks, loop, Render(speaker, synthesizer, events, on_turn, latency))


def replay(chunks: Iterable[AudioChunk], loop: Loop, render: Render) -> Summary:
    """Feed chunks on the stream's own clock; replies end when their audio would."""
    seconds = 0.0
    for chunk in chunks:
        seconds = chunk.timestamp + chunk.duration
        ended = render.ended_by(chunk.timestamp)
        if ended is not None:
            loop.spoken(ended)
        began = render.latency.now()
        for step in loop.push(chunk):
            render.do(step, began)
    for step in loop.flush():
        render.do(step, render.latency.now())
    render.finish()
    render.speaker.pad_to(seconds)  # as long as the input, so the two line up side by side
    return Summary(render.events.count, render.stops, seconds)


@dataclass(frozen=True)
class _Playing:
    turn: Turn
    text: str
    start: float
    """Seconds into the stream where the first sample plays."""
    pcm: bytes
    """The whole reply at the speaker's rate."""
    latency: float

    def end(self, rate: int) -> float:
        return self.start + len(self.pcm) / 2 / rate


class Render(Renderer):
    """Places replies in a WavSpeaker at stream time; a stop truncates the reply playing."""

    def __init__(self, speaker, synthesizer, events: EventLog, on_turn: OnTurn | None = None,
                 latency: Latency = ModelledLatency()) -> None:
        super().__init__(events, on_turn)
        self.speaker, self.synthesizer, self.latency = speaker, synthesizer, latency
        self.playing: _Playing | None = None

    def ended_by(self, now: float) -> float | None:
        """When the reply playing has finished by `now`: its end time (and it is written)."""
        if self.playing and self.playing.end(self.speaker.rate) <= now:
            return self.finish()
        return None

    def finish(self) -> float | None:
        """Write the reply playing to the end; returns its end time."""
        if self.playing is None:
            return None
        playing, self.playing = self.playing, None
        return self._write(playing, len(playing.pcm), interrupted=False)

    def say(self, step: Step, began: float) -> None:
        assert step.turn is not None, "a say Step carries its turn"
        pcm, first = [], None
        for speech in by_sentence(self.synthesizer, step.text):
            pcm.append(speech.at_rate(self.speaker.rate).pcm)
            first = self.latency.now() if first is None else first
        latency = self.latency.of(began, self.latency.now() if first is None else first)
        start = max(step.at + latency, self.speaker.position)
        self.playing = _Playing(step.turn, step.text, start, b"".join(pcm), latency)

    def cut(self, at: float) -> bool:
        if self.playing is None:
            return False
        playing, self.playing = self.playing, None
        samples = max(0, round((at - playing.start) * self.speaker.rate))
        self._write(playing, min(len(playing.pcm), 2 * samples), interrupted=True)
        return True

    def chime(self, at: float) -> None:
        self.speaker.pad_to(at)
        self.speaker.play(earcon(self.speaker.rate))

    def _write(self, playing: _Playing, size: int, interrupted: bool) -> float:
        self.speaker.pad_to(playing.start)
        self.speaker.play(Speech(playing.pcm[:size], self.speaker.rate, playing.text))
        end = playing.start + size / 2 / self.speaker.rate
        self.record(playing.turn, playing.text, playing.start, end, interrupted, playing.latency)
        return end
