"""The spoken form of a reply: what a listener needs that a reader does not.

Phone numbers are read digit by digit in the groups they are printed in
("1-800-799-7233" -> "one, eight hundred, seven nine nine, seven two three
three"), so a person can write them down; a text-to-speech engine left alone
reads 7233 as "seven thousand two hundred and thirty-three" and 88788 as a
quantity. The printed reply keeps the usual format.
"""

from __future__ import annotations

import re

_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SPOKEN_GROUPS = {"800": "eight hundred", "1800": "one eight hundred", "0800": "zero eight hundred"}
"""Toll-free prefixes are said as words, the way the services themselves say them."""

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[ -]\d+)*(?![\d]|-[a-z])", re.IGNORECASE)
"""Digit groups split by single spaces or hyphens; "24-hour" is left to the voice."""


def spell_number(number: str) -> str:
    """ "116 123" -> "one one six, one two three"."""
    groups = [g for g in re.split(r"[ -]+", number.strip()) if g]
    if all(len(g) == 1 for g in groups):
        groups = ["".join(groups)]  # "9-8-8" is one short number
    return ", ".join(_SPOKEN_GROUPS.get(g) or " ".join(_DIGITS[int(d)] for d in g) for g in groups)


def spell_numbers(text: str) -> str:
    """``text`` with every phone number in it spelled out (see ``spell_number``)."""
    text = re.sub(r"\b(1800|0800)([A-Z]{3,})\b", lambda m: f"{m[1]} {m[2].capitalize()}", text)
    return _NUMBER.sub(lambda m: spell_number(m.group()), text)


_CREDENTIALS = {
    "LCSW": "licensed clinical social worker",
    "LMFT": "licensed marriage and family therapist",
    "LPC": "licensed professional counselor",
    "PhD": "doctor of philosophy",
    "Dr.": "Doctor",
}
_SCRIPT_LEADS = {"Try": "You could say", "Ask": "You could ask", "try": "try saying"}
_QUOTED = re.compile(r"\b(Try|Ask|try): [\"“](.+?)[\"”]")
_INSTEAD = re.compile(r"\bInstead of [\"“](.+?),?[\"”],?")


def speakable(text: str) -> str:
    """How ``text`` should sound: scripts framed so a listener hears where they start and
    end ("You could say: ... That's the line."), credentials in words, numbers spelled."""
    text = _INSTEAD.sub(lambda m: f"Instead of saying: {m[1].rstrip(',')},", text)
    text = _QUOTED.sub(_frame_script, text)
    for short, words in _CREDENTIALS.items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", words, text)
    return text


def _frame_script(found: re.Match[str]) -> str:
    line = found[2].strip()
    if line[-1] not in ".?!":
        line += "."
    return f"{_SCRIPT_LEADS[found[1]]}: {line} That's the line."
