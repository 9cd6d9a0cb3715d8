"""One JSON line per turn of a hands-free conversation (events.jsonl), for tests and debugging."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from voice.errors import VoiceError
from voice.loop.machine import Turn


@dataclass(frozen=True)
class TurnEvent:
    """A request and the reply to it, with when each happened."""

    heard: str
    """What the person said, without the wake phrase ("" for a reprompt)."""
    intent: str
    technique: str | None
    reply: str
    """What the coach said (all of it, even if cut)."""
    confidence: float
    """Matcher confidence, 0 to 1."""
    start: float
    """Seconds into the stream where the person's speech began."""
    end: float
    """Seconds into the stream where the utterance was closed (after the endpointing silence)."""
    reply_start: float
    """Seconds into the stream where the first reply sample plays."""
    reply_end: float
    """Seconds into the stream where the reply finished or was cut."""
    interrupted: bool
    """True when "stop", the wake phrase or the button cut the reply."""
    latency: float
    """Seconds from the utterance closing to the first reply sample (decode + match + synthesis)."""
    decode_seconds: float
    match_seconds: float

    @classmethod
    def of(cls, turn: Turn, reply: str, reply_start: float, reply_end: float,
           interrupted: bool, latency: float) -> TurnEvent:
        """Join what the loop understood with what the driver played."""
        return cls(turn.heard, turn.intent, turn.technique, reply, round(turn.confidence, 3),
                   round(turn.start, 3), round(turn.end, 3), round(reply_start, 3),
                   round(reply_end, 3), interrupted, round(latency, 4),
                   round(turn.decode_seconds, 4), round(turn.match_seconds, 4))

    def to_json(self) -> str:
        """One line of events.jsonl."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)


class EventLog:
    """Appends TurnEvents to a JSON-lines file as they happen (or nowhere when path is None)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        try:
            self._file = self.path.open("w", encoding="utf-8") if self.path else None
        except OSError as exc:
            raise VoiceError(f"cannot write events to {self.path}: {exc.strerror}; "
                                  "choose another --events path") from exc
        self.count = 0
        """Turns written so far (the events themselves are not kept: sessions can run for days)."""

    def add(self, event: TurnEvent) -> None:
        """Record one turn."""
        self.count += 1
        if self._file:
            self._file.write(event.to_json() + "\n")
            self._file.flush()

    def close(self) -> None:
        """Close the file."""
        if self._file:
            self._file.close()
            self._file = None

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
