"""A second look for danger: naive Bayes over words and word pairs, learned from examples.

The rules in ``intents.safety`` are precise but only know the phrasings they
were written for; people in crisis say it a hundred other ways ("I've made my
peace with it", "I freeze when I hear his car"). This model learns from the
labelled lines in ``content/data/care/screen/`` and the coach's own example
requests (all of them ``none``, which teaches it that "she is afraid of
opening up" is coaching). Negation is marked on the three words after "not"
or "never", so "he has never hit me" does not look like "he hit me".

Training is counting, done once when the screen is built (a few ms).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from intents.wording import features, stem_words

NONE = "none"
SMOOTHING = 0.5
"""Additive smoothing of feature counts (0.5: Jeffreys), tuned on the tune set."""
NEGATION_SPAN = 3
_NEGATORS = frozenset({"not", "never", "no", "without"})


class RiskModel:
    """Multinomial naive Bayes with binary word counts and equal class priors."""

    def __init__(self, examples: Iterable[tuple[str, list[str]]]) -> None:
        """``examples`` are (label, folded words) pairs; one label must be ``none``."""
        counts: dict[str, Counter[str]] = {}
        for label, words in examples:
            counts.setdefault(label, Counter()).update(set(_features(words)))
        if NONE not in counts or len(counts) < 2:
            raise ValueError("a risk model needs 'none' examples and at least one kind of risk")
        vocabulary = {f for c in counts.values() for f in c}
        self._labels = tuple(sorted(counts))
        self._log: dict[str, dict[str, float]] = {}
        self._unseen: dict[str, float] = {}
        for label, counter in counts.items():
            total = sum(counter.values()) + SMOOTHING * len(vocabulary)
            self._log[label] = {f: math.log((n + SMOOTHING) / total) for f, n in counter.items()}
            self._unseen[label] = math.log(SMOOTHING / total)
        self._vocabulary = vocabulary

    def to_dict(self) -> dict[str, object]:
        """Everything the model learned, as plain data (for a cache file)."""
        return {"log": self._log, "unseen": self._unseen}

    @classmethod
    def from_dict(cls, data: dict) -> RiskModel:
        """A model from ``to_dict``'s data, without learning again."""
        model = cls.__new__(cls)
        model._log = {label: dict(table) for label, table in data["log"].items()}
        model._unseen = dict(data["unseen"])
        model._labels = tuple(sorted(model._log))
        model._vocabulary = {f for table in model._log.values() for f in table}
        if NONE not in model._log:
            raise ValueError("not a risk model: no 'none' table")
        return model

    def odds(self, words: list[str]) -> dict[str, float]:
        """Each kind of risk's log-odds against ``none`` (> 0: that risk is more likely)."""
        feats = [f for f in _features(words) if f in self._vocabulary]
        scores = {
            label: sum(self._log[label].get(f, self._unseen[label]) for f in feats) for label in self._labels
        }
        return {label: score - scores[NONE] for label, score in scores.items() if label != NONE}


def _features(words: list[str]) -> list[str]:
    """Stemmed words and pairs, with "not_" before words a negation reaches."""
    marked: list[str] = []
    reach = 0
    for word in stem_words(words):
        if word in _NEGATORS:
            reach = NEGATION_SPAN
            marked.append(word)
            continue
        marked.append(f"not_{word}" if reach else word)
        reach = max(reach - 1, 0)
    return features(marked)
