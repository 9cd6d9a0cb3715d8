"""The domain language model: valid ARPA, generalisation, missing words, caching."""

from __future__ import annotations

import logging
import math
import os
import re

import pytest

from voice.asr.lm.domain import (
    CONTROL_PHRASES, LMOptions, american_spellings, apostrophe_spellings, build_domain_lm, load_dictionary, tokenize,
)
from voice.asr.lm.arpa import write_arpa
from voice.errors import ModelError
from voice.asr.lm.word_classes import class_variants

SENTENCES = [
    "how do I get my partner to open up",
    "how do I get him to talk",
    "what should I ask her",
    "should we set a time to talk",
    "she won't tell me what's wrong",
]
SMALL = LMOptions(general_words=200)


def parse_arpa(path):
    """{order: {ngram tuple: (log10 prob, log10 backoff or None)}} and the declared counts."""
    declared, grams, order = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.fullmatch(r"ngram (\d+)=(\d+)", line):
            declared[int(m[1])] = int(m[2])
        elif m := re.fullmatch(r"\\(\d+)-grams:", line):
            order = int(m[1])
            grams[order] = {}
        elif line.strip() and order and not line.startswith("\\"):
            fields = line.split("\t")
            grams[order][tuple(fields[1].split())] = (
                float(fields[0]), float(fields[2]) if len(fields) > 2 else None)
    return declared, grams


@pytest.fixture()
def model(tmp_path):
    return build_domain_lm(SENTENCES, tmp_path, SMALL)


def test_arpa_counts_match_sections_and_probabilities_are_logs(model):
    declared, grams = parse_arpa(model.lm_path)
    assert declared == {n: len(grams[n]) for n in grams} and set(declared) == {1, 2, 3}
    assert all(p <= 0 for table in grams.values() for p, _ in table.values())


def test_every_ngram_has_its_prefix_and_unigrams_sum_to_one(model):
    _, grams = parse_arpa(model.lm_path)
    for n in (2, 3):
        for gram in grams[n]:
            assert gram[:-1] in grams[n - 1] and gram[1:] in grams[n - 1]
    total = sum(10 ** p for p, _ in grams[1].values())
    assert total == pytest.approx(1.0, abs=0.01)


def test_pocketsphinx_loads_the_model_and_scores_an_unseen_paraphrase(model):
    ps = pytest.importorskip("pocketsphinx")
    lm = ps.NGramModel(ps.Config(loglevel="FATAL"), ps.LogMath(), str(model.lm_path))
    # NGramModel.prob takes the predicted word first, then its history, most recent first
    seen = lm.prob(["partner", "my", "get"])
    unseen = lm.prob(["partner", "her", "get"])  # never in the sentences, all words known
    assert seen > unseen > -10_000_000


def test_seen_continuations_beat_unseen_ones(tmp_path):
    out = tmp_path / "x.arpa"
    with open(out, "w", encoding="utf-8") as f:
        options = LMOptions()
        write_arpa([["a", "b", "c"], ["a", "b", "d"], ["a", "b", "c"]], f, options.order, options.discount,
                   {}, options.general_weight)
    _, grams = parse_arpa(out)
    assert grams[3][("a", "b", "c")][0] > grams[3][("a", "b", "d")][0]
    assert grams[2][("<s>", "a")][1] < 0  # a backoff weight leaves mass for the unseen


def test_dictionary_holds_every_word_the_model_can_say(model):
    _, grams = parse_arpa(model.lm_path)
    spoken = {g[0] for g in grams[1]} - {"<s>", "</s>"}
    assert spoken <= set(load_dictionary(model.dict_path))
    assert {"partner", "won't", "what's", "stop", "yes"} <= spoken


def test_control_words_are_always_in_the_model(model):
    _, grams = parse_arpa(model.lm_path)
    for phrase in CONTROL_PHRASES:
        assert tuple(tokenize(phrase)[:1]) in grams[1]
    assert model.sentences == len(SENTENCES) + len(CONTROL_PHRASES)


def test_words_without_a_pronunciation_are_reported_and_left_out(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="voice.asr.lm.domain"):
        model = build_domain_lm(SENTENCES + ["my partner is a zorbleflax"], tmp_path, SMALL)
    assert model.missing == ("zorbleflax",)
    assert "zorbleflax" in caplog.text
    assert "zorbleflax" not in model.lm_path.read_text(encoding="utf-8")


def test_british_spellings_and_compounds_borrow_known_pronunciations(tmp_path):
    model = build_domain_lm(["we need counselling", "i minimise it", "my flatmates"], tmp_path, SMALL)
    assert model.missing == ()
    entries = load_dictionary(model.dict_path)
    assert entries["minimise"] == ["minimise M IH N AH M AY Z"]
    assert entries["flatmates"] == ["flatmates F L AE T M EY T S"]  # flat + mates
    assert entries["counselling"]
    assert american_spellings("realising") == ["realizing"]


