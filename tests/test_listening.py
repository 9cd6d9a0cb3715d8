"""Issue 12, "a coach that listens": the reflective-listening drill hears advice, dismissal, labels and
accusing questions for what they are, and its remarks fit the drill."""

import re
from pathlib import Path

import pytest

from content.drills import drill_by_id, load_drills
from intents.practice import rules as P
from intents.practice.feedback import judge, run_checks

TUNING = Path(__file__).parent / "data" / "reflection_attempts.txt"
BLIND = Path(__file__).parents[1] / "bench" / "data" / "practice_blind5.txt"
CHECKS = ("reflection_named_feeling", "no_advice", "no_dismissal")


@pytest.fixture(scope="module")
def drills():
    return load_drills()


@pytest.fixture(scope="module")
def validate(drills):
    return drill_by_id(drills, "validate-feelings")


def checks(drill, text, line=0):
    return run_checks(drill, text, line=line)[0]


# 1. no_advice and no_dismissal

@pytest.mark.parametrize("text", [
    "you should just quit", "I understand, but you need to stand up for yourself", "just tell him no",
    "why don't you talk to your boss", "have you tried telling him you're at capacity",
    "maybe try leaving at five", "you could look for another job", "go talk to hr tomorrow",
    "what if you told him you need to leave on time", "if i were you i'd quit",
    "have you thought about asking for help", "you sound exhausted, you should ask for a day off",
    "dont stress just say no next time", "how about we plan something fun to take your mind off it",
])
def test_advice_is_heard(validate, text):
    assert checks(validate, text)["no_advice"] is False


@pytest.mark.parametrize("text", [
    "you must be exhausted", "tell me more about it", "take your time", "go on, i'm listening",
    "you shouldn't have to stay late every night", "you have to stay late again, that sounds draining",
    "what did you think of it", "do you want to talk about it", "don't worry, it'll be fine",
    "try not to think about it", "so your boss keeps piling it on and you sound exhausted",
    "why didn't you tell me you were sad", "i'm kind of sad, or maybe just tired", "you can just say it, i'm listening",
])
def test_listening_is_not_advice(validate, text):
    assert checks(validate, text)["no_advice"] is True


@pytest.mark.parametrize("text", [
    "don't worry, it'll be fine", "don't be so stressed, it's just work", "at least you have a job",
    "calm down", "you're overreacting", "it's probably nothing", "it's not a big deal",
    "look on the bright side", "everything happens for a reason", "cheer up", "i'm sure your mom is fine",
    "you're not really hurt", "no need to be anxious", "stop worrying so much", "they probably just forgot",
    "you're being too sensitive", "youre worried but most results come back normal",
])
def test_dismissal_is_heard(validate, text):
    assert checks(validate, text)["no_dismissal"] is False


@pytest.mark.parametrize("text", [
    "you're not overreacting, it was a lot", "of course you're worried, it's your mom",
    "you sound exhausted", "you deserve at least a heads up", "it makes sense to feel hurt",
    "you shouldn't have to deal with that alone", "it's just that nobody told you, and that hurts",
    "you should just quit", "i'm overthinking again and i need to talk it through",
])
def test_feeling_left_to_stand(validate, text):
    assert checks(validate, text)["no_dismissal"] is True


# 2. what is not a named feeling, and what is not an open question

@pytest.mark.parametrize("text,line", [
    ("don't worry, it'll be fine", 2), ("don't be so stressed, it's just work", 0),
    ("you're not really worried, you're just bored", 2), ("no need to be anxious", 2),
    ("stop worrying so much", 2), ("you always get moody when your mother calls", 2),
    ("you're being dramatic about a bit of overtime", 0), ("don't be sad, you've got me", 1),
])
def test_dismissed_denied_or_labelled_feelings_are_not_named(validate, text, line):
    got = checks(validate, text, line)
    assert got["reflection_named_feeling"] is False and got["feeling_named"] is False


@pytest.mark.parametrize("text,line", [
    ("you sound exhausted, you should ask for a day off", 0), ("you feel left out, but everything happens "
                                                              "for a reason", 1),
    ("of course you're worried", 2), ("it sounds stressful", 0), ("that must really hurt", 1),
])
def test_feelings_named_beside_advice_or_dismissal_still_count(validate, text, line):
    assert checks(validate, text, line)["reflection_named_feeling"] is True


@pytest.mark.parametrize("text", ["moody", "grumpy", "hysterical", "crazy", "sensitive", "dramatic"])
def test_labels_are_not_feelings(text):
    assert not P.feeling_named(f"you are so {text}")


def test_own_denied_feeling_still_names_it():
    assert P.feeling_named("i'm not angry, i'm just tired") and P.feeling_named("i'm not angry")


@pytest.mark.parametrize("text,accusing", [
    ("why are you always so closed off", True), ("why do you never want to talk about us", True),
    ("why do you always go silent when my mum calls, what's that about", True),
    ("why did that upset you so much", False), ("what happened at work", False),
])
def test_accusing_why_is_not_open(text, accusing):
    assert P.accusing_question(text) is accusing
    assert P.question(text)
    assert P.open_question(text) is not accusing


