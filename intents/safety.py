"""Spot descriptions of fear, threats or violence before any coaching happens.

Recall matters more than precision here: a false alarm costs one gentle
answer, a miss could coach someone to draw out a partner who hurts them.
The patterns run on normalised text (partner words folded to they/them).
"""

from __future__ import annotations

import re

_PATTERNS = (
    r"\b(hit|hits|hitting)\b(?! (it off|a (wall|rough|snag|roadblock)|rock bottom))",
    r"\b(punch\w*|slap\w*|kick(s|ed|ing)? me|shov\w*|chok\w*|strangl\w*)\b",
    r"\b(beat|beats|beating|beaten)\b(?! (around|about) the bush)",
    r"\b(push|pushed|pushes|pushing) (me|my)\b",
    r"\b(grab|grabbed|grabs|grabbing) (me|my)\b",
    r"\b(hurt|hurts|hurting|harm|harms|harming|injure\w*) (me|my (kid|child|children|son|daughter|dog|cat|pet)\w*|us|the kids)\b",
    r"\b(kill|killing|murder\w*)\b",
    r"\bthreat\w*",
    r"\b(violen\w*|abus\w*|assault\w*|rap(e|ed|ing))\b",
    r"\b(afraid|scared|frightened|terrified|fear|fearful) (of|for) (them|partner|my life|my safety|what they|my kids|my children)",
    r"\b(terrified|frightened)\b",
    r"\b(not|never|do not feel|does not feel) safe\b|\bunsafe\b|\bin danger\b|\bdangerous\b",
    r"\b(weapon|knife|gun|knives)\b",
    r"\b(lock|locked|locks|locking) me\b",
    r"\b(will not|won t|does not|do not) let me (leave|go out|see|talk to|have)\b",
    r"\bcontrol\w* (my|me|everything|who i)\b|\bcontrolling\b",
    r"\b(throw|threw|throws|throwing) (things|stuff|something|a|the|objects)\b",
    r"\b(break|breaks|broke|smash\w*) (things|stuff|my)\b",
    r"\b(restraining order|domestic|police|shelter|bruise\w*|black eye)\b",
    r"\bscared to go home\b|\bscared of going home\b",
    r"\bregret it if i (leave|left|go)\b",
    r"\b(suicid\w*|end (my|their|them) life)\b",
)


def is_unsafe(normalized: str) -> bool:
    """True when the text describes fear, threats, control or violence."""
    return any(re.search(pattern, normalized) for pattern in _PATTERNS)
