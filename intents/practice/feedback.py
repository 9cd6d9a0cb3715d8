"""From rule results to two or three kind, concrete remarks tied to the techniques.

`judge(drill, text, words)` runs every check (intents.practice.rules) and picks what to say:
the most useful fix first, always one thing done well, at most three remarks and well
under 25 spoken seconds. `Feedback.to_json()` is the object `openup practice --json` prints.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from content.drills import CHECK_NAMES, Drill
from intents.practice import rules as P
from intents.practice import listening as L
from intents.practice import pace

log = logging.getLogger(__name__)

SPOKEN_WPM = 150.0
"""Speaking rate used to estimate how long the remarks take to say, words per minute."""

MAX_SPOKEN_SECONDS = 25.0
MAX_REMARKS = 3

_PRAISE = {
    "us_right_now": "You asked about the two of you right now: honest and concrete, not future-tripping.",
    "noticed_specific": "You described one specific moment you noticed, which helps them feel seen.",
    "reflection_named_feeling": "You named how they feel, which is the heart of validating.",
    "reflection_kept_content": "You gave back what they actually said, in your own words.",
    "i_statement": "You spoke about your own experience; going first makes it safer for them.",
    "feeling_named": "You named a feeling, {feeling}, which gives them words to work with.",
    "open_question": "Your question was open, so it invites more than a yes or no.",
    "question": "You asked rather than told, which hands them the floor.",
    "pace_ok": "Your pace was relaxed, about {wpm} words a minute.",
    "few_fillers": "You spoke cleanly, without filler words.",
    "blame_free": "You kept it free of blame, so it is safe for them to answer.",
}
"""Built-in praise, one line per check that passed (a drill's [praise] overrides or adds)."""

_PRAISE_ORDER = ("us_right_now", "noticed_specific", "reflection_named_feeling", "reflection_kept_content",
                 "i_statement", "feeling_named", "open_question", "question", "pace_ok", "few_fillers",
                 "no_dismissal", "no_advice", "blame_free")
"""Most specific first: the first check that passed and matters in the drill is the one praised."""

_FREE_OF = ("blame_free", "no_advice", "no_dismissal")
"""Checks that praise what was left out: none is praised while another of them fails."""

_TIPS = {
    "blame_free": "Leave out {blame}; blame puts people on the defence. Try a softer start: one moment, and how you feel.",
    "us_right_now": "Ask about the two of you as things are today{future}: 'how do you see us right now'.",
    "noticed_specific": "Name one moment and what you saw, like 'when you were on the phone, you seemed tense'.",
    "reflection_named_feeling": "Name the feeling you heard, maybe '{their_feeling}', and let them correct you.",
    "reflection_kept_content": "Bring back what they told you, in your own words and without judging it.",
    "i_statement": "Start from yourself, with something like 'I've been feeling', rather than what they do.",
    "feeling_named": "Name one feeling, like worried, lonely or hurt; it helps them name theirs.",
    "open_question": "Make it open: start with 'what' or 'how', so it can't be answered yes or no.",
    "question": "End with a gentle question, so they have something to answer.",
    "pace_ok": "You spoke at about {wpm} words a minute; {pace_advice}",
    "few_fillers": "Try a breath instead of {filler}; a pause sounds calmer than a filler.",
    "accusing": ("A question like {accusation} can land as a charge, even though it is open. Ask about one "
                 "moment instead, like 'what was going on for you at dinner'."),
}
"""Built-in tips, one per check that failed (a drill's [tips] overrides or adds); "accusing" replaces
the blame tip for a "why … always" question."""

_TEXT_RULES = ("question", "open_question", "i_statement", "feeling_named", "blame_free",
               "us_right_now", "noticed_specific", "no_advice", "no_dismissal")
"""Checks that need only the text: each is the function of that name in intents.practice.rules."""

_FALLBACK_PRAISE = "You said it out loud, and that is the hardest step."
_NOTHING_HEARD = ("I didn't hear an attempt yet; say your opening line when you're ready.",
                  "Taking a quiet moment first is fine: calm beats rushed.")
_ALL_GOOD = "That works well."
_PAUSE_NOTE = "You let a silence sit for {pause} seconds, and that's fine: silence gives them room."


@dataclass(frozen=True)
class Feedback:
    """The coach's verdict on one practice attempt."""

    drill: str
    """Drill id (a technique id)."""
    text: str
    """The attempt as heard or typed."""
    checks: tuple[tuple[str, bool], ...]
    """(check name, passed) for every check that applies, in CHECK_NAMES order."""
    measures: tuple[tuple[str, float], ...]
    """Numbers behind the checks: words, fillers, and with timings wpm and long_pauses."""
    remarks: tuple[str, ...]
    """What the coach says, most useful first."""
    done_well: str
    """The remark that names one thing done well (always one of `remarks`)."""

    @property
    def say(self) -> str:
        """The remarks as one spoken turn."""
        return " ".join(self.remarks)

    def to_json(self) -> dict:
        """The object for one line of `openup practice --json`."""
        return {"drill": self.drill, "text": self.text, "checks": dict(self.checks),
                "remarks": list(self.remarks), "done_well": self.done_well,
                "measures": dict(self.measures)}


def spoken_seconds(text: str) -> float:
    """Estimated time to say `text` aloud at SPOKEN_WPM, in seconds."""
    return len(text.split()) * 60.0 / SPOKEN_WPM


def run_checks(drill: Drill, text: str, words: tuple[pace.TimedWord, ...] = (), line: int = 0,
               rhythm: pace.SpeechRhythm | None = None) -> tuple[dict[str, bool], dict[str, float]]:
    """Every applicable check (name -> passed) and the measures behind them; `rhythm` is what
    the voice edge measured in the attempt's audio (None when there is none)."""
    t = P.prepare(text)
    checks = {name: getattr(P, name)(t) for name in _TEXT_RULES}
    fillers = P.fillers(text)
    measures = {"words": float(len(text.split())), "fillers": float(len(fillers))}
    checks["few_fillers"] = len(fillers) <= max(1, len(text.split()) // 15)
    if drill.partner_lines:
        partner = drill.partner_lines[line % len(drill.partner_lines)]
        checks["reflection_kept_content"] = P.reflection_kept_content(t, partner.keep)
        checks["reflection_named_feeling"] = P.reflection_named_feeling(t, partner.feeling)
    wpm = pace.pace_wpm(words, rhythm) if words else None
    if wpm is not None:
        pauses = pace.long_pauses(words)
        low, high = pace.COMFORTABLE_WPM
        checks["pace_ok"] = low <= wpm <= high
        checks["no_long_pauses"] = not pauses
        measures.update(wpm=round(wpm, 1), long_pauses=float(len(pauses)),
                        longest_pause=max(pauses, default=0.0))
    ordered = {name: checks[name] for name in CHECK_NAMES if name in checks}
    return ordered, measures


def judge(drill: Drill, text: str, words: tuple[pace.TimedWord, ...] = (), line: int = 0,
          rhythm: pace.SpeechRhythm | None = None) -> Feedback:
    """Check one attempt at `drill` and choose the remarks (for validate drills, `line` picks the partner
    line; with audio, `rhythm` comes from voice.audio.syllables.measure_rhythm)."""
    checks, measures = run_checks(drill, text, words, line, rhythm)
    if not P.prepare(text):
        return Feedback(drill.id, text, tuple(checks.items()), tuple(measures.items()),
                        _NOTHING_HEARD, _NOTHING_HEARD[1])
    facts = _facts(drill, text, measures, line)
    remarks, done_well = _choose(drill, text, checks, facts, measures)
    log.debug("drill=%s checks=%s remarks=%s", drill.id, checks, remarks)
    return Feedback(drill.id, text, tuple(checks.items()), tuple(measures.items()), remarks, done_well)


def _facts(drill: Drill, text: str, measures: dict[str, float], line: int) -> dict[str, str]:
    """Values the remark templates quote back: the feeling named, the blame words, the pace."""
    t = P.prepare(text)
    blame = P.blame_phrases(t)
    named = P.feelings(t)
    fillers = P.fillers(text)
    wpm = measures.get("wpm", 0.0)
    partner = drill.partner_lines[line % len(drill.partner_lines)] if drill.partner_lines else None
    return {
        "feeling": f"'{named[0]}'" if named else "a feeling",
        "blame": _quote_blame(blame),
        "filler": f"'{fillers[0]}'" if fillers else "fillers",
        "wpm": f"{wpm:.0f}",
        "pace_advice": ("slow down and keep your voice soft and relaxed." if wpm > pace.COMFORTABLE_WPM[1]
                        else "relaxed is good; keep it steady so it sounds calm, not timid."),
        "their_feeling": partner.feeling[0] if partner else "",
        "pause": f"{measures.get('longest_pause', 0.0):.0f}",
        "future": ", not years ahead" if P.future_talk(text) else "",
        "advice": _quote(P.advice_phrases(t), "the advice", t),
        "accusation": _quote_accusation(t),
        "dismissal": _quote(P.dismissal_phrases(t), "words that play it down", t),
    }


def _quote_accusation(t: str) -> str:
    """ "'why … always'" for an accusing question, naming its own absolute word."""
    found = re.search(L.ACCUSING_WHY, t)
    return f"'why … {found.group(2)}'" if found else "that"


def _quote(found: tuple[str, ...], otherwise: str, t: str) -> str:
    """The first phrase found, quoted (its first three words when longer than five, and "…" when the
    sentence goes on: "'why don't you…'"); `otherwise` when none."""
    if not found:
        return otherwise
    words = found[0].split()
    phrase = " ".join(words if len(words) <= 5 else words[:3])
    goes_on = re.search(re.escape(phrase) + r" \w", t) is not None
    return f"'{phrase}…'" if goes_on else f"'{phrase}'"


def _quote_blame(found: tuple[str, ...]) -> str:
    """The shortest telling part of the first blame phrase: 'never' rather than 'do you never'."""
    if not found:
        return "the blaming words"
    core = re.search(r"\b(always|never|every single time|for once|as usual|whatever)\b", found[0])
    if core:
        return f"'{core.group(0)}'"
    return f"'{found[0]}'" if len(found[0].split()) <= 3 else "the blaming words"


def _choose(drill: Drill, text: str, checks: dict[str, bool], facts: dict[str, str],
            measures: dict[str, float]) -> tuple[tuple[str, ...], str]:
    """Most useful fix first, then one thing done well, then a second fix or note if it fits."""
    tips, praises = {**_TIPS, **dict(drill.tips)}, {**_PRAISE, **dict(drill.praise)}
    relevant = [name for name in ("blame_free",) + drill.focus if checks.get(name) is False]
    relevant = [name for name in dict.fromkeys(relevant) if _fits(name, drill, text, checks)]
    if checks.get("few_fillers") is False and "few_fillers" not in relevant:
        relevant.append("few_fillers")
    accusing = P.accusing_question(text)
    fixes = [tips["accusing" if name == "blame_free" and accusing else name].format(**facts) for name in relevant]
    praised = [name for name in _PRAISE_ORDER if checks.get(name) and _deserves_praise(name, drill, text, checks)]
    praise = praises[praised[0]].format(**facts) if praised else _FALLBACK_PRAISE
    extra = fixes[1:2]
    if measures.get("long_pauses"):
        extra = [_PAUSE_NOTE.format(**facts)] + extra
    if not fixes:
        praise = f"{_ALL_GOOD} {praise}"
        remarks = [praise] + [praises[n].format(**facts) for n in praised[1:2]] + extra[:1]
        remarks += [drill.tip] if len(remarks) < 2 else []
    else:
        remarks = [fixes[0], praise] + extra[:1]
    return _fit(tuple(remarks[:MAX_REMARKS])), praise


def _fits(name: str, drill: Drill, text: str, checks: dict[str, bool]) -> bool:
    """Whether the tip for a failed check suits this attempt in this drill: no call to make a line
    open that is not a question (or that is an accusing "why … always", which the blame tip covers),
    and no blame tip for words the drill's advice or dismissal tip already names."""
    if name == "open_question":
        return bool(checks.get("question")) and not P.accusing_question(text)
    if name == "blame_free":
        covered = [c for c in ("no_dismissal", "no_advice") if c in drill.focus and checks.get(c) is False]
        found = P.dismissal_phrases(text) + P.advice_phrases(text)
        return not covered or not all(any(b in f or f in b for f in found) for b in P.blame_phrases(text))
    return True


def _deserves_praise(name: str, drill: Drill, text: str, checks: dict[str, bool]) -> bool:
    """Praise only what matters in the drill and is true of the whole attempt: nothing is "free of"
    blame, advice or dismissal while one of them is there, an accusing or advising question is not
    praised as a question, and words turned into blame are not praised as given back."""
    if name not in drill.focus and name != "question":
        return False
    if name in _FREE_OF:
        return all(checks.get(other) is not False for other in _FREE_OF)
    if name in ("question", "open_question"):
        return checks.get("no_advice") is not False and not P.accusing_question(text)
    if name == "reflection_kept_content":
        return checks.get("blame_free") is not False
    return True


def _fit(remarks: tuple[str, ...]) -> tuple[str, ...]:
    """Drop trailing remarks (never the first two) until they fit in MAX_SPOKEN_SECONDS."""
    while len(remarks) > 2 and spoken_seconds(" ".join(remarks)) > MAX_SPOKEN_SECONDS:
        remarks = remarks[:-1]
    return remarks
