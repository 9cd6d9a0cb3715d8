"""A second look for danger, learned from examples: naive Bayes and logistic regression.

The rules in ``intents.care.screen`` are precise but only know the phrasings they
were written for; people in crisis say it a hundred other ways ("I've made my
peace with it", "I freeze when I hear his car"). This model learns from the
labelled lines in ``content/data/care/screen/`` and the coach's own example
requests (all of them ``none``, which teaches it that "she is afraid of
opening up" is coaching). Negation is marked on the three words after "not"
or "never", so "he has never hit me" does not look like "he hit me".

Two learners over the same features, summed: naive Bayes counts each word on its
own and so reaches phrasings the examples only half cover; logistic regression
weighs words against each other and so is not fooled by one alarming word in an
ordinary complaint. On a set written after the model (tests/data/safety/dev_c.txt)
naive Bayes alone missed 4 of 110 self-harm lines and 2 of 110 abuse lines; the sum
missed 1 and 0 with the same false alarms (4.5%).

Training is a few seconds on a small board, so the screen keeps what was learned
(``to_arrays``) in a cache.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from intents.wording import features, stem_words

NONE = "none"
SMOOTHING = 0.5
"""Additive smoothing of naive Bayes counts (0.5: Jeffreys), tuned on the tune set."""
BAYES_SCALE = 4.0
"""Naive Bayes log-odds are divided by this before adding the regression's: its
independence assumption counts a phrase's words many times over, so its odds run
about four times wider (chosen on tune and dev C among 4 and 8)."""
REGULARISATION = 4.0
"""Inverse L2 penalty of the regression (C): 1 and 4 tried, 4 missed less on dev C."""
STEPS = 100
"""Adam steps over all examples; 60 left dev C one self-harm line short, 200 gave the same as 100."""
LEARNING_RATE = 0.2
NEGATION_SPAN = 3
_NEGATORS = frozenset({"not", "never", "no", "without"})
_FUNCTION_WORDS = frozenset({"i", "me", "my", "they", "them", "their", "partn"})
"""The user's and the partner's pronouns and "partner", dropped as single features (pairs
keep them): naive Bayes read "partner", "me" and "they" as signs of abuse because
disclosures name the partner more often than the look-alikes do, and "I want to share my
anxieties with my partner so they share theirs" scored as abuse. "You" stays: practice
attempts speak to the partner as "you", and without it more of them looked like a crisis."""


class RiskModel:
    """Each risk's log-odds against ``none``: naive Bayes (scaled) plus logistic regression."""

    def __init__(self, examples: Iterable[tuple[str, list[str]]]) -> None:
        """``examples`` are (label, folded words) pairs; one label must be ``none``."""
        rows = [(label, sorted(set(_features(words)))) for label, words in examples]
        labels = tuple(sorted({label for label, _ in rows}))
        if NONE not in labels or len(labels) < 2:
            raise ValueError("a risk model needs 'none' examples and at least one kind of risk")
        index: dict[str, int] = {}
        for _label, feats in rows:
            for feature in feats:
                index.setdefault(feature, len(index))
        self._labels, self._index = labels, index
        self._bayes = _bayes(rows, labels, index)
        self._weights, self._bias = _regression(rows, labels, index)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Everything the model learned, as plain arrays (for a cache file: ``numpy.savez``)."""
        return {"labels": np.array(self._labels), "features": np.array(list(self._index)),
                "bayes": self._bayes, "weights": self._weights, "bias": self._bias}

    @classmethod
    def from_arrays(cls, data) -> RiskModel:
        """A model from ``to_arrays``'s data, without learning again."""
        model = cls.__new__(cls)
        model._labels = tuple(str(label) for label in data["labels"])
        model._index = {str(f): i for i, f in enumerate(data["features"])}
        model._bayes, model._weights, model._bias = (
            np.asarray(data[key], dtype=np.float64) for key in ("bayes", "weights", "bias"))
        shape = (len(model._index), len(model._labels))
        if NONE not in model._labels or model._bayes.shape != shape or model._weights.shape != shape \
                or model._bias.shape != shape[1:]:
            raise ValueError("not a risk model: no 'none' label or tables of the wrong shape")
        return model

    def is_ordinary(self, word: str) -> bool:
        """Whether ``word`` was seen in a ``none`` example (a look-alike or a coaching request):
        a real word people use, not a misspelling that only a disclosure in training held
        ("chokd"), which the screen should still read as meant."""
        found = self._index.get(stem_words([word])[0])
        return found is not None and bool(self._ordinary[found])

    @functools.cached_property
    def _ordinary(self) -> np.ndarray:
        """Per feature: seen in a ``none`` example, i.e. above the floor every unseen one shares."""
        none = self._bayes[:, self._labels.index(NONE)]
        return none > none.min() + 1e-9

    def odds(self, words: list[str]) -> dict[str, float]:
        """Each kind of risk's score against ``none`` (> 0: that risk is more likely)."""
        found = [self._index[f] for f in _features(words) if f in self._index]
        bayes = self._bayes[found].sum(axis=0)  # a repeated feature counts again, as in training text
        logits = self._bias + self._weights[sorted(set(found))].sum(axis=0)
        score = bayes / BAYES_SCALE + logits
        none = self._labels.index(NONE)
        return {label: float(score[i] - score[none]) for i, label in enumerate(self._labels) if label != NONE}


