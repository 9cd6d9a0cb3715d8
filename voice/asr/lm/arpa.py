"""Write a smoothed n-gram language model in the ARPA text format pocketsphinx reads."""

from __future__ import annotations

import math
from collections import Counter

def write_arpa(token_lists: list[list[str]], out, order: int, discount: float,
               general: dict[str, float], general_weight: float) -> None:
    """Write an interpolated absolute-discount n-gram model in ARPA format to `out`.

    `general` is a slice of general English (word -> probability) mixed into the
    unigrams with `general_weight`, so off-topic words have somewhere to land.
    """
    counts = _count_ngrams(token_lists, order)
    unigrams = _unigram_probs(counts[0], general, general_weight)
    probs, backoffs = [unigrams], []
    for n in range(1, order):
        higher, bow = _discounted(counts[n], probs[n - 1], discount)
        probs.append(higher)
        backoffs.append(bow)
    backoffs.append({})
    out.write("\\data\\\n")
    for n, table in enumerate(probs, start=1):
        out.write(f"ngram {n}={len(table)}\n")
    for n, table in enumerate(probs, start=1):
        out.write(f"\n\\{n}-grams:\n")
        for gram, p in sorted(table.items()):
            line = f"{_log10(p):.4f}\t{' '.join(gram)}"
            if n < order:
                line += f"\t{_log10(backoffs[n - 1].get(gram, 1.0)):.4f}"
            out.write(line + "\n")
    out.write("\n\\end\\\n")


def _count_ngrams(token_lists: list[list[str]], order: int) -> list[Counter]:
    counts: list[Counter] = [Counter() for _ in range(order)]
    for tokens in token_lists:
        padded = ["<s>", *tokens, "</s>"]
        for n in range(1, order + 1):
            for i in range(len(padded) - n + 1):
                counts[n - 1][tuple(padded[i:i + n])] += 1
    return counts


def _unigram_probs(unigrams: Counter, general: dict[str, float], weight: float) -> dict:
    """Add-one domain unigrams mixed with the general-English slice; <s> never predicted."""
    domain = {g: c for g, c in unigrams.items() if g != ("<s>",)}
    total = sum(domain.values()) + len(domain)
    weight = weight if general else 0.0
    probs = {g: (1 - weight) * (c + 1) / total for g, c in domain.items()}
    for word, p in general.items():
        probs[(word,)] = probs.get((word,), 0.0) + weight * p
    probs[("<s>",)] = 0.0
    return probs


def _discounted(counts: Counter, lower_probs: dict, discount: float):
    """P(w|h) = max(c-D,0)/c(h) + bow(h) P(w|h'), with bow(h) = D * types(h) / c(h)."""
    context_total: Counter = Counter()
    context_types: Counter = Counter()
    for gram, c in counts.items():
        context_total[gram[:-1]] += c
        context_types[gram[:-1]] += 1
    bow = {h: discount * context_types[h] / context_total[h] for h in context_total}
    probs = {}
    for gram, c in counts.items():
        h = gram[:-1]
        # every suffix of a counted n-gram was counted too, so the lookup cannot miss
        probs[gram] = max(c - discount, 0) / context_total[h] + bow[h] * lower_probs[gram[1:]]
    return probs, bow


def _log10(p: float) -> float:
    return math.log10(p) if p > 0 else -99.0
