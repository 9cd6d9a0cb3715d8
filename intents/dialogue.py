"""The conversation: a Match plus session state gives a Reply.

State is small and explicit: the technique being discussed, the order
techniques were heard in, the last thing said, and one pending question
(an offer, a clarification, or a paged list) that "yes", "no", "more" or
"the first one" can answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from content.care import Care, load_care
from content.catalog import Catalog, Quote, Technique
from content.drills import Drill
from content.situations import Situation
from intents.care.desk import CareDesk, CareReply
from intents.matcher import SPEECH_FLOOR, Match, Matcher
from intents.practice.pace import SpeechRhythm
from intents.normalize import normalize
from intents.reflect import first_tip, mirror, situation_for
from intents.practice.rehearsal import Rehearsal
from intents.spoken import speakable

_LOG = logging.getLogger(__name__)

LIST_PAGE = 4
"""Technique titles read per page of the list."""

_EXAMPLE_ASKED = re.compile(
    r"\b(examples?|what (would|do|should|could|can) i (actually )?(say|ask)|sound like|like what|what exactly"
    r"|the words|a script|a line to use|for instance)\b")
_ABOUT_US = re.compile(r"\b(they|them|partner|we|us|our)\b")
"""A situation is about the partner or the couple: "my phone does not work" is not."""

_NUMBERS = {
    word: number
    for number, words in enumerate(
        ("first", "two second", "three third", "four fourth", "five fifth", "six sixth",
         "seven seventh", "eight eighth", "nine ninth", "ten tenth", "eleven eleventh"), 1)
    for word in words.split()
}


@dataclass(frozen=True)
class Reply:
    """What the coach says back, and what it understood."""

    text: str
    intent: str
    technique: str | None = None
    confidence: float = 0.0
    """How sure the matcher was, 0 to 1."""
    end: bool = False
    """The user asked to stop."""
    free_speech: bool = False
    """The next utterance is a practice attempt: recognise it with open vocabulary."""
    spoken: str = ""
    """What to say aloud when it differs from ``text`` (phone numbers digit by digit,
    a discreet care reply); empty means say ``text``."""
    care: str | None = None
    """Set on every reply given in care: the kind first disclosed, ``self_harm`` or ``abuse``.
    Its words must never be logged above DEBUG."""

    @property
    def speech(self) -> str:
        """The words to speak."""
        return self.spoken or self.text


@dataclass
class _State:
    current: str | None = None
    heard: list[str] = field(default_factory=list)
    this_round: set[str] = field(default_factory=set)
    """Techniques heard since the rotation last started over."""
    new_round: bool = False
    position: int = -1
    """Index in ``heard`` of the technique being discussed."""
    last_text: str = ""
    pending: str | None = None
    """"offer", "clarify", "list" or "why"; answered by affirm/deny/more."""
    options: tuple[str, ...] = ()
    list_page: int = 0
    listed: bool = False
    """The last reply read (part of) the list, so a number picks a technique."""
    shown: set[str] = field(default_factory=set)
    """Parts of the current technique already given: "detail", "example", "quote"."""


class Session:
    """One conversation with one person."""

    def __init__(self, catalog: Catalog, matcher: Matcher, drills: tuple[Drill, ...] = (), *,
                 care: Care | None = None, region: str = "other", discreet: bool = False) -> None:
        """``region`` picks the crisis and abuse lines (a code such as "GB"; unknown codes get
        the international fallback); ``discreet`` keeps care replies spoken aloud unrevealing."""
        self._catalog = catalog
        self._matcher = matcher
        self._drills = drills
        self._say = catalog.responses
        self._state = _State()
        self._rehearsal: Rehearsal | None = None
        self._care = CareDesk(care or load_care(), region, discreet)
        self._handlers: dict[str, Callable[[Match], Reply]] = {
            "tip": self._on_tip, "next": self._on_next, "previous": self._on_previous, "repeat": self._on_repeat,
            "quote": self._on_quote, "more": self._on_more, "list": self._on_list, "why": self._on_why,
            "practice": self._on_practice, "help": self._on_help, "stop": self._on_stop, "affirm": self._on_affirm,
            "deny": self._on_deny, "fallback": self._on_fallback,
        }
        """Each intent's answer; "safety" never gets here: the screen answers it first."""
        self._said = ""
        """The words of the request being answered (for examples asked by name, mirrors, situations)."""

    def hear(self, text: str, words: tuple = (), rhythm: SpeechRhythm | None = None,
             spoken: bool = False) -> Reply:
        """The one way in: understand ``text`` and answer it.

        The safety screen runs first, on everything: requests, practice attempts,
        answers to a question. ``words`` and ``rhythm`` (word timings and the audio's
        pace) serve practice; ``spoken`` applies the stricter floor recognised speech needs.
        """
        match = self._matcher.match(text) if text.strip() else None
        if match is not None and match.risk is not None:
            self._rehearsal = None  # never go on coaching or drilling after a disclosure
            return self._from_care(self._care.disclose(match.risk), match)
        if self._care.active:
            return self._in_care(text, match)
        if self._rehearsal is not None:
            return self._practise(text, words, rhythm)
        self._said = text
        if not normalize(text):  # nothing, or only "hmm" and "um"
            return self._reply(self._say.unclear, "fallback")
        picked = self._picked_from_list(text)
        if picked:
            return self._present(picked, intent="list")
        if spoken and match is not None and match.confidence < SPEECH_FLOOR:
            _LOG.debug("speech match %s %.2f below the floor %.2f", match.intent, match.confidence, SPEECH_FLOOR)
            match = None
        situation = self._situation(text, match)
        if situation is not None:
            return self._present(situation.technique, lead=situation.say, instead=True)
        return self.respond(match)

    def _situation(self, text: str, match: Match | None) -> Situation | None:
        """A situation the article does not name, for requests and descriptions about the partner."""
        if match is not None and match.intent not in ("tip", "next", "why", "fallback"):
            return None
        if not _ABOUT_US.search(normalize(text)):
            return None
        return situation_for(text, self._catalog.situations)

    @property
    def practising(self) -> bool:
        """A drill is under way: the next utterance is an attempt or a drill command."""
        return self._rehearsal is not None

    def start_drill(self, drill_id: str | None = None) -> Reply:
        """Start practising a drill (a technique id; None for the first), as "let's practise" would."""
        if self._care.active:
            return self.hear("let's practise")  # care answers: no drills after a disclosure
        return self._on_practice(Match("practice", drill_id, 1.0))

    def _in_care(self, text: str, match: Match | None) -> Reply:
        """Sticky care: no tips, the line again on request, coaching only after a checked correction."""
        answer = self._care.follow(text, match.intent if match else None)
        if answer.resume is None:
            return self._from_care(answer, match)
        coached = self.hear(answer.resume)
        return Reply(f"{answer.text} {coached.text}", coached.intent, coached.technique, coached.confidence,
                     coached.end, coached.free_speech, f"{answer.spoken} {coached.speech}")

    def _from_care(self, answer: CareReply, match: Match | None) -> Reply:
        self._state.pending, self._state.listed, self._state.last_text = None, False, answer.text
        return Reply(answer.text, "safety", None, match.confidence if match else 0.0, answer.end,
                     spoken=answer.spoken, care=self._care.kind)

    def _picked_from_list(self, text: str) -> str | None:
        """After the list was read, "number seven" or "the 7th" picks that technique."""
        if not self._state.listed:
            return None
        for word in text.lower().replace("-", " ").split():
            number = _NUMBERS.get(word.strip(".,!?")) or (int(word) if word.isdigit() else 0)
            if 1 <= number <= len(self._catalog.techniques):
                return self._catalog.techniques[number - 1].id
        return None

    def respond(self, match: Match | None) -> Reply:
        """Answer an already-understood request."""
        if match is None:
            return self._reply(self._say.fallback, "fallback")
        reply = self._handlers[match.intent](match)
        return Reply(reply.text, reply.intent, reply.technique, match.confidence, reply.end, reply.free_speech,
                     reply.spoken)

    # -- intents -------------------------------------------------------------

    def _on_tip(self, match: Match) -> Reply:
        if match.alternatives and match.technique:
            first, second = (self._catalog.technique(t).title.lower() for t in match.alternatives[:2])
            reply = self._reply(self._say.clarify.format(first=first, second=second), "tip", match.technique)
            self._state.pending, self._state.options = "clarify", match.alternatives[:2]
            return reply
        if match.technique:
            return self._present(match.technique, lead=self._mirror())
        return self._present(first_tip(self._said, self._unheard_ids()), lead=self._mirror())

    def _mirror(self) -> str:
        echo = mirror(self._said)
        return self._say.mirror.format(mirror=echo) if echo else ""

    def _on_next(self, match: Match) -> Reply:
        state = self._state
        if 0 <= state.position < len(state.heard) - 1:
            state.position += 1
            return self._present(state.heard[state.position], record=False, intent="next")
        return self._present(self._unheard(), intent="next")

    def _on_previous(self, match: Match) -> Reply:
        state = self._state
        if state.position <= 0:
            return self._reply(self._say.first if state.heard else self._say.nothing_yet, "previous")
        state.position -= 1
        return self._present(state.heard[state.position], record=False, intent="previous")

    def _on_repeat(self, match: Match) -> Reply:
        text = self._state.last_text or self._say.nothing_to_repeat
        return Reply(text, "repeat", self._state.current)

    def _on_quote(self, match: Match) -> Reply:
        if match.technique is not None:
            # "read me the quote about body language": that technique becomes the one in hand
            if match.technique != self._state.current:
                self._state.current, self._state.shown = match.technique, set()
        elif self._state.pending == "why" or self._state.current is None:
            # No tip yet: the intro's quote on why people hold back is the helpful one.
            printed, spoken = self._quote_text(self._catalog.intro_quotes)
            return self._reply(printed, "quote", None, spoken)
        technique = self._catalog.technique(self._state.current)
        self._state.shown.add("quote")
        return self._offering(*self._quote_text(technique.quotes), "quote", technique.id)

    def _on_more(self, match: Match) -> Reply:
        if self._state.pending == "list":
            return self._list_page()
        if self._state.current is None:
            return self._reply(self._say.nothing_yet, "more")
        technique = self._catalog.technique(self._state.current)
        shown = self._state.shown
        asked_for_example = bool(_EXAMPLE_ASKED.search(self._said.lower()))
        if "detail" in shown and "example" in shown and not asked_for_example:
            return self._reply(self._say.nothing_more, "more", technique.id)
        return self._part("example" if asked_for_example or "detail" in shown else "detail")

    def _part(self, part: str) -> Reply:
        """The current technique's "detail" or "example", then what is left to offer."""
        technique = self._catalog.technique(self._state.current or "")
        self._state.shown.add(part)
        text = technique.example if part == "example" else technique.detail
        return self._offering(text, speakable(text), "more", technique.id)

    def _on_list(self, match: Match) -> Reply:
        self._state.list_page = 0
        return self._list_page()

    def _on_why(self, match: Match) -> Reply:
        text = f"{self._catalog.intro} Want to hear how a therapist put it?"
        reply = self._reply(text, "why")
        self._state.pending = "why"
        return reply

    def _on_practice(self, match: Match) -> Reply:
        if not self._drills:
            return self._reply("Practice drills are not available here.", "practice")
        self._rehearsal = Rehearsal(self._drills)
        turn = self._rehearsal.start(match.technique)
        reply = self._reply(turn.say, "practice", turn.drill or None)
        return Reply(reply.text, "practice", reply.technique, free_speech=turn.listen_for == "attempt")

    def _practise(self, text: str, words: tuple, rhythm: SpeechRhythm | None) -> Reply:
        """Hand the utterance to the practice coach until it says practice is over."""
        assert self._rehearsal is not None  # hear() only comes here while practising
        turn = self._rehearsal.hear(text, words, rhythm)
        if turn.done:
            self._rehearsal = None
        reply = self._reply(turn.say, "practice", turn.drill or None)
        return Reply(reply.text, "practice", reply.technique, free_speech=turn.listen_for == "attempt")

    def _on_help(self, match: Match) -> Reply:
        return self._reply(self._say.help, "help")

    def _on_stop(self, match: Match) -> Reply:
        return Reply(self._say.stop, "stop", end=True)

    def _on_affirm(self, match: Match) -> Reply:
        pending, options = self._state.pending, self._state.options
        if pending == "clarify":
            return self._present(options[0], intent="affirm")
        if pending == "why":
            return self._on_quote(match)
        if pending == "list":
            return self._list_page()
        if pending == "offer" and self._state.current:
            # An offer keeps its word: "yes" gives the first thing offered.
            return self._on_quote(match) if options[0] == "quote" else self._part(options[0])
        return self._present(self._unheard(), intent="affirm")

    def _on_deny(self, match: Match) -> Reply:
        if self._state.pending == "clarify":
            return self._present(self._state.options[1], intent="deny")
        return self._reply(self._say.declined, "deny")

    def _on_fallback(self, match: Match) -> Reply:
        return self._reply(self._say.fallback, "fallback")

    # -- helpers -------------------------------------------------------------

    def _reply(self, text: str, intent: str, technique: str | None = None, spoken: str = "") -> Reply:
        """Record what was said; any pending question is answered by now."""
        self._state.pending, self._state.listed = None, False
        self._state.last_text = text
        spoken = spoken or speakable(text)
        return Reply(text, intent, technique, spoken="" if spoken == text else spoken)

    def _offering(self, text: str, spoken: str, intent: str, technique: str) -> Reply:
        """``text``, then an offer that names exactly what is left to hear about the technique."""
        say = self._say
        left = tuple(part for part in ("example", "quote") if part not in self._state.shown)
        offer = {("example", "quote"): say.offer, ("example",): say.offer_example,
                 ("quote",): say.offer_quote}.get(left, say.offer_next)
        reply = self._reply(f"{text} {offer}", intent, technique, f"{spoken} {offer}")
        if left:
            self._state.pending, self._state.options = "offer", left
        return reply

    def _present(self, technique_id: str, record: bool = True, intent: str = "tip", lead: str = "",
                 instead: bool = False) -> Reply:
        """Give a technique: ``lead`` goes before its summary (a mirror of what was said), or
        ``instead`` of it (a situation's own reply). Titles are for lists, not for speech."""
        technique = self._catalog.technique(technique_id)
        state = self._state
        if record:
            state.heard.append(technique_id)
            state.position = len(state.heard) - 1
            state.this_round.add(technique_id)
        state.current, state.shown = technique_id, set()
        prefix = self._say.all_heard if state.new_round else ""
        state.new_round = False
        text = " ".join(part for part in (prefix, lead, "" if instead else technique.summary) if part)
        return self._offering(text, speakable(text), intent, technique_id)

    def _unheard(self) -> str:
        """The next technique not heard in this round; a new round starts after all eleven."""
        return self._unheard_ids()[0]

    def _unheard_ids(self) -> list[str]:
        """Techniques not heard in this round, in catalog order (a new round starts after all eleven)."""
        ids = [t.id for t in self._catalog.techniques]
        if self._state.this_round >= set(ids):
            self._state.this_round.clear()
            self._state.new_round = True
        return [tid for tid in ids if tid not in self._state.this_round]

    def _list_page(self) -> Reply:
        techniques: tuple[Technique, ...] = self._catalog.techniques
        start = self._state.list_page * LIST_PAGE
        page = techniques[start : start + LIST_PAGE]
        titles = ". ".join(f"{start + i + 1}, {t.title}" for i, t in enumerate(page))
        intro = f"There are {len(techniques)} ways. " if start == 0 else ""
        more_left = start + LIST_PAGE < len(techniques)
        text = f"{intro}{titles}. {self._say.list_more if more_left else self._say.list_end}"
        reply = self._reply(text, "list")
        self._state.listed = True
        if more_left:
            self._state.pending, self._state.list_page = "list", self._state.list_page + 1
        return reply

    def _quote_text(self, quotes: tuple[Quote, ...]) -> tuple[str, str]:
        """The quote as printed (marks and credentials as written) and as spoken (introduced
        by its speaker, credentials in words)."""
        lines = " ".join(f'"{q.text}"' for q in quotes)
        first = quotes[0]
        printed = f"{first.speaker}, {first.credential}: {lines} That's from {first.source}."
        spoken_lines = " ".join(q.text for q in quotes)
        credential = speakable(first.credential.replace(", ", " and "))
        spoken = speakable(f"Here's how {first.speaker}, {_article(credential)}{credential}, put it. "
                           f"{spoken_lines} That's from {first.source}.")
        return printed, spoken


def _article(words: str) -> str:
    return "an " if words[:1].lower() in "aeiou" else "a "
