"""Requests spoken with a pause in the middle, and whole ones, through the hands-free loop:
is anyone cut off mid-sentence, and how long after the last word does the turn end?

Used by tests/test_turn_end.py and bench/latency.py. Each request is said either after the
button (the loop listening, as in the follow-up window) or after "hey coach" in one breath
(the loop idle). A pause is placed between the end of one part's speech and the start of
the next, shorter than the 0.6 s endpointing silence, so the fixed endpointer keeps every
request whole: any request the loop answers before its last part began was cut short.
"""

from __future__ import annotations

from dataclasses import dataclass

from conversation import Conversation, Spoken
from voice.audio.chunks import chunk_audio
from voice.audio.endpoint import EndpointConfig, Endpointer
from voice.audio.resample import to_pcm16
from voice.loop.machine import Action, Loop, Step

PAUSED = (
    ("how do i get him to", "talk about his feelings"),
    ("what should i ask my", "partner"),
    ("she shuts down when i bring up", "money"),
    ("why won't he open up to me and", "tell me what is wrong"),
    ("he never tells me how he", "feels"),
    ("how can i make it safe for", "him to talk"),
    ("should i share something about", "myself first"),
    ("my partner gets quiet when we", "talk about money"),
    ("how do i get him", "to open up"),
    ("what do i do when she", "won't talk to me"),
    ("i want to be a better", "listener"),
    ("give me an example of the", "last one"),
    ("how do i", "start a hard conversation"),
    ("why does my husband", "shut down"),
    ("tell me", "who said that"),
    ("um", "how do i get her to open up"),
)
"""Requests with a hesitation mid-sentence: after a function word, a filler, a pronoun, or
before the content word that makes the request ("a better ... listener")."""

WHOLE = (
    "how do i get him to talk", "why won't she open up to me", "what should i ask my partner",
    "he never tells me how he feels", "she shuts down when i bring up money",
    "tell me more", "who said that", "give me an example", "next one", "say that again",
    "another one", "let's practise",
)
"""Requests said in one go."""

PAUSES = (0.35, 0.5)
"""Seconds of silence inside a paused request, taken in turn."""


@dataclass(frozen=True)
class Case:
    """One recorded request."""

    parts: tuple[str, ...]
    wake: bool
    """True: said after "hey coach" to an idle loop; False: after the button."""
    pcm: bytes
    """16 kHz mono 16-bit recording."""
    spoken: tuple[Spoken, ...]
    """Where each part's speech is in the recording."""

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass(frozen=True)
class Outcome:
    """How the loop ended one case's turn."""

    case: Case
    steps: tuple[Step, ...]
    """The SAY steps the loop returned."""

    @property
    def cut_short(self) -> bool:
        """True when the loop answered before the person's last part began, or more than once."""
        last = self.case.spoken[-1]
        return len(self.steps) != 1 or self.steps[0].at < last.start

    @property
    def wait(self) -> float:
        """Seconds from the end of the last word to the turn's end (the endpointing wait)."""
        return self.steps[0].at - self.case.spoken[-1].end if self.steps else float("nan")


def record(parts: tuple[str, ...], voice: str, wake: bool, index: int,
           background_dbfs: float = -55.0) -> Case:
    """The request, its parts `PAUSES[index % 2]` apart, 1 s of background before and after."""
    talk = Conversation(voice, background_dbfs, seed=index)
    pause = PAUSES[index % len(PAUSES)]
    spoken, at = [], 1.0
    for number, part in enumerate(parts):
        said = talk.say(f"hey coach {part}" if wake and number == 0 else part, at)
        spoken.append(said)
        at = said.end + pause
    return Case(parts, wake, to_pcm16(talk.samples(spoken[-1].end + 2.0)), tuple(spoken))


def cases(voice: str, paused=PAUSED, whole=WHOLE) -> tuple[list[Case], list[Case]]:
    """(paused, whole) recordings; odd-numbered ones start with the wake phrase."""
    return ([record(parts, voice, i % 2 == 1, i) for i, parts in enumerate(paused)],
            [record((text,), voice, i % 2 == 1, i) for i, text in enumerate(whole)])


def run(case: Case, make_loop) -> Outcome:
    """Stream the case through a fresh loop from `make_loop()`; keep the replies it decided."""
    loop: Loop = make_loop()
    steps = [] if case.wake else loop.button(0.0)
    for chunk in chunk_audio(case.pcm, 0.1):
        steps += loop.push(chunk)
    steps += loop.flush()
    return Outcome(case, tuple(s for s in steps if s.action == Action.SAY))


def loop_maker(base: Loop, quick: bool, silence: float = EndpointConfig().silence, clock=None):
    """Loops sharing `base`'s recognizers, matcher and TurnEnd (or none when not `quick`),
    each with a fresh session and endpointer, as after start-up."""
    from content.catalog import load_catalog
    from content.drills import load_drills
    from intents.dialogue import Session

    catalog, drills = load_catalog(), load_drills()
    extra = {"clock": clock} if clock else {}

    def make() -> Loop:
        session = Session(catalog, base.matcher, drills, region="other")
        return Loop(session, base.matcher, base.ears, base.config, Endpointer(EndpointConfig(silence=silence)),
                    turn_end=base.turn_end if quick else None, **extra)

    return make
