"""The hands-free loop over a recorded conversation (see live.py for the microphone).

`run_recording` runs the loop over a WAV file and renders each reply into an output
WAV at the time it would have been spoken, so the loop is tested and debugged without
hardware; a "stop" heard while a reply would still be playing truncates it there.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from voice.audio.chunks import AudioChunk
from voice.audio.wavfile import wav_chunks
from voice.loop.assembly import OnTurn, Summary, open_loop
from voice.loop.events import EventLog, TurnEvent
from voice.loop.machine import Loop, Step, Turn
from voice.settings import Settings
from voice.tts.sentences import split_sentences
from voice.tts.speakers import WavSpeaker, earcon
from voice.tts.synthesis import Speech, Synthesizer, TtsSettings
from voice.tts.voices import open_synthesizer

log = logging.getLogger(__name__)


def run_recording(input_wav: str | Path, output_wav: str | Path, events_path: str | Path | None,
                  settings: Settings, push_to_talk: bool = False, save_audio: str | Path | None = None,
                  synthesizer=None, loop: Loop | None = None, on_turn: OnTurn | None = None) -> Summary:
    """Run the loop over a recording; replies go into `output_wav` where they would play."""
    chunks = wav_chunks(input_wav)  # raises AudioInputError now, before anything is written
    loop = loop or open_loop(settings, push_to_talk, save_audio)
    # warmed up before the clock starts: a reply's latency is synthesis, not loading the model
    synthesizer = synthesizer or open_synthesizer(TtsSettings(settings.rate, settings.volume, settings.voice), wait=True)
    with WavSpeaker(output_wav) as speaker, EventLog(events_path) as events:
        return replay(chunks, loop, Render(speaker, synthesizer, events, on_turn))


def replay(chunks: Iterable[AudioChunk], loop: Loop, render: Render) -> Summary:
    """Feed chunks on the stream's own clock; replies end when their audio would."""
    seconds = 0.0
    for chunk in chunks:
        seconds = chunk.timestamp + chunk.duration
        ended = render.ended_by(chunk.timestamp)
        if ended is not None:
            loop.spoken(ended)
        began = time.perf_counter()
        for step in loop.push(chunk):
            render.do(step, began)
    for step in loop.flush():
        render.do(step, time.perf_counter())
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


class Render:
    """Places replies in a WavSpeaker at stream time; a stop truncates the reply playing."""

    def __init__(self, speaker, synthesizer, events: EventLog, on_turn: OnTurn | None = None) -> None:
        self.speaker, self.synthesizer, self.events, self.on_turn = speaker, synthesizer, events, on_turn
        self.playing: _Playing | None = None
        self.stops = 0

    def do(self, step: Step, began: float) -> None:
        """Carry out one Step; `began` is when the chunk that caused it arrived (perf_counter)."""
        if step.action == "say":
            self._say(step, began)
        elif step.action == "stop":
            self._cut(step.at)
        else:
            self.finish()
            self.speaker.pad_to(step.at)
            self.speaker.play(earcon(self.speaker.rate))

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

    def _say(self, step: Step, began: float) -> None:
        self.finish()
        pcm, first = [], None
        for sentence in _sentences(step.text):
            pcm.append(self.synthesizer.synthesize(sentence).at_rate(self.speaker.rate).pcm)
            first = first or time.perf_counter()
        latency = (first or time.perf_counter()) - began
        start = max(step.at + latency, self.speaker.position)
        self.playing = _Playing(step.turn, step.text, start, b"".join(pcm), latency)

    def _cut(self, at: float) -> None:
        if self.playing is None:
            return
        playing, self.playing = self.playing, None
        self.stops += 1
        samples = max(0, round((at - playing.start) * self.speaker.rate))
        self._write(playing, min(len(playing.pcm), 2 * samples), interrupted=True)

    def _write(self, playing: _Playing, size: int, interrupted: bool) -> float:
        self.speaker.pad_to(playing.start)
        self.speaker.play(Speech(playing.pcm[:size], self.speaker.rate, playing.text))
        end = playing.start + size / 2 / self.speaker.rate
        self._record(playing, playing.start, end, interrupted)
        return end

    def _record(self, playing: _Playing, start: float, end: float, interrupted: bool) -> None:
        event = TurnEvent.of(playing.turn, playing.text, start, end, interrupted, playing.latency)
        self.events.add(event)
        if self.on_turn:
            self.on_turn(event)


def _sentences(text: str) -> list[str]:
    return list(split_sentences(text)) or [text]
