"""The practice flow as a small state machine over text: no audio, no clock.

start → setup line (for the validate drill: the partner's line) → attempt → feedback →
"again" / "next drill" / "stop". Silence, a single word, another language, a long
monologue and "stop" mid-drill each get a short, kind answer and the flow keeps going.

    coach = Rehearsal(load_drills())
    coach.start()                      # CoachTurn(say="Let's practise. ...", listen_for="attempt")
    coach.hear("how do you see us right now")   # feedback, then "again, next drill, or stop?"
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from content.drills import Drill, drill_for
from intents.practice import words as W
from intents.practice.feedback import Feedback, judge
from intents.practice.pace import SpeechRhythm, TimedWord

log = logging.getLogger(__name__)

MONOLOGUE_WORDS = 60
"""Above this many words (about 25 spoken seconds) an attempt counts as a monologue."""

FIRST_PART_WORDS = 40
"""How much of a monologue gets feedback: its opening, where the partner would react."""

MAX_SILENCES = 3
"""Empty turns in a row before the coach ends the practice."""

_CHOICES = "Say again, next drill, or stop."
_COMMANDS = (
    ("stop", frozenset("stop quit cancel exit enough done finish finished end bye goodbye".split())),
    ("next", frozenset("next skip another different else other".split())),
    ("example", frozenset("example help hint idea".split())),
    ("again", frozenset("again retry more once repeat pardon".split())),
)
"""Control words by command, in priority order."""
_COMMAND_WORDS = frozenset().union(*(words for _name, words in _COMMANDS))
_PADDING = frozenset("""please ok okay lets let's let us can we i want to would like i'd that's thats it for today
now thanks thank you just the a an drill one practice practise practising practicing session try time me
give say that so yeah maybe actually i'm im am go with this of something what was could another an
some""".split())
_YES, _NO = frozenset("yes yeah yep sure ok okay".split()), frozenset("no nope nah".split())


@dataclass(frozen=True)
class CoachTurn:
    """What the coach says next, and what it expects to hear."""

    say: str
    done: bool = False
    """True once practice has ended; the main dialogue takes over again."""
    drill: str = ""
    """Id of the drill in progress (a technique id), "" when none."""
    listen_for: str = "attempt"
    """"attempt" (open vocabulary), "command" (again / next drill / stop) or "" when done."""
    feedback: Feedback | None = None
    """The judged attempt, on turns that give feedback."""


@dataclass(frozen=True)
class _State:
    drill: int = 0
    """Index into the drills."""
    line: int = 0
    """Partner line for reflective-listening drills; moves on with each new setup."""
    phase: str = "attempt"
    """"attempt", "command" or "done"."""
    silences: int = 0


class Rehearsal:
    """One practice session: feed it what the user said, speak what it returns."""

    def __init__(self, drills: tuple[Drill, ...]) -> None:
        if not drills:
            raise ValueError("Rehearsal needs at least one drill")
        self._drills = drills
        self._state = _State()

    @property
    def drill(self) -> Drill:
        """The drill in progress."""
        return self._drills[self._state.drill]

    def start(self, drill_id: str | None = None) -> CoachTurn:
        """Begin with the drill for this technique id (its own, or one that also trains it) or, if none
        or unknown, suggest the first."""
        found = drill_for(self._drills, drill_id)
        index = self._drills.index(found) if found else 0
        self._state = _State(drill=index)
        intro = "Let's practise."
        if drill_id and not found:
            intro = "I don't have a drill for that one yet, so let's try this."
        return self._setup(f"{intro} {self.drill.title}.")

    def hear(self, text: str, words: tuple[TimedWord, ...] = (),
             rhythm: SpeechRhythm | None = None) -> CoachTurn:
        """React to one utterance (typed, or recognised with word timings and its rhythm)."""
        phase, command = self._state.phase, _command(text, self._state.phase)
        log.debug("phase=%s command=%s text=%r", phase, command, text)
        if phase == "done":
            return CoachTurn("We've finished practising. Say let's practise to start again.", True, "", "")
        if not text.strip():
            return self._silence()
        self._state = replace(self._state, silences=0)
        if command == "stop":
            self._state = replace(self._state, phase="done")
            return CoachTurn("Okay, we'll stop there. Well done for practising out loud.", True, "", "")
        if command == "next":
            return self._next_drill()
        if command == "again":
            return self._setup("Let's go again.")
        if command == "example":
            return self._example()
        if phase == "command" and len(text.split()) < 3:
            return self._turn(f"Sorry, I didn't catch that. {_CHOICES}", "command")
        return self._attempt(text, words, rhythm)

    def _attempt(self, text: str, words: tuple[TimedWord, ...],
                 rhythm: SpeechRhythm | None) -> CoachTurn:
        tokens = text.split()
        if not _sounds_english(text):
            return self._turn("That didn't sound like English to me, and I can only give feedback in "
                              "English for now. Try it in English when you're ready.", "attempt")
        if len(tokens) == 1:
            return self._turn(f"That was just one word, '{tokens[0]}'. Say it the way you'd say it to them, "
                              "in a sentence or two.", "attempt")
        note = ""
        if len(tokens) > MONOLOGUE_WORDS:
            note = "That was long; a short opener leaves room for them. On how you began: "
            text, words = " ".join(tokens[:FIRST_PART_WORDS]), words[:FIRST_PART_WORDS]
        feedback = judge(self.drill, text, words, self._state.line, rhythm)  # the rate still holds
        remarks = feedback.remarks[:2] if note else feedback.remarks
        self._state = replace(self._state, phase="command")
        return self._turn(note + " ".join(remarks) + " " + _CHOICES, "command", feedback)

    def _setup(self, intro: str) -> CoachTurn:
        drill = self.drill
        self._state = replace(self._state, phase="attempt")
        say = f"{intro} {drill.setup}"
        if drill.partner_lines:
            line = drill.partner_lines[self._state.line % len(drill.partner_lines)]
            say += f" Here's what I say: {line.say}"
        return self._turn(say, "attempt")

    def _next_drill(self) -> CoachTurn:
        state = self._state
        self._state = replace(state, drill=(state.drill + 1) % len(self._drills), line=state.line + 1)
        return self._setup(f"Next drill: {self.drill.title}.")

    def _example(self) -> CoachTurn:
        drill = self.drill
        good = next(e for e in drill.examples if e.good)
        self._state = replace(self._state, phase="attempt")
        return self._turn(f"{drill.goal} For example: '{good.text}'. Now in your own words.", "attempt")

    def _silence(self) -> CoachTurn:
        self._state = replace(self._state, silences=self._state.silences + 1)
        if self._state.silences >= MAX_SILENCES:
            self._state = replace(self._state, phase="done")
            return CoachTurn("Let's leave it there for now. Say let's practise whenever you like.", True, "", "")
        if self._state.phase == "command":
            return self._turn(f"I didn't hear anything. {_CHOICES}", "command")
        return self._turn("I didn't hear anything. Take your time, and say your opening line when you're "
                          "ready, or say example for an idea.", "attempt")

    def _turn(self, say: str, listen_for: str, feedback: Feedback | None = None) -> CoachTurn:
        return CoachTurn(say, False, self.drill.id, listen_for, feedback)


def _command(text: str, phase: str) -> str | None:
    """The control word in a short utterance made only of command and padding words, else None."""
    tokens = re.findall(r"[a-z']+", text.lower())
    if phase == "command" and 0 < len(tokens) <= 3 and not _COMMAND_WORDS & set(tokens):
        if tokens[0] in _NO:
            return "stop"
        if tokens[0] in _YES:
            return "again"
    if re.search(r"\b(don't|dont) know what to say\b|\bwhat (should|do) i say\b", text.lower()):
        return "example"
    if re.fullmatch(r"(sorry |pardon )?(what was that|say that again|what did you say|come again)",
                    " ".join(tokens)):
        return "again"
    if not tokens or len(tokens) > 6 or not set(tokens) <= _COMMAND_WORDS | _PADDING:
        return None
    return next((name for name, words in _COMMANDS if words & set(tokens)), None)


def _sounds_english(text: str) -> bool:
    """False when few words are common English ones (another language, or another script)."""
    tokens = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())
    if len(tokens) < 2:
        return all(t.isascii() for t in tokens)
    english = sum(t in W.ENGLISH_COMMON or t in W.FEELINGS for t in tokens)
    return english / len(tokens) >= 0.25
