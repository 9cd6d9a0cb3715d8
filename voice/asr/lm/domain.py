"""A closed-domain n-gram language model for pocketsphinx, built from the catalog's phrases.

Why an n-gram model and not a grammar: a JSGF grammar of fixed sentences cannot hear a
new paraphrase. A smoothed trigram model over many phrasings can, and mixing in the most
frequent words of general English gives off-topic speech somewhere to land, so it stays
off-topic instead of being forced onto a tip. The model and its small pronunciation
dictionary are cached by content hash, so only the first start pays for the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from voice.asr.lm.arpa import write_arpa
from voice.errors import ModelError
from voice.asr.lm.word_classes import class_variants

log = logging.getLogger(__name__)

BUILD_VERSION = "7"
"""Bump when the build changes, so stale cached models are not reused."""

CONTROL_PHRASES = (
    "stop", "okay stop", "stop talking", "be quiet", "cancel", "bye", "goodbye",
    "yes", "yes please", "yeah", "sure", "okay", "no", "no thanks", "nope",
    "next", "next one", "another one", "previous", "go back", "repeat", "say that again",
    "again", "more", "tell me more", "help", "what can you do",
)
"""Control words the hands-free loop needs, always part of the domain model. The wake phrase is
a setting: whoever builds a model for requests adds it to the sentences (loop/assembly.py)."""

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@dataclass(frozen=True)
class LMOptions:
    """How the domain model is built; part of the cache key."""

    order: int = 3
    """Longest n-gram kept (words)."""
    discount: float = 0.7
    """Absolute discount taken from every seen n-gram count, for unseen continuations."""
    general_words: int = 1500
    """How many frequent general-English words form the off-topic path."""
    general_weight: float = 0.15
    """Share of unigram probability given to the general-English words (0 to 1)."""
    word_classes: bool = True
    """Add each sentence's he/she twin and its variants with every other partner word."""


@dataclass(frozen=True)
class DomainModel:
    """A built domain language model and the dictionary that goes with it."""

    lm_path: Path
    """ARPA n-gram model."""
    dict_path: Path
    """Pronunciations of every word the model can emit."""
    sentences: int
    """How many distinct normalised sentences went in."""
    vocabulary: int
    """Distinct domain words with a pronunciation."""
    missing: tuple[str, ...]
    """Domain words with no pronunciation in the dictionary (left out of the model)."""


def default_cache_dir() -> Path:
    """Per-user cache folder for built models (XDG_CACHE_HOME or ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "openup" / "lm"


def pronouncing_dictionary() -> Path:
    """The CMU dictionary inside the pocketsphinx wheel."""
    return Path(_pocketsphinx().get_model_path("en-us/cmudict-en-us.dict"))


def tokenize(sentence: str) -> list[str]:
    """Words as spoken and as the dictionary spells them: lower case, apostrophes kept.

    Deliberately not `intents.normalize`: that folds "wife" into "partner" and expands
    contractions, but the model must predict the words people actually say; the matcher
    normalises the transcript afterwards.
    """
    return _WORD.findall(sentence.lower().replace("\u2019", "'"))


def build_domain_lm(sentences: Iterable[str], cache_dir: Path | None = None,
                    options: LMOptions = LMOptions()) -> DomainModel:
    """Build (or reuse from the cache) the domain model for these sentences."""
    token_lists = _distinct([tokenize(s) for s in list(sentences) + list(CONTROL_PHRASES)])
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    key = _cache_key(token_lists, options)
    meta_path = cache / f"domain-{key}.json"
    if meta_path.exists():
        log.debug("reusing cached domain model %s", meta_path)
        return _load_meta(meta_path)
    try:
        return _build(token_lists, cache, key, options)
    except OSError as exc:
        raise ModelError(f"cannot write the language model cache in {cache} ({exc.strerror}); "
                         "set XDG_CACHE_HOME to a writable folder") from exc


def load_dictionary(path: Path) -> dict[str, list[str]]:
    """Map each word to its pronunciation lines (alternates included) from a CMU-style file."""
    entries: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split(" ", 1)[0]
            entries[word.split("(", 1)[0]].append(line.rstrip("\n"))
    return entries


def general_english(count: int) -> dict[str, float]:
    """The `count` most frequent words of the bundled general LM, as probabilities summing to 1."""
    if count <= 0:
        return {}
    ps = _pocketsphinx()
    general = ps.NGramModel(ps.Config(loglevel="FATAL"), ps.LogMath(),
                            ps.get_model_path("en-us/en-us.lm.bin"))
    words = [w for w in load_dictionary(pronouncing_dictionary()) if _WORD.fullmatch(w)]
    top = sorted(words, key=lambda w: general.prob([w]), reverse=True)[:count]
    weights = {w: 1.0001 ** general.prob([w]) for w in top}
    total = sum(weights.values())
    return {w: p / total for w, p in weights.items()}


def american_spellings(word: str) -> list[str]:
    """US spellings to borrow a pronunciation from: "minimise" -> "minimize", "maths" -> "math"."""
    rules = (("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized"),
             ("lling", "ling"), ("lled", "led"), ("our", "or"), ("ths", "th"), ("tre", "ter"))
    return [word[: -len(old)] + new for old, new in rules if word.endswith(old)]


def apostrophe_spellings(word: str) -> list[str]:
    """The word with its apostrophe put back, as typed text drops it: "dont" -> "don't",
    "ive" -> "i've", "theyll" -> "they'll"."""
    return [f"{word[:cut]}'{word[cut:]}" for cut in range(len(word) - 1, 0, -1) if "'" not in word]


NAMES = {
    "zakeri": "Z AH K EH R IY", "walfish": "W AO L F IH SH", "shafner": "SH AE F N ER",
    "huttner": "HH AH T N ER", "slatkin": "S L AE T K IH N", "shlomo": "SH L OW M OW", "evie": "IY V IY",
}
"""The quoted experts' names, which the pronouncing dictionary lacks: without them "what did
Zakeri say" could not be heard (its phones, as the dictionary writes them: "fish F IH SH")."""


