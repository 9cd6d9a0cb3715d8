"""Text to intent: weighted word overlap with every example phrase, fuzzy at the word level.

Each example phrase becomes a TF-IDF vector of stemmed words and word pairs;
a request is scored against all of them through an inverted index, so rare,
telling words ("interrupting", "love language") outweigh "how do i". Words
the catalog has never seen are snapped to the nearest known word with
rapidfuzz, which absorbs recognizer slips such as "bodie" or "languish".
A label's score is its best phrase's cosine similarity.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from content.catalog import Catalog
from intents.normalize import normalize
from content.care import load_screen_examples
from intents.care.screen import SPELLINGS_KEPT, Risk, Screen, default_screen_cache
from intents.scope import Scope, about_someone_else
from intents.wording import features, stem_words

_LOG = logging.getLogger(__name__)

SPEECH_FLOOR = 0.25
"""Matcher confidence a spoken request needs (safety always passes). On set A spoken by
espeak-ng en-us/en-gb, 0.25 kept 80-89% of requests and rejected 82-89% of off-topic
ones; 0.35 rejects 95% but keeps only 70-79%. An ASR-confidence floor only cost accuracy."""

ACCEPT = 0.15
"""Lowest best-phrase similarity that still counts as understood."""

CLOSE_CALL = 0.04
"""Two techniques closer than this are too close to call."""

TECHNIQUE_BIAS = 0.12
"""How far a technique may trail a generic tip and still be preferred."""

NEAREST_SHARE = 0.5
"""Weight of the nearest phrase against the label's centroid in a label's score."""

PRACTICE_TOPIC = 0.14
"""A practice request names a drill when the words besides the asking ("validating" in "let's
practise validating", 0.38) score a technique at least this and at least PRACTICE_LEAD times
the next technique."""

PRACTICE_LEAD = 2.0

MAX_WORDS = 80
"""Words of a request that are scored; a request is a sentence or two, and the rest
of an absurdly long line is only screened for danger (bounded work on any input)."""

SPELLING = 60
"""Lowest rapidfuzz ratio for snapping an unknown word onto a known one."""


@dataclass(frozen=True)
class Match:
    """What the user asked for."""

    intent: str
    technique: str | None
    """A technique id, when the request names or implies one."""
    confidence: float
    """0 to 1."""
    alternatives: tuple[str, ...] = ()
    """Technique ids too close to call, best first (empty when clear)."""
    risk: Risk | None = None
    """For ``safety``: what the screen found."""


@dataclass(frozen=True)
class Ranking:
    """Why the matcher decided: the normalised text and the best labels."""

    normalized: str
    words: tuple[str, ...]
    """Stemmed, spelling-corrected words that were scored."""
    scores: tuple[tuple[str, float], ...]
    """(label, similarity) best first; labels are intents or "tip:<technique>"."""
    risk: Risk | None
    """What the safety screen found, before any label was weighed."""
    elsewhere: bool = False
    """The request is about some thing or someone else, not the partner (intents.scope)."""
    drill_topic: tuple[tuple[str, float], ...] = ()
    experts: tuple[str, ...] = ()
    """Techniques whose quoted experts the request names ("what did Walfish say")."""
    """(technique, similarity) of the words left once the asking to practise (or for a quote)
    is taken out ("let's practise validating" -> "validate", "read me the quote about body
    language" -> "body language"), best first; empty when nothing is left."""


class _Index:
    """Unit-length sparse vectors behind an inverted index, scored by cosine."""

    def __init__(self, vectors: list[dict[str, float]]) -> None:
        lists: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, vector in enumerate(vectors):
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            for feat, weight in vector.items():
                lists[feat].append((index, weight / norm))
        # numpy arrays per feature: one bincount scores every document at once, which
        # keeps a request well under a millisecond with thousands of example phrases.
        self.size = len(vectors)
        self.postings = {
            feat: (np.array([i for i, _ in pairs], dtype=np.intp), np.array([w for _, w in pairs]))
            for feat, pairs in lists.items()
        }

    def cosines(self, query: dict[str, float], norm: float) -> np.ndarray:
        """Every document's cosine with the query (0 where they share nothing)."""
        hits = [(self.postings[feat], weight) for feat, weight in query.items() if feat in self.postings]
        if not hits:
            return np.zeros(self.size)
        indices = np.concatenate([ids for (ids, _), _ in hits])
        weights = np.concatenate([doc * weight for (_, doc), weight in hits])
        return np.bincount(indices, weights=weights, minlength=self.size) / norm


class Matcher:
    """Scores requests against the catalog's example phrases."""

    def __init__(self, examples: list[tuple[str, str]], screen: Screen | None = None,
                 experts: dict[str, tuple[str, ...]] | None = None) -> None:
        """``examples`` are (label, phrase) pairs; labels are intents or "tip:<id>".
        ``screen`` looks for danger before any label is weighed (default: the rules alone).
        ``experts``: each quoted expert's surname, lower case, and the techniques they are
        quoted in ("what did Walfish say" asks for that quote)."""
        self._screen = screen or Screen()
        self._experts = experts or {}
        self._expert_names = tuple(self._experts)
        documents = []
        stemmed = [(label, stem_words(normalize(phrase).split())) for label, phrase in examples]
        self._scope = Scope.learn([(label == "fallback", words) for label, words in stemmed])
        for label, words in stemmed:
            feats = set(features(words))
            if feats:
                documents.append((label, feats))
        self._idf = _weights(documents)
        self._unknown_weight = max(self._idf.values(), default=1.0)
        vectors = [{f: self._idf[f] for f in feats} for _label, feats in documents]
        self._phrase_labels = [label for label, _feats in documents]
        self._class_labels = sorted(set(self._phrase_labels))
        # Phrases sorted by label, so each label's best phrase is one reduceat away.
        order = sorted(range(len(vectors)), key=lambda i: self._phrase_labels[i])
        self._phrases = _Index([vectors[i] for i in order])
        sorted_labels = [self._phrase_labels[i] for i in order]
        self._label_starts = np.array([sorted_labels.index(label) for label in self._class_labels], dtype=np.intp)
        self._classes = _Index([_centroid(vectors, self._phrase_labels, label) for label in self._class_labels])
        self._vocabulary = sorted({f for f in self._idf if " " not in f})
        self._spelling: dict[str, str | None] = {}

    @classmethod
    def from_catalog(cls, catalog: Catalog, cache_dir: Path | None = None) -> Matcher:
        """Index every technique phrase, situation and intent phrase, behind a safety screen
        that also learned from them (every coaching request is a ``none``); the screen's
        learned model is kept between runs in ``cache_dir`` (default: the user's cache)."""
        examples = [
            (f"tip:{t.id}", phrase) for t in catalog.techniques for phrase in t.phrases + t.situations
        ]
        # Safety is no label in this contest: the screen runs first (intents.care.screen),
        # and its phrases here would pull "she is afraid of opening up" towards care.
        examples += [(intent, phrase) for intent, phrases in catalog.intent_phrases
                     for phrase in phrases if intent != "safety"]
        requests = [phrase for _label, phrase in examples]
        screen = Screen.cached(load_screen_examples(), requests, cache_dir or default_screen_cache())
        experts: dict[str, tuple[str, ...]] = {}
        for technique in catalog.techniques:
            for quote in technique.quotes:
                name = quote.speaker.split()[-1].lower()
                experts[name] = tuple(dict.fromkeys(experts.get(name, ()) + (technique.id,)))
        return cls(examples, screen, experts)

    def rank(self, text: str) -> Ranking:
        """Score ``text`` against every label, best first."""
        normalized = normalize(text)
        words, guessed = self._correct(stem_words(normalized.split()[:MAX_WORDS]))
        scores = self._scores(set(features(words)))
        ranked = tuple(sorted(scores.items(), key=lambda item: -item[1]))
        elsewhere = self._scope.about_something_else(words, guessed)
        experts = self._named_experts(normalized.split())
        quote = bool(ranked) and (ranked[0][0] == "quote" or bool(_ASKS_FOR_WORDS.search(normalized))
                                  or bool(experts and _SAYS.search(normalized)))
        topic = self._drill_topic(words, quote, therapy_named=bool(_NAMES_THERAPY.search(normalized)))
        return Ranking(normalized, tuple(words), ranked, self._screen(text), elsewhere, topic, experts)

    def _named_experts(self, words: list[str]) -> tuple[str, ...]:
        """The techniques whose quoted experts the words name, allowing a misheard letter
        or two ("fran wolfish"): a name is long and rare, so a near spelling is still it."""
        named: list[str] = []
        for word in words:
            if len(word) >= 5:
                found = process.extractOne(word, self._expert_names, scorer=fuzz.ratio, score_cutoff=EXPERT_SPELLING)
                if found and found[0][0] == word[0]:
                    named += self._experts[found[0]]
        return tuple(dict.fromkeys(named))

    def _drill_topic(self, words: list[str], quote: bool = False,
                     therapy_named: bool = False) -> tuple[tuple[str, float], ...]:
        """Which technique the rest of a request to practise (or, when ``quote``, for a quote)
        names, scored on that rest alone: "can we" and "practise" pull towards whatever
        phrases hold them. ``therapy_named``: the request says "therapy" or "counselling"
        itself, not only "the therapist" who is quoted ("the quote on going to therapy")."""
        if _PRACTISE_VERBS.intersection(words):
            asking = _ASKING_TO_PRACTISE
        elif quote:
            asking = _ASKING_FOR_QUOTE - {"therapy"} if therapy_named else _ASKING_FOR_QUOTE
        else:
            return ()
        rest = [word for word in words if word not in asking]
        scores = self._scores(set(features(rest))) if rest else {}
        return tuple(sorted(((label[4:], score) for label, score in scores.items() if label.startswith("tip:")),
                            key=lambda item: -item[1]))

    def match(self, text: str) -> Match | None:
        """The best reading of ``text``, or None when it is outside what the coach does."""
        return self.decide(self.rank(text))

    def decide(self, ranking: Ranking) -> Match | None:
        """The Match for a ranking already made, logging why at DEBUG level."""
        _LOG.debug("normalized %r -> words %s", ranking.normalized, " ".join(ranking.words))
        _LOG.debug("top candidates: %s", ", ".join(f"{l}={s:.2f}" for l, s in ranking.scores[:5]))
        if ranking.elsewhere:
            _LOG.debug("about something other than the partner: out of scope")
        return decide(ranking)

    def _scores(self, query: set[str]) -> dict[str, float]:
        weights = {feat: self._idf[feat] for feat in query if feat in self._idf}
        if not weights:
            return {}
        # Words the catalog never uses still count against every phrase:
        # "find a romantic restaurant" must not score like "find a therapist".
        unknown = sum(1 for f in query if f not in self._idf and " " not in f)
        norm = math.sqrt(sum(w * w for w in weights.values()) + unknown * self._unknown_weight**2)
        nearest = np.maximum.reduceat(self._phrases.cosines(weights, norm), self._label_starts)
        centroid = self._classes.cosines(weights, norm)
        score = NEAREST_SHARE * nearest + (1 - NEAREST_SHARE) * centroid
        return {self._class_labels[i]: float(score[i]) for i in np.flatnonzero(centroid > 0)}

    def _correct(self, words: list[str]) -> tuple[list[str], list[bool]]:
        """Join split words and snap unknown words to the nearest known one; with each word,
        whether it is such a guess."""
        fixed: list[str] = []
        guessed: list[bool] = []
        for word in words:
            if fixed and word not in self._idf and fixed[-1] + word in self._idf:
                fixed[-1] += word
                guessed[-1] = False  # "a gain" -> "again": a known word, not a guess
                continue
            nearest = None if word in self._idf else self._nearest(word)
            fixed.append(nearest or word)
            guessed.append(nearest is not None)
        return fixed, guessed

    def _nearest(self, word: str) -> str | None:
        """A known word that is close in spelling and starts the same way (bodie -> body)."""
        if len(word) < 4:
            return None
        if word not in self._spelling:
            if len(self._spelling) >= SPELLINGS_KEPT:
                self._spelling.clear()  # a service runs for months: what it keeps is bounded
            found = process.extract(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=SPELLING, limit=5)
            same_start = [w for w, _score, _i in found if w[:3] == word[:3]]
            self._spelling[word] = same_start[0] if same_start else None
        return self._spelling[word]


def _weights(documents: list[tuple[str, set[str]]]) -> dict[str, float]:
    """Inverse phrase frequency: "how do i" weighs little, "silence" much."""
    frequency: dict[str, int] = defaultdict(int)
    for _label, feats in documents:
        for feat in feats:
            frequency[feat] += 1
    return {feat: math.log(1 + len(documents) / n) for feat, n in frequency.items()}


def _centroid(vectors: list[dict[str, float]], labels: list[str], label: str) -> dict[str, float]:
    """The sum of a label's unit phrase vectors: every word the label uses, weighted."""
    total: dict[str, float] = defaultdict(float)
    for vector, own in zip(vectors, labels):
        if own == label:
            norm = math.sqrt(sum(w * w for w in vector.values()))
            for feat, weight in vector.items():
                total[feat] += weight / norm
    return total


def _names_a_drill(techniques: list[tuple[str, float]]) -> bool:
    if not techniques or techniques[0][1] < PRACTICE_TOPIC:
        return False
    return len(techniques) == 1 or techniques[0][1] >= PRACTICE_LEAD * techniques[1][1]


_PRACTISE_VERBS = frozenset({"practice", "practise", "rehearse", "role", "drill"})
_ASKING_TO_PRACTISE = frozenset({
    "practice", "practise", "rehearse", "role", "play", "let", "us", "can", "could", "shall", "should", "we", "i",
    "want", "to", "do", "a", "the", "some", "session", "drill", "again", "please", "go", "have", "run", "through",
    "it", "with", "you", "me", "this", "that", "one", "now", "ok", "yes",
})
"""Words of asking to practise at all: a drill is named only by some other word ("practise
validating"), or "practice" alone would pick the technique whose title holds the word."""

_ASKING_FOR_QUOTE = frozenset({
    "quote", "read", "me", "the", "a", "an", "about", "on", "for", "of", "from", "what", "whats", "which", "who",
    "does", "did", "do", "say", "said", "says", "saying", "exact", "exactly", "actual", "actually", "word", "words",
    "wording", "therapy", "article", "tell", "give", "let", "hear", "is", "was", "that", "this", "it", "one", "there",
    "can", "could", "you", "please", "again", "original", "orig", "again", "source", "us", "i", "want", "like",
    "would", "to", "and", "by", "have", "has", "had",
})
"""Words of asking for a quote: what is left names the technique whose quote is wanted.
"Expert", "therapist" and "counselor" are folded to "quote" and "therapy" before this."""

_ASKS_TO_PRACTISE = re.compile(
    r"\b(?:help me|let me|let us|lets|can we|could we|can i|could i|shall we|i want to|i would like to|i wanna) "
    r"(?:(?!not\b)\w+ )?(?:practice|practise|rehearse|role ?play|drill)\b|\b(?:drill|quiz|test) me\b")
"""A request to the coach to run a drill, whatever technique it names ("drill me on the listening
one"); "how do i practise listening" stays a question about the tip."""

_ASKS_FOR_WORDS = re.compile(r"\bquot(?:e|es|ation)\b|\bword for word\b|\b(?:exact|actual) words\b|\b(?<!my )own words\b")
_SAYS = re.compile(r"\b(?:say|says|said|saying|line|words|put it|think|thinks|suggest|suggests|mean|meant)\b")
"""With an expert's name: asking what they said ("what was Zakeri's line about noticing")."""
EXPERT_SPELLING = 80
"""rapidfuzz ratio from which a word is taken for a quoted expert's surname ("wolfish": 86)."""
"""A request for the expert's words themselves; "what would an expert suggest" asks for a tip."""
_NAMES_THERAPY = re.compile(r"\b(?:therapy|counsel+ing|couples counsel+ing|marriage counsel+ing)\b")

_PARTNER_WORDS = frozenset({"partner", "they", "them", "their", "relationship"})
"""Normalised words that put the partner in a sentence (normalize folds he/she/wife... to these)."""


def decide(ranking: Ranking) -> Match | None:
    """Turn a ranking into a Match: safety first, then the best label above the floor."""
    if ranking.risk is not None:
        return Match("safety", None, 1.0, risk=ranking.risk)
    if not ranking.scores:
        return None
    label, score = ranking.scores[0]
    if score < ACCEPT or label == "fallback":
        return None
    if label == "stop" and _PARTNER_WORDS.intersection(ranking.normalized.split()):
        return None  # "should I end things with her" is about the relationship, not this talk
    if label.startswith("tip") or label == "why":
        # Only answers about the partner are judged by what they are about: "give me a
        # concrete example" is a follow-up whatever "concrete" means to the coach.
        if ranking.elsewhere or about_someone_else(ranking.normalized):
            return None
    if label == "practice" and ranking.elsewhere:
        return None  # "practise my spanish with me"
    if label.startswith("tip") and _ASKS_TO_PRACTISE.search(ranking.normalized):
        label = "practice"  # "help me practise asking her directly": a drill, not the tip
    elif label.startswith("tip") and _ASKS_FOR_WORDS.search(ranking.normalized):
        label = "quote"  # "what's the quote about body language": its words, not its summary
    elif ranking.experts and label != "stop" and _SAYS.search(ranking.normalized):
        label = "quote"  # "what did Shafner say about activities", "what was Slatkin's line"
    techniques = [(l[4:], s) for l, s in ranking.scores if l.startswith("tip:")]
    if label == "tip" and techniques and techniques[0][1] >= score - TECHNIQUE_BIAS:
        label, score = f"tip:{techniques[0][0]}", techniques[0][1]
    if label == "quote" and ranking.experts:
        # "what did Walfish say": her technique; "what did Shafner say about activities together": of hers, that one
        topic = [(t, s) for t, s in ranking.drill_topic if t in ranking.experts]
        named = topic[0][0] if topic and topic[0][1] >= PRACTICE_TOPIC else (
            ranking.experts[0] if len(ranking.experts) == 1 else None)
        return Match(label, named, round(min(score, 1.0), 2))
    if label in ("practice", "quote") and _names_a_drill(list(ranking.drill_topic)):
        # "practise validating", "read me the quote about body language"
        return Match(label, ranking.drill_topic[0][0], round(min(score, 1.0), 2))
    if not label.startswith("tip:"):
        return Match(label, None, round(min(score, 1.0), 2))
    close = tuple(t for t, s in techniques[:2] if s >= techniques[0][1] - CLOSE_CALL)
    return Match("tip", label[4:], round(min(score, 1.0), 2), close if len(close) > 1 else ())
