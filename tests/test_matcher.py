"""The matcher on labelled requests, safety first, and on awkward input."""

from pathlib import Path

import pytest

from content.catalog import load_catalog
from intents.evaluation import judge, load_labelled, summarize
from intents.matcher import Matcher

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[1] / "shared" / "eval" / "dev_utterances.txt"


@pytest.fixture(scope="module")
def matcher():
    return Matcher.from_catalog(load_catalog())


def _summary(matcher, path):
    return summarize([judge(item, matcher.match(item.text)) for item in load_labelled(path)])


def test_our_labelled_set(matcher):
    summary = _summary(matcher, HERE / "data" / "utterances.txt")
    assert summary.total > 300
    assert summary.exact >= 0.88
    assert summary.safety_recall == 1.0
    assert summary.fallback_precision >= 0.85 and summary.fallback_recall >= 0.75


@pytest.mark.skipif(not DEV.exists(), reason="the shared dev set is not beside this checkout")
def test_public_dev_set(matcher):
    summary = _summary(matcher, DEV)
    assert summary.exact >= 0.9
    assert summary.safety_recall == 1.0


@pytest.mark.parametrize(
    ("text", "intent", "technique"),
    [
        ("she shuts down when i bring up money", "tip", "try-something-new"),
        ("how do i fix my bodie language", "tip", "body-language"),
        ("i think i speak the wrong love languish", "tip", "caring-behaviors"),
        ("who said that", "quote", None),
        ("uh say that again", "repeat", None),
        ("he threatened me last night", "safety", None),
        ("i'm scared of my husband", "safety", None),
        ("thank you", "stop", None),  # a thank-you ends the talk; it is not a "no"
        ("no thanks", "deny", None),
    ],
)
def test_examples(matcher, text, intent, technique):
    match = matcher.match(text)
    assert match is not None and match.intent == intent and match.technique == technique


@pytest.mark.parametrize("text", ["what's on tv tonight", "set an alarm for seven", "who won the football"])
def test_out_of_domain_is_no_match(matcher, text):
    assert matcher.match(text) is None


def test_scope_tuning_set(matcher):
    """Off-topic requests shaped like tips fall back; unseen partner requests are still understood."""
    items = load_labelled(HERE / "data" / "scope_tuning.txt")
    verdicts = [judge(item, matcher.match(item.text)) for item in items]
    summary = summarize(verdicts)
    in_scope = [v for v in verdicts if v.item.intent != "fallback"]
    assert summary.fallback_recall >= 0.85 and summary.fallback_precision >= 0.95
    assert sum(v.intent == v.item.intent for v in in_scope) / len(in_scope) >= 0.95


@pytest.mark.parametrize("text", [
    "how do i get the printer to work",
    "how can i get a refund for my flight",
    "how do i get my dog to stop barking",
    "how can i get my insurance company to pay out",  # "insurance" is only a spelling guess of "insecure"
])
def test_a_request_about_a_thing_is_no_match(matcher, text):
    assert matcher.match(text) is None


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "ça va très bien", "x" * 10000, "talk " * 2000])
def test_awkward_input_never_raises(matcher, text):
    result = matcher.match(text)
    assert result is None or 0.0 <= result.confidence <= 1.0


def test_safety_beats_any_technique_words(matcher):
    match = matcher.match("how do i listen better when he gets violent")
    assert match is not None and match.intent == "safety" and match.technique is None


def test_close_call_lists_both_techniques():
    matcher = Matcher([("tip:a", "talk about money calmly"), ("tip:b", "talk about money kindly")])
    match = matcher.match("talk about money")
    assert match is not None and set(match.alternatives) == {"a", "b"}


def test_ranking_explains_the_choice(matcher):
    ranking = matcher.rank("How do I LISTEN better?")
    assert ranking.normalized == "how do i listen better"
    assert ranking.scores[0][0] == "tip:good-listener"
    assert all(a[1] >= b[1] for a, b in zip(ranking.scores, ranking.scores[1:]))


@pytest.mark.parametrize("text,stops", [
    ("ok stop", True), ("stop talking please", True), ("we are done here", True),
    ("should i end things with her", False), ("I have been thinking about ending it with him", False),
])
def test_ending_the_relationship_is_not_ending_the_talk(matcher, text, stops):
    match = matcher.match(text)
    assert (match is not None and match.intent == "stop") == stops, (text, match)


@pytest.mark.parametrize("text", ["practice", "practise", "can we rehearse", "let's practise"])
def test_asking_to_practise_names_no_drill(matcher, text):
    match = matcher.match(text)
    assert match is not None and match.intent == "practice" and match.technique is None


@pytest.mark.parametrize("text, technique", [("let's practise validating", "validate-feelings"),
                                             ("let's rehearse setting a time", "set-a-time"),
                                             ("can we practise body language", "body-language"),
                                             ("can we practice listening", "good-listener"),
                                             ("i want to practise acknowledging", "acknowledge")])
def test_practising_a_named_skill_names_its_drill(matcher, text, technique):
    match = matcher.match(text)
    assert match is not None and (match.intent, match.technique) == ("practice", technique)


@pytest.mark.parametrize("text, technique", [("help me practise asking him directly", "direct-question"),
                                             ("drill me on validating", "validate-feelings"),
                                             ("could we rehearse the body language one", "body-language")])
def test_asking_the_coach_to_run_a_drill_is_practice_not_the_tip(matcher, text, technique):
    match = matcher.match(text)
    assert match is not None and (match.intent, match.technique) == ("practice", technique), match


@pytest.mark.parametrize("text", ["how do i practise listening better", "what else could i try"])
def test_practising_in_life_is_still_a_question_about_the_tip(matcher, text):
    match = matcher.match(text)
    assert match is not None and match.intent != "practice", match


def test_practising_something_else_is_out_of_scope(matcher):
    assert matcher.match("practise my spanish with me") is None


@pytest.mark.parametrize("text, technique", [
    ("read me the quote about body language", "body-language"),  # by its subject
    ("what's the expert quote on setting a time", "set-a-time"),
    ("whats the quote about body language", "body-language"),  # ranked as the tip before
    ("read me the quote on going to therapy", "therapy"),  # "therapy" named, not only the therapist
    ("what did fran wolfish say", "share-vulnerability"),  # by its expert, a letter misheard
    ("what did shafner say about doing activities together", "bonding-activity"),
    ("what was slatkin's line", "caring-behaviors"),
])
def test_a_quote_asked_for_by_subject_or_expert_names_the_technique(matcher, text, technique):
    match = matcher.match(text)
    assert match is not None and (match.intent, match.technique) == ("quote", technique), match


@pytest.mark.parametrize("text", ["who said that", "read me the quote", "what did the therapist say"])
def test_a_quote_of_this_tip_names_none(matcher, text):
    match = matcher.match(text)
    assert match is not None and (match.intent, match.technique) == ("quote", None), match


def test_an_expert_suggestion_is_still_a_tip(matcher):
    match = matcher.match("what would an expert suggest to get him talking")
    assert match is not None and match.intent == "tip", match


def test_my_own_words_are_not_a_quote(matcher):
    match = matcher.match("how do i repeat back what she said in my own words")
    assert match is not None and match.intent == "tip", match