def _bayes(rows: list[tuple[str, list[str]]], labels: tuple[str, ...], index: dict[str, int]) -> np.ndarray:
    """Multinomial naive Bayes with binary counts and equal priors: log P(feature | label),
    one row per feature of ``index``, one column per label."""
    counts = np.zeros((len(index), len(labels)))
    for label, feats in rows:
        counts[[index[f] for f in feats], labels.index(label)] += 1
    return np.log((counts + SMOOTHING) / (counts.sum(axis=0) + SMOOTHING * len(index)))


def _regression(rows: list[tuple[str, list[str]]], labels: tuple[str, ...],
                index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression on binary features, classes weighted to equal
    size, L2-penalised, fitted by Adam. Sparse by hand (numpy only): each example is
    the indices of its features, so a step costs the number of features present."""
    columns = [np.array([index[f] for f in feats], dtype=np.int64) for _, feats in rows]
    sizes = np.array([len(c) for c in columns])
    keep = sizes > 0
    columns = [c for c, k in zip(columns, keep) if k]
    target = np.array([labels.index(label) for (label, _), k in zip(rows, keep) if k])
    cols, owner = np.concatenate(columns), np.repeat(np.arange(len(columns)), sizes[keep])
    starts = np.concatenate([[0], np.cumsum(sizes[keep])[:-1]])
    share = np.bincount(target, minlength=len(labels))
    weight = (len(target) / (len(labels) * np.maximum(share, 1)))[target][:, None]
    onehot = np.eye(len(labels))[target]
    params = [np.zeros((len(index), len(labels))), np.zeros(len(labels))]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, STEPS + 1):
        weights, bias = params
        logits = np.add.reduceat(weights[cols], starts, axis=0) + bias
        logits -= logits.max(axis=1, keepdims=True)
        chance = np.exp(logits)
        chance /= chance.sum(axis=1, keepdims=True)
        error = (chance - onehot) * weight
        spread = error[owner]
        grad_w = np.stack([np.bincount(cols, spread[:, k], len(index)) for k in range(len(labels))], axis=1)
        grads = [grad_w + weights / REGULARISATION, error.sum(axis=0)]
        for param, grad, (first, second) in zip(params, grads, moments):
            first *= 0.9
            first += 0.1 * grad
            second *= 0.999
            second += 0.001 * grad * grad
            param -= LEARNING_RATE * (first / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
    return params[0], params[1]


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
    return [f for f in features(marked) if f not in _FUNCTION_WORDS]
