"""What replay and live drivers share: carrying out the loop's Steps and recording each turn.

A driver says how a reply sounds (`say`), how it is cut (`cut`) and how the listening
earcon plays (`chime`); the Renderer decides which to call and writes the turn once the
reply has ended, so events.jsonl is the same shape whichever way the loop runs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from dataclasses import dataclass
from typing import Callable

from voice.loop.events import EventLog, TurnEvent
from voice.loop.machine import Action, Step, Turn

OnTurn = Callable[[TurnEvent], None]


@dataclass(frozen=True)
class Summary:
    """How a run went."""

    turns: int
    """Replies given (reprompts included)."""
    stops: int
    """Replies cut by "stop", the wake phrase or the button."""
    seconds: float
    """Length of the audio heard, in seconds."""


class Renderer(ABC):
    """Carries out Steps; subclasses play the replies (replay: into a WAV, live: on a speaker)."""

    def __init__(self, events: EventLog, on_turn: OnTurn | None = None) -> None:
        self.events, self.on_turn = events, on_turn
        self.stops = 0
        """Replies cut by "stop", the wake phrase or the button."""

    def do(self, step: Step, began: float) -> None:
        """Carry out one Step; `began` is when the audio that caused it arrived, on the driver's clock."""
        if step.action is Action.SAY:
            self.cut(step.at)
            self.say(step, began)
        elif step.action is Action.STOP:
            self.stops += self.cut(step.at)
        else:
            self.cut(step.at)
            self.chime(step.at)

    def record(self, turn: Turn, text: str, start: float, end: float, interrupted: bool,
               latency: float) -> None:
        """One turn is over: log it and tell the caller."""
        event = TurnEvent.of(turn, text, start, end, interrupted, latency)
        self.events.add(event)
        if self.on_turn:
            self.on_turn(event)

    @abstractmethod
    def say(self, step: Step, began: float) -> None:
        """Start playing the reply `step.text`."""
        ...

    @abstractmethod
    def cut(self, at: float) -> bool:
        """Cut the reply playing at `at` (stream seconds), if any; True when one was cut."""
        ...

    @abstractmethod
    def chime(self, at: float) -> None:
        """Play the listening earcon at `at`."""
        ...
