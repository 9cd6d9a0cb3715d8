"""Is a request about drawing out someone other than the user's partner?

The coach is for partners. "My coworker won't talk to me" or "how do I get my
son to open up" share every word with a real request except the person, so
the words alone cannot reject them. This check looks for another person in
the place the partner usually takes ("my boss won't …", "get my son to …")
with nothing else pointing to the partner. Runs on normalised text, where
partner words are already folded to "partner" / "they".
"""

from __future__ import annotations

import re

_OTHERS = (
    "boss|coworkers?|colleagues?|manager|employees?|team|teammates?|son|daughter|kids?|child|children"
    "|teenager|teen|toddler|baby|mom|mum|mother|dad|father|parents?|sister|brother|siblings?"
    "|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|niece|nephew|friends?|best friend"
    "|roommate|flatmate|neighbou?r|landlord|tenant|teacher|students?|doctor|clients?|customers?"
    "|dog|cat|puppy|kitten|pet|mother in law|father in law|in laws"
)
_ROLE = re.compile(
    rf"\b(?:(?:my|our) (?:{_OTHERS}) (?:will not|would not|does not|do not|did not|can not|never|is|are"
    rf"|keeps?|shuts?|clams?|gets?|seems?|seemed|hates?|ignores?|barely|refuses?|won t)\b"
    rf"|\b(?:get|help|make|convince) (?:my|our) (?:{_OTHERS}) (?:to|open|talk|like|trust|listen))"
)
_PARTNER_SIGNS = frozenset("partner they we us our relationship couple couples marriage married dating".split())


def about_someone_else(normalized: str) -> bool:
    """True when another person, not the partner, is the one to be drawn out."""
    if any(word in _PARTNER_SIGNS for word in normalized.split()):
        return False
    return _ROLE.search(normalized) is not None
