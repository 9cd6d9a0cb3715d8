"""Care before coaching: what the coach says after someone discloses danger or despair.

Care is sticky. After a disclosure the conversation stays in care: a request
for tips gets a short caring reply with the line again, never a technique
(and never couples counselling after abuse, which is not advised where there
is abuse); "the number again", "help" and "stop" work; practice does not
start. Only an explicit correction ("no, I meant he's afraid of commitment")
leads back to coaching, and only after one gentle check that they are safe.

Every reply has a printed form (numbers as services print them) and a spoken
form (numbers digit by digit; with ``discreet`` on, nothing a person nearby
could take for "abuse" or "suicide", since the printed form has the details).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content.care import Care, Helpline, Region
from intents.care.screen import SELF_HARM, Risk
from intents.spoken import spell_numbers

_CORRECTION = re.compile(
    r"\b(?:i meant|i mean|i did not mean|i didn't mean|you misunderstood|misunderstood me|not what i meant"
    r"|that is not what i|that's not what i|i was talking about|i was joking|just kidding|not like that"
    r"|you got (?:it|me|that) wrong|wrong idea)\b",
    re.IGNORECASE,
)
_SAFE = re.compile(r"\b(?:i am|i'm|im|we are|we're|feel) (?:safe|ok|okay|fine|alright|all right)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b(?:numbers?|phone|hotline|helpline|line|call|text|who can i|where can i)\b", re.IGNORECASE)
_YES = ("affirm",)
_NO = ("deny",)
_NUMBER_INTENTS = ("repeat", "help")


@dataclass(frozen=True)
class CareReply:
    """A care reply, printed and spoken."""

    text: str
    spoken: str
    end: bool = False
    """The user asked to stop."""
    resume: str | None = None
    """After a correction was confirmed: the request to coach now."""


@dataclass
class _State:
    kinds: list[str] = field(default_factory=list)
    """Kinds disclosed in this conversation, first first."""
    pending: str | None = None
    """"safe" after asking whether they are safe, "check" after a correction."""
    correction: str = ""


class CareDesk:
    """The care side of one conversation."""

    def __init__(self, care: Care, region: str, discreet: bool = False) -> None:
        self._words = care.words
        self._region: Region = care.region(region)
        self._discreet = discreet
        self._state = _State()

    @property
    def kind(self) -> str | None:
        """The kind of risk care is for (self-harm first), or None when not in care."""
        return self._state.kinds[0] if self._state.kinds else None

    @property
    def active(self) -> bool:
        """True from the first disclosure until a confirmed correction."""
        return bool(self._state.kinds)

    def disclose(self, risk: Risk) -> CareReply:
        """The first reply to a disclosure: acknowledge, ask about safety, refer."""
        kinds = self._state.kinds
        if risk.kind not in kinds:
            kinds.insert(0, risk.kind) if risk.kind == SELF_HARM else kinds.append(risk.kind)
        self._state.pending = "safe"
        words = self._words
        template = {SELF_HARM: words.partner_self_harm if risk.partner else words.self_harm}.get(risk.kind, words.abuse)
        return self._render(template, (risk.kind,), spoken_template=words.discreet if self._discreet else None)

    def follow(self, text: str, intent: str | None) -> CareReply:
        """Answer anything said while in care; ``intent`` is the matcher's reading, if any."""
        state, words = self._state, self._words
        pending, state.pending = state.pending, None
        if pending == "check" and intent in _YES:
            correction, state.kinds, state.correction = state.correction, [], ""
            return CareReply(words.back, words.back, resume=correction)
        if pending == "check" and intent in _NO:
            return self._render(words.not_safe)
        corrected = _CORRECTION.search(text)
        if corrected:
            state.pending, state.correction = "check", text[corrected.end():].strip(" ,.") or text
            return CareReply(words.check, words.check)
        if _SAFE.search(text) or (pending == "safe" and intent in _YES):
            return self._render(words.safe)
        if pending == "safe" and intent in _NO:
            return self._render(words.not_safe)
        if intent == "stop":
            reply = self._render(words.stop)
            return CareReply(reply.text, reply.spoken, end=True)
        if intent in _NUMBER_INTENTS or _NUMBER.search(text):
            return self._render(words.number_again)
        return self._render(words.still_here)

    def _render(self, template: str, kinds: tuple[str, ...] = (), spoken_template: str | None = None) -> CareReply:
        kinds = kinds or tuple(self._state.kinds)
        emergency = self._region.emergency
        text = template.format(emergency=emergency, line=" ".join(_unique(self._line(k) for k in kinds)))
        if not self._discreet:
            return CareReply(text, spell_numbers(text))
        spoken = (spoken_template or template).format(emergency=emergency, line="The number is on the screen.")
        return CareReply(text, spell_numbers(spoken))

    def _line(self, kind: str) -> str:
        """How to reach the line for ``kind``, as a sentence."""
        line: Helpline = self._region.crisis if kind == SELF_HARM else self._region.abuse
        words = self._words
        texting = f"{line.text_word} to {line.text}" if line.text_word else line.text
        values = {"service": line.service, "number": line.number, "texting": texting, "web": line.web}
        if line.number and line.text:
            return words.call_or_text.format(**values)
        if line.number:
            return words.call.format(**values)
        if line.text:
            return words.text_only.format(**values)
        return (words.abuse_directory if kind != SELF_HARM and self._region.code != "other" else words.web).format(**values)


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
