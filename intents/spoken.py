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