# 3. remarks fit the drill

def test_issue_examples_are_not_praised(validate):
    praise = ("You named how they feel", "You kept it free of blame", "You named a feeling",
              "Your question was open", "You asked rather than told", "You let their feeling stand",
              "You listened without jumping in")
    for text, line in [("don't worry, it'll be fine", 2), ("don't be so stressed, it's just work", 0),
                       ("you should just quit", 0), ("I understand, but you need to stand up for yourself", 0),
                       ("you always get moody when your mother calls", 2), ("why are you always so closed off", 1),
                       ("why don't you just talk to your boss", 0)]:
        said = judge(validate, text, line=line).say
        assert not [p for p in praise if p in said], (text, said)


def test_dismissal_and_advice_come_first_and_quote_the_words(validate):
    dismissed = judge(validate, "don't worry, it'll be fine", line=2)
    assert "'don't worry'" in dismissed.remarks[0] and "worried" in dismissed.remarks[0]
    advised = judge(validate, "you sound exhausted, you should just quit", line=0)
    assert "'you should just quit'" in advised.remarks[0]
    assert advised.done_well.startswith("You named how they feel")
    probably = judge(validate, "it's probably nothing, don't worry", line=2)
    assert "blame" not in probably.remarks[0] and "'probably nothing'" in probably.remarks[0]


def test_good_reflection_is_praised_for_listening(validate):
    feedback = judge(validate, "of course you're worried, waiting until friday is so hard", line=2)
    assert dict(feedback.checks)["no_dismissal"] and dict(feedback.checks)["no_advice"]
    assert feedback.remarks[0].startswith("That works well.")


def test_accusing_question_gets_a_remark_about_blame(drills):
    for drill_id in ("direct-question", "body-language", "validate-feelings"):
        feedback = judge(drill_by_id(drills, drill_id), "why are you always so closed off")
        assert "'why … always'" in feedback.remarks[0] and "charge" in feedback.remarks[0]
        assert not [r for r in feedback.remarks if "start with 'what' or 'how'" in r]


def test_pace_drill_does_not_ask_a_statement_to_be_a_question(drills):
    drill = drill_by_id(drills, "body-language")
    for text in ("take your time, i'm here", "i've been thinking that maybe we could see a counselor together"):
        feedback = judge(drill, text)
        assert not dict(feedback.checks)["open_question"]
        assert not [r for r in feedback.remarks if "'what' or 'how'" in r or "question" in r.lower()], feedback
    closed = judge(drill, "can we talk tonight")
    assert any("'what' or 'how'" in r for r in closed.remarks)


def test_new_checks_in_the_json_contract(drills, validate):
    line = judge(validate, "just tell him no").to_json()
    assert line["checks"]["no_advice"] is False and line["checks"]["no_dismissal"] is True
    elsewhere = judge(drill_by_id(drills, "acknowledge"), "calm down, you seemed upset at dinner").to_json()
    assert elsewhere["checks"]["no_dismissal"] is False


# 4. the labelled sets

def labelled(path):
    for row in path.read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            line, *flags, text = row.split("|")
            yield int(line), dict(zip(CHECKS, (f == "1" for f in flags))), text


def test_reflection_sets_are_large_and_balanced():
    tuning, blind = list(labelled(TUNING)), list(labelled(BLIND))
    assert len(tuning) + len(blind) >= 120 and min(len(tuning), len(blind)) >= 60
    for rows in (tuning, blind):
        assert {line for line, _l, _t in rows} == {0, 1, 2}
        for check in CHECKS:
            positives = sum(labels[check] for _line, labels, _t in rows)
            assert 15 <= positives <= len(rows) - 15, check


@pytest.mark.parametrize("check", CHECKS)
def test_reflection_tuning_set_agreement(validate, check):
    """The tuning set only: the blind set is scored by bench/practice.py, never in a test."""
    rows = list(labelled(TUNING))
    wrong = [text for line, labels, text in rows if checks(validate, text, line)[check] != labels[check]]
    assert len(wrong) <= 0.05 * len(rows), wrong


@pytest.mark.parametrize("check", CHECKS)
def test_reflection_tuning_set_as_recognised(validate, check):
    """Recogniser style (no punctuation or apostrophes) stays within 10% of the labels."""
    rows = list(labelled(TUNING))
    spoken = lambda t: " ".join(re.sub(r"[^a-z0-9 ]", " ", re.sub(r"['\u2019]", "", t.lower())).split())  # noqa: E731
    wrong = [text for line, labels, text in rows if checks(validate, spoken(text), line)[check] != labels[check]]
    assert len(wrong) <= 0.10 * len(rows), wrong


def test_blame_tip_in_the_listening_drill_is_about_their_story(drills, validate):
    listening = judge(validate, "you always get moody when your mother calls", line=2)
    assert "'always'" in listening.remarks[0] and "their story" in listening.remarks[0]
    opening = judge(drill_by_id(drills, "share-vulnerability"), "you always get moody when your mother calls")
    assert "softer start" in opening.remarks[0]
