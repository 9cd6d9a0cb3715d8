"""One JSON line per turn of a hands-free conversation (events.jsonl), for tests and debugging."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

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
    """Appends TurnEvents to a JSON-lines file as they happen (or nowhere when path is None).

    The file is written under a temporary name and put in place when the log closes
    (voice/files.py): an error inside `with` leaves any old file as it was.
    """

    def __init__(self, path: str | Path | None) -> None:
        from voice.files import AtomicOutput

        self.path = Path(path) if path else None
        self._out = AtomicOutput(self.path, "--events") if self.path else None
        self.count = 0
        """Turns written so far (the events themselves are not kept: sessions can run for days)."""

    def add(self, event: TurnEvent) -> None:
        """Record one turn."""
        self.count += 1
        if self._out:
            try:
                self._out.file.write((event.to_json() + "\n").encode("utf-8"))
                self._out.file.flush()
            except OSError as exc:
                self._out.discard()
                raise self._out.error(exc) from exc

    def close(self) -> None:
        """Put the file in place (VoiceError if it cannot be stored)."""
        if self._out:
            out, self._out = self._out, None
            out.commit()

    def discard(self) -> None:
        """Drop the events written: no file is left (an old one stays as it was)."""
        if self._out:
            out, self._out = self._out, None
            out.discard()

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, kind, error, trace) -> None:
        interrupted = kind is not None and issubclass(kind, KeyboardInterrupt)
        if kind is None or (interrupted and self.count):
            self.close()
        else:
            self.discard()
