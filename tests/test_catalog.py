"""The shipped catalog matches the contract, quotes are verbatim and attributed, typos are named."""

import re
import shutil
from pathlib import Path

import pytest

from content.catalog import TECHNIQUE_IDS, load_catalog
from content.errors import ContentError
from intents.matcher import Matcher

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "11-ways-to-get-your-partner-to-open-up.txt"
DATA = Path(__file__).resolve().parents[1] / "content" / "data"

CONTRACT_IDS = {
    "direct-question", "share-vulnerability", "set-a-time", "bonding-activity", "good-listener",
    "body-language", "validate-feelings", "caring-behaviors", "acknowledge", "try-something-new", "therapy",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def test_technique_ids_are_exactly_the_contract(catalog):
    ids = [t.id for t in catalog.techniques]
    assert len(ids) == len(set(ids)) == 11
    assert set(ids) == CONTRACT_IDS == set(TECHNIQUE_IDS)


@pytest.mark.skipif(not ARTICLE.exists(), reason="the shared article is not beside this checkout")
def test_every_quote_is_verbatim_from_the_article(catalog):
    article = _flat(ARTICLE.read_text(encoding="utf-8"))
    quotes = [q for t in catalog.techniques for q in t.quotes] + list(catalog.intro_quotes)
    for quote in quotes:
        # A sentence that ends in a comma in the article may end in a full stop here.
        assert _flat(quote.text).rstrip(".,") in article, quote.text
        assert quote.speaker in article


def test_every_quote_is_attributed_with_credential_and_source(catalog):
    for technique in catalog.techniques:
        assert technique.quotes, technique.id
        for quote in technique.quotes:
            assert quote.speaker and quote.credential
            assert "Carina Wolff" in quote.attribution() and "11 Ways" in quote.attribution()


def test_summaries_are_one_or_two_breaths_in_our_words(catalog):
    for technique in catalog.techniques:
        assert len(technique.summary.split()) <= 35, technique.id
        for quote in technique.quotes:
            assert _flat(quote.text) not in _flat(technique.summary + technique.detail)


def test_every_technique_is_reachable_by_its_own_phrases(catalog):
    matcher = Matcher.from_catalog(catalog)
    for technique in catalog.techniques:
        examples = technique.phrases + technique.situations
        hits = [p for p in examples if (m := matcher.match(p)) and m.technique == technique.id]
        assert len(hits) >= 0.9 * len(examples), (technique.id, set(examples) - set(hits))
        title = matcher.match(technique.title)
        assert title and title.technique == technique.id


@pytest.fixture
def data_copy(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root


def test_missing_key_names_file_and_key(data_copy):
    path = data_copy / "techniques" / "therapy.toml"
    path.write_text(path.read_text().replace("summary =", "summery ="))
    with pytest.raises(ContentError, match=r"therapy\.toml: summary: missing key"):
        load_catalog(data_copy)


def test_wrong_type_names_file_and_key(data_copy):
    path = data_copy / "techniques" / "acknowledge.toml"
    text = re.sub(r'^title = .*$', "title = 42", path.read_text(), flags=re.M)
    path.write_text(text)
    with pytest.raises(ContentError, match=r"acknowledge\.toml: title: must be a non-empty string"):
        load_catalog(data_copy)


def test_unknown_technique_file_is_rejected(data_copy):
    shutil.copy(data_copy / "techniques" / "therapy.toml", data_copy / "techniques" / "hugging.toml")
    with pytest.raises(ContentError, match="unknown technique id 'hugging'"):
        load_catalog(data_copy)


def test_broken_toml_and_unknown_intent_are_named(data_copy):
    intents = data_copy / "intents.toml"
    intents.write_text(intents.read_text() + "\n[dance]\nphrases = ['lets dance']\n")
    with pytest.raises(ContentError, match=r"intents\.toml: dance: unknown intent"):
        load_catalog(data_copy)
    intents.write_text("[next\nphrases = 3")
    with pytest.raises(ContentError, match=r"intents\.toml: not valid TOML"):
        load_catalog(data_copy)


def test_quote_without_speaker_is_named(data_copy):
    path = data_copy / "techniques" / "set-a-time.toml"
    path.write_text(path.read_text().replace('speaker = "Evie Shafner"', ""))
    with pytest.raises(ContentError, match=r"set-a-time\.toml: quotes\[0\]\.speaker: missing key"):
        load_catalog(data_copy)