def _with_borrowed(dictionary: dict[str, list[str]], words: set[str]) -> dict[str, list[str]]:
    """Give missing words the pronunciation of their US spelling, of their spelling with
    the apostrophe, or of the two known words they are made of ("flatmates" = "flat" + "mates");
    the experts' names have their own (NAMES)."""
    for word in sorted(words - dictionary.keys()):
        if word in NAMES:
            dictionary[word] = [f"{word} {NAMES[word]}"]
            continue
        spellings = american_spellings(word) + apostrophe_spellings(word)
        phones = next((_phones(dictionary, v) for v in spellings if v in dictionary),
                      None) or _compound_phones(dictionary, word)
        if phones:
            dictionary[word] = [f"{word} {phones}"]
    return dictionary


def _phones(dictionary: dict[str, list[str]], word: str) -> str:
    """The first pronunciation of a known word, without the word itself."""
    return dictionary[word][0].split(" ", 1)[1].strip()


def _compound_phones(dictionary: dict[str, list[str]], word: str) -> str | None:
    for cut in range(len(word) - 3, 2, -1):  # longest known head first, parts of 3+ letters
        head, tail = word[:cut], word[cut:]
        if head in dictionary and tail in dictionary:
            return f"{_phones(dictionary, head)} {_phones(dictionary, tail)}"
    return None


def _build(token_lists: list[list[str]], cache: Path, key: str, options: LMOptions) -> DomainModel:
    dictionary = _with_borrowed(load_dictionary(pronouncing_dictionary()),
                                {w for t in token_lists for w in t})
    missing = sorted({w for t in token_lists for w in t if w not in dictionary})
    if missing:
        log.warning("%d domain words have no pronunciation and are left out: %s",
                    len(missing), ", ".join(missing))
    kept = _distinct([[w for w in t if w in dictionary] for t in token_lists])
    trained = kept if not options.word_classes else _distinct(
        [v for t in kept for v in class_variants(t) if all(w in dictionary for w in v)])
    general = {w: p for w, p in general_english(options.general_words).items() if w in dictionary}
    vocabulary = sorted({w for t in trained for w in t} | set(general))
    cache.mkdir(parents=True, exist_ok=True)
    lm_path, dict_path = cache / f"domain-{key}.arpa", cache / f"domain-{key}.dict"
    _atomic_write(lm_path, lambda f: write_arpa(trained, f, options.order, options.discount,
                                                general, options.general_weight))
    _atomic_write(dict_path, lambda f: f.writelines(
        line + "\n" for w in vocabulary for line in dictionary[w]))
    model = DomainModel(lm_path, dict_path, len(kept), len({w for t in trained for w in t}),
                        tuple(missing))
    _atomic_write(cache / f"domain-{key}.json", lambda f: json.dump(_meta(model), f))
    log.info("built domain model of %d sentences, %d words, in %s",
             model.sentences, model.vocabulary, cache)
    return model


def _meta(model: DomainModel) -> dict:
    return {"lm_path": model.lm_path.name, "dict_path": model.dict_path.name,
            "sentences": model.sentences, "vocabulary": model.vocabulary,
            "missing": list(model.missing)}


def _load_meta(path: Path) -> DomainModel:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        model = DomainModel(path.parent / meta["lm_path"], path.parent / meta["dict_path"],
                            meta["sentences"], meta["vocabulary"], tuple(meta["missing"]))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cached language model {path} is unreadable ({exc}); "
                         f"delete {path.parent} and run again") from exc
    if not (model.lm_path.exists() and model.dict_path.exists()):
        raise ModelError(f"cached language model {path} is incomplete; "
                         f"delete {path.parent} and run again")
    return model


def _cache_key(token_lists: list[list[str]], options: LMOptions) -> str:
    digest = hashlib.sha256(f"{BUILD_VERSION}|{options}".encode())
    for tokens in sorted(token_lists):
        digest.update((" ".join(tokens) + "\n").encode())
    return digest.hexdigest()[:16]


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file so a crash never leaves half a model behind."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            write(f)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _distinct(token_lists: list[list[str]]) -> list[list[str]]:
    return [list(t) for t in dict.fromkeys(tuple(t) for t in token_lists if t)]


def _pocketsphinx():
    try:
        import pocketsphinx
    except ImportError as exc:
        raise ModelError("pocketsphinx is not installed; run: pip install pocketsphinx") from exc
    return pocketsphinx
