"""One normalisation for example phrases and user text alike.

Both sides of every comparison pass through ``normalize`` so that "My wife's
upset, um, she won't talk" and "they won't talk" meet in the middle: lower
case, no punctuation, contractions expanded (with or without the apostrophe,
since recognizers drop it), fillers and recognizer tokens removed, and every
partner word folded into "partner" / "they" / "them".
"""

from __future__ import annotations

import functools
import re
import unicodedata

_CONTRACTIONS = {
    "won't": "will not", "wont": "will not", "can't": "can not", "cant": "can not",
    "cannot": "can not", "shan't": "shall not", "ain't": "is not",
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'll": "i will",
    "i'd": "i would", "you're": "you are", "youre": "you are", "you've": "you have",
    "you'll": "you will", "you'd": "you would", "we're": "we are", "we've": "we have",
    "we'll": "we will", "we'd": "we would", "they're": "they are", "theyre": "they are",
    "they've": "they have", "they'll": "they will", "they'd": "they would",
    "he'll": "he will", "she'll": "she will", "it'll": "it will", "that'll": "that will",
    "who'll": "who will", "there'll": "there will", "he'd": "he would", "she'd": "she would",
    "it'd": "it would", "that'd": "that would", "let's": "let us", "lets": "let us", "y'all": "you all", "gonna": "going to",
    "wanna": "want to", "gotta": "got to", "kinda": "kind of", "dunno": "do not know",
    "okay": "ok", "o.k.": "ok", "alright": "all right", "hymn": "him",
}
_NOT_FORMS = (
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt",
    "hadnt", "wouldnt", "shouldnt", "couldnt", "mustnt", "neednt",
)
_IS_WORDS = (
    "what", "that", "it", "he", "she", "there", "here", "who", "where", "how", "when",
    "why", "everything", "something", "nothing", "one", "this",
)
_IS_GLUED = frozenset({"thats", "whats", "hes", "shes", "whos", "wheres", "heres", "hows", "its"})
_FILLERS = frozenset({
    "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mhm",
    "[unk]", "<unk>", "unk", "[noise]", "<noise>", "<sil>", "[laughter]",
})
_KNOW = re.compile(r"\b(not|really|even|to|i|you|we|they|do|did|just) no (her|him|them|what|how|why|where|when|if|that|anything|everything)\b")
""""No" for "know", as a recognizer or a quick typist writes it: "i dont really no her"."""
_FILLER_PHRASES = re.compile(r"\b(you know|i mean|sort of)\b")
_ASSENT = re.compile(r"\b(?:uh[ -]huh|mm[ -]hmm|mhm|mm hm|yeah yeah)\b")
"""Sounds of assent, read before fillers are dropped: without it "uh huh" is "huh" (say again)."""
_PARTNER_NOUNS = frozenset({
    "partner", "husband", "wife", "boyfriend", "girlfriend", "spouse", "fiance",
    "fiancee", "hubby", "wifey", "bf", "gf", "missus",
})
_PARTNER_AFTER_MY = frozenset({"man", "woman", "guy", "girl", "lady", "love"})
_SUBJECT = frozenset({"he", "she", "they"})
_OBJECT = frozenset({"him", "her", "them", "his", "hers", "their", "theirs", "there", "themselves",
                     "himself", "herself"})


def normalize(text: str, fold: bool = True) -> str:
    """Return ``text`` as plain lower-case words, ready for matching.

    ``fold=False`` keeps partner nouns and pronouns as they were said, for the
    safety screen, which must tell "kill himself" from "kill him".
    """
    text = unicodedata.normalize("NFKD", text).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\[(unk|noise|laughter)\]|<(unk|noise|sil)>", " ", text)
    text = _ASSENT.sub(" yes ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    for phrase in ("other half", "significant other"):
        text = text.replace(phrase, "partner")
    words = " ".join(_expand(word) for word in text.split()).split()
    text = _KNOW.sub(r"\1 know \2", " ".join(word for word in words if word not in _FILLERS))
    words = _FILLER_PHRASES.sub(" ", text).split()
    return " ".join(_fold_partner(words) if fold else words)


@functools.lru_cache(maxsize=65536)
def _expand(word: str) -> str:
    word = word.strip("'")
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if word.endswith("n't"):
        return word[:-3] + " not"
    if word in _NOT_FORMS:
        return word[:-2] + " not"
    if word.endswith("'s"):
        stem = word[:-2]
        return f"{stem} is" if stem in _IS_WORDS else stem
    if word in _IS_GLUED:
        return f"{word[:-1]} is"
    return word.replace("'", "")


def _fold_partner(words: list[str]) -> list[str]:
    """Fold partner nouns and pronouns so one example phrase covers them all."""
    folded: list[str] = []
    for word in words:
        after_my = bool(folded) and folded[-1] == "my"
        if after_my and word.endswith("s") and word[:-1] in _PARTNER_NOUNS:
            word = word[:-1]  # "my girlfriends love language": a possessive the apostrophe fell off
        if word in _PARTNER_NOUNS or (after_my and word in _PARTNER_AFTER_MY):
            if folded and folded[-1] in ("my", "the", "our"):
                folded.pop()
            folded.append("partner")
        elif word in _SUBJECT:
            folded.append("they")
        elif word in _OBJECT:
            folded.append("them")
        else:
            folded.append(word)
    return folded