def test_typed_contractions_without_apostrophes_borrow_the_spoken_form(tmp_path):
    model = build_domain_lm(["i dont want to be here", "hes never been violent", "ive had enough"], tmp_path, SMALL)
    assert model.missing == ()
    entries = load_dictionary(model.dict_path)
    assert entries["dont"] == ["dont D OW N T"]
    assert entries["ive"] == ["ive AY V"]
    assert apostrophe_spellings("theyll") == ["theyl'l", "they'll", "the'yll", "th'eyll", "t'heyll"]


def test_tokenize_keeps_spoken_words_and_apostrophes():
    assert tokenize("She WON\u2019T say, what's wrong?") == ["she", "won't", "say", "what's", "wrong"]
    assert tokenize("my fiancée, 2 days") == ["my", "fiancée", "days"]


def test_cached_model_is_reused_without_rebuilding(tmp_path):
    first = build_domain_lm(SENTENCES, tmp_path, SMALL)
    stamp = first.lm_path.stat().st_mtime_ns
    os.utime(first.lm_path, ns=(stamp - 10**9, stamp - 10**9))
    again = build_domain_lm(list(reversed(SENTENCES)), tmp_path, SMALL)
    assert again == first
    assert first.lm_path.stat().st_mtime_ns == stamp - 10**9
    other = build_domain_lm(SENTENCES + ["a new phrase"], tmp_path, SMALL)
    assert other.lm_path != first.lm_path
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_broken_cache_gives_a_model_error_naming_the_fix(tmp_path):
    model = build_domain_lm(SENTENCES, tmp_path, SMALL)
    model.lm_path.unlink()
    with pytest.raises(ModelError, match="delete"):
        build_domain_lm(SENTENCES, tmp_path, SMALL)


def test_general_english_words_give_off_topic_speech_somewhere_to_land(tmp_path):
    model = build_domain_lm(SENTENCES, tmp_path, SMALL)
    _, grams = parse_arpa(model.lm_path)
    domain = {w for s in SENTENCES + list(CONTROL_PHRASES) for w in tokenize(s)}
    general = [g for g in grams[1] if g[0] not in domain | {"<s>", "</s>"}]
    assert len(general) >= 150 and ("people",) in grams[1]
    assert all(math.isfinite(grams[1][g][0]) and grams[1][g][0] > -20 for g in general)


def test_without_the_general_slice_only_domain_words_remain(tmp_path):
    model = build_domain_lm(SENTENCES, tmp_path, LMOptions(general_words=0, word_classes=False))
    _, grams = parse_arpa(model.lm_path)
    domain = {w for s in SENTENCES + list(CONTROL_PHRASES) for w in tokenize(s)}
    assert {g[0] for g in grams[1]} == domain | {"<s>", "</s>"}


def test_an_unwritable_cache_is_a_model_error_saying_what_to_do(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.raises(ModelError, match="XDG_CACHE_HOME"):
        build_domain_lm(SENTENCES, blocker / "lm", SMALL)


def test_class_variants_swap_he_and_she_and_every_partner_word():
    variants = {" ".join(v) for v in class_variants(tokenize("my wife won't let him in"))}
    assert {"my wife won't let him in", "my husband won't let her in",
            "my spouse won't let him in", "my boyfriend won't let her in"} <= variants
    assert "i want to know his feelings" in {
        " ".join(v) for v in class_variants(tokenize("i want to know her feelings"))}
    assert "ask him to talk" in {" ".join(v) for v in class_variants(tokenize("ask her to talk"))}
    assert class_variants(["stop"]) == [["stop"], ["stop"]]


def test_word_classes_give_unseen_combinations_of_known_words_trigrams(tmp_path):
    with_classes = parse_arpa(build_domain_lm(SENTENCES, tmp_path, SMALL).lm_path)[1]
    without = parse_arpa(build_domain_lm(
        SENTENCES, tmp_path, LMOptions(general_words=200, word_classes=False)).lm_path)[1]
    for gram in (("get", "her", "to"), ("my", "spouse", "to"), ("ask", "him", "</s>")):
        assert gram in with_classes[3] and gram not in without[3]


def test_the_quoted_experts_names_can_be_heard():
    # "what did Zakeri say": names the pronouncing dictionary lacks get their own phones,
    # all of them phones the acoustic model knows (the ones the dictionary itself uses).
    from voice.asr.lm.domain import NAMES, _with_borrowed, load_dictionary, pronouncing_dictionary
    known = {phone for lines in load_dictionary(pronouncing_dictionary()).values()
             for line in lines for phone in line.split()[1:]}
    dictionary = _with_borrowed(load_dictionary(pronouncing_dictionary()), set(NAMES))
    for name in NAMES:
        assert set(dictionary[name][0].split()[1:]) <= known, name
