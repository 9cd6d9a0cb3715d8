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
    r"\b(not|never|do not feel|does not feel|no longer feel) safe\b(?! to (share|talk|open|say|be open|tell|express))|\bunsafe\b|\bin danger\b|\bdangerous\b",
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
    r"\b(yell\w*|scream\w*|shout\w*|swear\w*) (at|in) (me|my face)\b",
    r"\b(rough|physical) with me\b|\bgets? (rough|physical)\b|\bhands on me\b|\braised? (a|them|their) (hand|fist)\b",
    r"\begg ?shells\b|\bstalk\w*|\bisolat\w* me\b|\bintimidat\w* me\b|\bintimidated by\b",
    r"\b(they|partner) (is|are|can be|gets?) (so |really |very )?(intimidating|a bully)\b|\bbull(y|ies|ied|ying) me\b",
    r"\bcheck\w* where i am\b|\btracker\b|\bmonitor\w* everything\b|\bcuts? me off from\b",
    r"\bhide\b.*\bwhen (they|partner) (is|are|gets?) (angry|mad|drunk)\b|\btwist\w* my\b|\bshak\w* me\b",
    r"\bflinch\w*|\bblock\w* the (door|way)\b|\bregret it if i (tell|leave|left|go|say)\b",
    r"\b(track|tracks|tracking|monitor\w*|spy\w*|spies) (on )?(me|my (phone|location|messages|texts|email))\b|\bcheck\w* up on me\b|\bgo\w* through my phone\b",
    r"\b(afraid|scared|frightened|terrified) to (go|be) (home|alone)\b|\bescap\w*|\b(leave|go) .*\b(afraid|scared|frightened)\b",
    r"\bcontrol\w* (all|the) (money|finances|bank|accounts?)\b|\bkeeps? me from\b|\bcalls? me (names|stupid|worthless|useless|ugly|fat|a \w+)\b",
    r"(?<!passive )\baggressive\b|\b(aggression|wreck\w* my|pull\w* my hair|spit\w* (on|at) me|sexual\w*)\b|\bkick\w* (me|the (door|wall)|things)\b",
    r"\b(push|pushed|pushes|pushing|shoves?) (the kids|the children|them around)\b|\bgets? (mean|nasty|scary|frightening)\b",
    r"\b(force|forces|forced|forcing|pin|pinned|pins|hold me down|held me down|trap\w*) me\b",
    r"\b(take|takes|took|taking|hide|hides|hid) (away )?(my|the) (kids|children|keys|car keys|passport|money|phone|wallet)\b",
    r"\b(afraid|scared|frightened|worried|fear) (that )?(they|partner) (will|would|might|could|is going to|are going to|gets?) (hurt|hit|snap|lose it|explode|kill|do something|get violent|get physical)",
    r"\b(afraid|scared|frightened) (when|whenever|every time|if) (they|partner) (gets?|is|are|drinks|drink|comes home)\b",
    r"\b(temper|rage|raging|explode\w*|lose it|loses it|snaps) .*\b(afraid|scared|frightened)\b",
    r"\b(afraid|scared|frightened) .*\b(temper|rage|raging|explode\w*|lose it|loses it|snaps)\b",
    r"\b(be|you will be|you would be|i would be|i will be) sorry\b",
    r"\b(they|partner|it) (really |sometimes |often )?(scares|frightens|terrifies) me\b",
    r"\bfor my (life|safety)\b|\bcall(ed)? the (cops|police)\b|\b(911|999)\b",
)


def is_unsafe(normalized: str) -> bool:
    """True when the text describes fear, threats, control or violence."""
    return any(re.search(pattern, normalized) for pattern in _PATTERNS)
