"""Word classes for the domain language model: he/she twins and interchangeable partner words.

A phrasing seen once as "ask her to talk" should be just as likely as "ask him to
talk" or "ask my husband to talk"; expanding each training sentence into those
variants gives unseen mixes of known words probability.
"""

from __future__ import annotations

GENDER_SWAP = {
    "he": "she", "she": "he", "him": "her", "his": "her", "himself": "herself",
    "herself": "himself", "he's": "she's", "she's": "he's", "he'd": "she'd", "she'd": "he'd",
    "he'll": "she'll", "she'll": "he'll", "boyfriend": "girlfriend", "girlfriend": "boyfriend",
    "husband": "wife", "wife": "husband", "boyfriend's": "girlfriend's",
    "girlfriend's": "boyfriend's", "husband's": "wife's", "wife's": "husband's",
}
"""Word for word swaps that turn a sentence about him into one about her ("her" is
handled apart: it is "him" or "his" depending on what follows)."""

PARTNER_WORDS = ("partner", "wife", "husband", "boyfriend", "girlfriend", "spouse", "fiance")
"""Interchangeable names for the partner: a phrasing seen with one is heard with all."""

_HER_AS_OBJECT = frozenset({
    "", "to", "about", "up", "out", "down", "in", "on", "at", "for", "with", "that", "what",
    "how", "why", "when", "and", "but", "or", "so", "if", "again", "more", "back", "off",
    "the", "a", "an", "i", "it", "feel", "know", "talk", "open", "too", "anymore", "first",
})
"""Words after which "her" is an object ("ask her to...") and becomes "him", not "his"."""


def class_variants(tokens: list[str]) -> list[list[str]]:
    """The sentence, its he/she twin, and both with every other partner word, so an
    unseen mix of known words ("my spouse ignores him") still gets probability."""
    twins = [tokens, _gender_swapped(tokens)]
    variants = list(twins)
    for twin in twins:
        slots = [i for i, w in enumerate(twin) if w in PARTNER_WORDS]
        for word in PARTNER_WORDS if slots else ():
            variants.append([word if i in slots else w for i, w in enumerate(twin)])
    return variants


def _gender_swapped(tokens: list[str]) -> list[str]:
    swapped = []
    for i, word in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word == "her":
            swapped.append("him" if following in _HER_AS_OBJECT else "his")
        else:
            swapped.append(GENDER_SWAP.get(word, word))
    return swapped
