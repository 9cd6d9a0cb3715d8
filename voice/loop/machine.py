"""The hands-free conversation as a state machine over audio chunks; no hardware here.

    idle --wake phrase / button--> listening --request--> speaking --reply ends-->
    listening (the follow-up window: no wake phrase needed) --silence--> idle

After a reply that asked a question, silence earns one clearer reprompt before idle.
The wake phrase is spotted by a small control-word recognizer fed while the person
speaks (it hears "hey coach" far better than the big domain model); only the audio after
the wake phrase goes to the domain recognizer (voice/loop/wake.py). While speaking, only
control words count: the wake phrase on partial results, and "stop"/"quiet" when
voice/loop/stop_spotter.py judges them a command said on its own, so a reply is cut about
0.15-0.3 s after the end of "stop", and the coach's own voice is never taken as a request.
A request usually ends after the endpointer's full silence; with a TurnEnd, one already
whole ends after a short pause instead (voice/loop/turn_end.py).
Drivers (voice/loop/replay.py) feed chunks, play the Steps this returns and call
`spoken()` when a reply has finished playing.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

from content.loop_words import load_loop_words
from voice.asr.transcript import Recognizer, Transcript
from voice.audio.chunks import AudioChunk
from voice.audio.endpoint import EndpointConfig, Endpointer, Utterance
from voice.audio.syllables import measure_rhythm
from voice.loop.stop_spotter import StopSpotter
from voice.loop.turn_end import TurnEnd
from voice.loop.wake import after_wake, find_wake, strip_wake
from voice.settings import WAKE_PHRASE

log = logging.getLogger(__name__)

IDLE, LISTENING, SPEAKING = "idle", "listening", "speaking"
PRE_ROLL = 0.3
"""Seconds of audio before speech onset given to the control recognizer."""


@dataclass(frozen=True)
class LoopConfig:
    """How the loop wakes and how long it waits."""

    wake_phrase: str = WAKE_PHRASE
    follow_up: float = 8.0
    """Seconds after a reply in which a request needs no wake phrase."""
    push_to_talk: bool = False
    """True: only the button opens listening; the wake phrase is not spotted."""
    wake_score: float = 75.0
    """rapidfuzz ratio (0-100) the first words need to count as the wake phrase."""


@dataclass(frozen=True)
class Ears:
    """The recognizers the loop decodes with."""

    domain: Recognizer
    """Catalog phrases plus the wake phrase: requests."""
    control: Recognizer
    """Control words and the wake phrase: wake spotting when idle, "stop" while speaking."""
    open: Callable[[], Recognizer] | None = None
    """Makes the open-vocabulary recognizer for practice attempts (called once, lazily)."""


@dataclass(frozen=True)
class Turn:
    """What the person said and how it was understood."""

    heard: str
    """Transcript of the request, without the wake phrase ("" for a reprompt)."""
    intent: str
    technique: str | None
    confidence: float
    """Matcher confidence, 0 to 1."""
    start: float
    """Seconds into the stream where the person's speech began."""
    end: float
    """Seconds into the stream where the utterance was closed (end of speech + silence)."""
    decode_seconds: float = 0.0
    """Time spent decoding the utterance, in seconds on the loop's clock (0 on a replay's modelled clock)."""
    match_seconds: float = 0.0
    """Time spent matching and choosing the reply, in seconds on the loop's clock."""


class Action(StrEnum):
    """What a Step asks the driver to do."""

    SAY = "say"
    """Play the Step's text."""
    STOP = "stop"
    """Cut the reply playing."""
    CHIME = "chime"
    """Play the listening earcon."""


@dataclass(frozen=True)
class Step:
    """Something the driver must do now."""

    action: Action
    at: float
    """Seconds into the stream when the decision was taken."""
    text: str = ""
    turn: Turn | None = None


class Loop:
    """One hands-free conversation; push chunks, act on the returned Steps."""

    def __init__(self, session, matcher, ears: Ears, config: LoopConfig = LoopConfig(),
                 endpointer: Endpointer | None = None,
                 keep: Callable[[Utterance], None] | None = None,
                 spotter: StopSpotter | None = None, clock: Callable[[], float] = time.perf_counter,
                 turn_end: TurnEnd | None = None) -> None:
        """session: intents.dialogue.Session; keep: called with every utterance (--save-audio);
        spotter: judges stop commands while speaking (default: StopSpotter()); clock: times
        decoding and matching for the turn's record (a replay passes a modelled one);
        turn_end: ends whole requests after a short pause (None: always the full silence;
        the endpointer must then offer `quiet`, `voice_end` and `end_now`)."""
        self.session, self.matcher, self.ears, self.config = session, matcher, ears, config
        self.state = IDLE
        self._endpointer = endpointer or Endpointer(EndpointConfig())
        self._keep = keep
        self._clock = clock
        self._spotter = spotter or StopSpotter()
        self._recent: deque[AudioChunk] = deque()
        self._watch_mode: str | None = None  # state when the utterance being spotted began
        self._watch_start = 0.0  # stream time of the first chunk the control recognizer got
        self._cut = False  # the utterance being spotted has already cut the reply
        self._deadline: float | None = None
        self._question = False  # the last reply asked something
        self._reprompted = False
        self._reply = None  # the dialogue's last reply (intents.dialogue.Reply) until the loop goes idle
        self._open: Recognizer | None = None
        self.turn_end = turn_end
        """Ends whole requests after a short pause, or None."""
        self._judging: bool | None = None  # the open utterance may end early (None: not decided)
        self._unwoken: list[AudioChunk] | None = None  # idle: the utterance so far, until the wake phrase is heard

    # -- driver interface -----------------------------------------------------

    def push(self, chunk: AudioChunk) -> list[Step]:
        """One more chunk of audio; returns what to do now (usually nothing)."""
        now = chunk.timestamp + chunk.duration
        self._remember(chunk)
        finished = self._endpointer.push(chunk)
        steps = self._watch(chunk, now)
        finished += self._end_early(chunk, closed=bool(finished))
        for utterance in finished:
            steps += self._on_utterance(utterance)
        return steps + self._check_deadline(now)

    def flush(self) -> list[Step]:
        """End of the stream: handle an utterance still open."""
        steps: list[Step] = []
        for utterance in self._endpointer.flush():
            steps += self._on_utterance(utterance)
        self._end_early(None, closed=True)
        return steps

    def button(self, at: float) -> list[Step]:
        """Push-to-talk: cut any reply and listen for a request."""
        steps = [Step(Action.STOP, at)] if self.state == SPEAKING else []
        self._listen(at, question=False)
        return steps + [Step(Action.CHIME, at)]

    def spoken(self, at: float) -> None:
        """The reply finished playing at `at` (seconds into the stream)."""
        if self.state != SPEAKING:
            return
        if self._reply is not None and self._reply.end:
            self._go_idle("the person said goodbye")
        else:
            self._listen(at, question=self._question)

    # -- control words: the wake phrase when idle, "stop" while speaking ----------

    def _remember(self, chunk: AudioChunk) -> None:
        self._recent.append(chunk)
        while sum(c.duration for c in self._recent) > PRE_ROLL + chunk.duration:
            self._recent.popleft()

    def _watch(self, chunk: AudioChunk, now: float) -> list[Step]:
        """Stream speech to the control recognizer as it is heard (idle or speaking);
        while speaking, cut the reply once the partial result is a stop command said on its own."""
        control = self.ears.control
        if self._watch_mode is None:
            spotting = self.state == SPEAKING or (self.state == IDLE and not self.config.push_to_talk)
            if not (spotting and self._endpointer.in_speech):
                return []
            self._watch_mode, self._cut, self._watch_start = self.state, False, self._recent[0].timestamp
            self._spotter.start()
            fed = list(self._recent)
        else:
            fed = [chunk]
        for piece in fed:
            control.accept(piece)
            self._spotter.listen(piece)
        if self._watch_mode != SPEAKING or self._cut or self.state != SPEAKING:
            return []
        return self._control(control.partial(), now)

    def _control(self, text: str, at: float, ended: bool = False) -> list[Step]:
        wake = self._find_wake(text.lower().split()) is not None
        if not wake and not self._spotter.says_stop(text, ended):
            return []
        log.info("heard %r while speaking: cutting the reply", text)
        self._cut = True
        self._listen(at, question=False)
        if wake:
            return [Step(Action.STOP, at), Step(Action.CHIME, at)]
        self._reprompted = True  # told to be quiet: no reprompt
        return [Step(Action.STOP, at)]

    def _end_watch(self, utterance: Utterance) -> list[Step]:
        transcript = self.ears.control.final()
        mode, self._watch_mode = self._watch_mode, None
        log.debug("control words heard %r (%.2f-%.2f s)", transcript.text, utterance.start, utterance.end)
        if mode == SPEAKING:
            return [] if self._cut or self.state != SPEAKING else \
                self._control(transcript.text, utterance.end, ended=True)
        if self.state != IDLE:
            return []
        words = transcript.text.lower().split()
        found = self._find_wake(words)
        if found is None:
            log.debug("idle: no wake phrase in %r", transcript.text)
            return []
        if found == len(words):  # the wake phrase alone: listen for the request
            self._listen(utterance.end, question=False)
            return [Step(Action.CHIME, utterance.end)]
        return self._on_request(after_wake(utterance, transcript, found, self._watch_start), utterance)

    # -- ending a whole request after a short pause ---------------------------------

    def _end_early(self, chunk: AudioChunk | None, closed: bool) -> list[Utterance]:
        """Feed the open utterance to the TurnEnd; close it when the request is whole.
        Only utterances that may be requests from their start are judged: the follow-up
        window (not a practice attempt: free speech has pauses of its own) and, when
        idle, speech that starts with the wake phrase."""
        turn_end = self.turn_end
        if turn_end is None:
            return []
        if closed or not self._endpointer.in_speech:
            turn_end.stop()
            self._judging, self._unwoken = None, None
        if chunk is None or not self._endpointer.in_speech:
            return []
        if self._judging is None:
            free_speech = self._reply is not None and self._reply.free_speech
            listening = self.state == LISTENING and not free_speech
            idle = self.state == IDLE and not self.config.push_to_talk
            self._judging = listening or idle
            if listening:
                turn_end.start(self._recent, None)
            elif idle:
                self._unwoken = list(self._recent)
        elif self._unwoken is not None:
            self._unwoken.append(chunk)
        elif self._judging:
            turn_end.accept(chunk)
        if not self._judging or (self._unwoken is not None and not self._woken()):
            return []
        if not turn_end.whole(self._endpointer.quiet, self._endpointer.voice_end):
            return []
        turn_end.stop()
        self._judging = None
        return self._endpointer.end_now()

    def _woken(self) -> bool:
        """Idle: once the control recognizer's partial holds the wake phrase, start the
        TurnEnd on the utterance so far. Until then nothing is fed to it, so room talk not
        meant for the coach never costs a second decode (the control recognizer, fed anyway,
        is tiny)."""
        if self._find_wake(self.ears.control.partial().lower().split()) is None:
            return False
        assert self.turn_end is not None and self._unwoken is not None
        self.turn_end.start(self._unwoken, (self.config.wake_phrase, self.config.wake_score))
        self._unwoken = None
        return True

    # -- requests --------------------------------------------------------------

    def _on_utterance(self, utterance: Utterance) -> list[Step]:
        if self._keep:
            self._keep(utterance)
        if self._watch_mode is not None:
            return self._end_watch(utterance)
        return self._on_request(utterance, utterance) if self.state == LISTENING else []

    def _on_request(self, audio: Utterance, utterance: Utterance) -> list[Step]:
        """Decode `audio` (the utterance, or what follows its wake phrase) and answer it."""
        free_speech = self._reply is not None and self._reply.free_speech  # the dialogue asked for an attempt
        recognizer = self._practice_recognizer() if free_speech else self.ears.domain
        began = self._clock()
        transcript = decode(recognizer, audio)
        decode_seconds = self._clock() - began
        request = None if free_speech or self.config.push_to_talk else \
            strip_wake(transcript, self.config.wake_phrase, self.config.wake_score)
        if request is not None and not request.text:  # "hey coach" again: listen afresh
            self._listen(utterance.end, question=False)
            return [Step(Action.CHIME, utterance.end)]
        request = request or transcript
        if not request.text:  # noise, or nothing usable: keep waiting
            return []
        return [self._answer(request, utterance, decode_seconds, free_speech)]

    def _answer(self, transcript: Transcript, utterance: Utterance, decode_seconds: float,
                free_speech: bool) -> Step:
        began = self._clock()
        rhythm = measure_rhythm(utterance.audio) if free_speech else None  # an attempt
        reply = self.session.hear(transcript.text, transcript.words, rhythm, spoken=True)
        self._reply = reply
        self._question = reply.text.rstrip().endswith("?")
        self._reprompted = False
        self.state, self._deadline = SPEAKING, None
        turn = Turn(transcript.text, reply.intent, reply.technique, reply.confidence,
                    utterance.start, utterance.end, decode_seconds, self._clock() - began)
        if reply.care:  # a systemd journal keeps INFO lines: a disclosure's words only at DEBUG
            log.info("care turn (%s)", reply.care)
            log.debug("heard %r -> %s", transcript.text, reply.intent)
        else:
            log.info("heard %r -> %s (%.2f)", transcript.text, reply.intent, reply.confidence)
        return Step(Action.SAY, utterance.end, reply.speech, turn)

    def _practice_recognizer(self) -> Recognizer:
        if self._open is None:
            self._open = self.ears.open() if self.ears.open else self.ears.domain
        return self._open

    # -- the wake phrase and the follow-up window ---------------------------------

    def _find_wake(self, words: list[str]) -> int | None:
        return find_wake(words, self.config.wake_phrase, self.config.wake_score)

    def _listen(self, at: float, question: bool) -> None:
        self.state, self._deadline, self._question = LISTENING, at + self.config.follow_up, question

    def _check_deadline(self, now: float) -> list[Step]:
        if self.state != LISTENING or self._deadline is None or now < self._deadline \
                or self._endpointer.in_speech:
            return []
        if self._question and not self._reprompted:
            self._reprompted, self._question, self.state = True, False, SPEAKING
            turn = Turn("", "reprompt", None, 0.0, now, now)
            return [Step(Action.SAY, now, reprompt(), turn)]
        self._go_idle("no request in the follow-up window")
        return []

    def _go_idle(self, why: str) -> None:
        log.info("idle: %s; say %r to wake me", why, self.config.wake_phrase)
        self.state, self._deadline, self._reply = IDLE, None, None


def reprompt() -> str:
    """The clearer hint given once when a question met silence (content/data/loop.toml)."""
    return load_loop_words().reprompt


def decode(recognizer: Recognizer, utterance: Utterance) -> Transcript:
    """The recognizer's transcript of one whole utterance."""
    for chunk in utterance.chunks():
        recognizer.accept(chunk)
    return recognizer.final()
