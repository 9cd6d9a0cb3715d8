"""Every practice rule on attempts that pass and attempts that fail, plus the labelled set."""

import re
from pathlib import Path

import pytest

from intents.practice import rules as P

DATA = Path(__file__).parent / "data" / "practice_attempts.txt"
LABELLED_RULES = ("question", "open_question", "i_statement", "feeling_named", "blame_free")


def check(rule, text, *args):
    return getattr(P, rule)(P.prepare(text), *args)


CASES = {
    "question": (
        ["what are we right now", "do you still want this", "we're good, right",
         "i wonder if you felt alone", "tell me about your day", "would saturday work for a talk",
         "you seem tense, is everything okay", "i'm scared of losing you can we talk",
         "how hard is this for you", "what's been going on lately", "have you been sleeping okay",
         "good idea what do you think"],
        ["when you were talking about work, you seemed aggravated", "what i need is more time with you",
         "i know what you mean", "we need to talk", "you're right", "how you handled that was impressive",
         "i know how hard it is for you", "i can't do this anymore", "you never tell me when something's wrong"],
    ),
    "open_question": (
        ["how do you see us", "what happened at work", "tell me more about that",
         "how come we stopped talking", "i wonder what that was like for you", "walk me through your day",
         "how many times have you felt that way"],
        ["do you love me", "are we okay", "how about we try counselling", "want to tell me about it",
         "so you felt ignored, is that right", "i noticed you went quiet", "should we talk about what happened"],
    ),
    "i_statement": (
        ["i feel lonely when we don't talk", "i've been struggling at work", "i get scared when you go quiet",
         "i need more time with you", "it's hard for me to say this", "i'm not angry",
         "i'm a little nervous asking", "i think i've been distant", "it would mean a lot to me"],
        ["i think you're selfish", "i feel like you never listen", "i know you don't care",
         "you seem tired", "i noticed you went quiet", "i'm here", "i hear that you're angry",
         "i was just wondering if we could talk"],
    ),
    "feeling_named": (
        ["i'm not angry", "you seemed aggravated", "she worries a lot", "you felt left out",
         "i feel safe with you", "you always make me laugh when i'm down", "that must be so frustrating",
         "you're in a bad mood", "i've been so drained lately", "you seem a little down",
         "i felt left out at the party", "are you still mad about what i said"],
        ["how do you feel", "i feel like we should talk", "are you okay", "we're good",
         "i feel like you never listen", "is something bothering you", "i miss you", "i'm fine",
         "work has me mad busy", "i'm down to talk whenever", "i've been under the weather",
         "my back hurts", "i hate to ask but can we talk", "no worries at all", "the battery is drained",
         "i hurt my knee at the gym", "i left out the milk", "it feels like a good time to talk",
         "i'm mad about that show", "the wifi is down again", "i'm afraid i forgot to call"],
    ),
    "blame_free": (
        ["you always make me laugh", "you're not overreacting", "you never have to rush",
         "i'm not blaming you, i'm just sad", "i feel hurt when plans change", "so what is this between us",
         "you don't have to answer now", "it's not your fault", "you look lovely, as always",
         "don't be so hard on yourself", "it isn't like you to be this quiet", "that was so nice of you to cook"],
        ["you never listen", "i'm tired because you always leave it to me", "what is wrong with you",
         "you're overreacting", "why can't you just talk", "i know you don't care", "calm down",
         "you're such an idiot", "it's not a big deal", "you've been so moody all week",
         "i need you to hear me out for once", "i feel like you're hiding something",
         "oh sure, like you'd notice", "thanks for nothing", "as usual you're late", "typical",
         "you're so negative", "i guess i'm just not important to you", "it's your own fault",
         "would it kill you to call", "there you go again", "at least you have a job",
         "it's not the end of the world", "you're not sad, you're just tired", "i haven't got all day",
         "whatever", "why do you always do this"],
    ),
    "us_right_now": (
        ["how do you see us right now", "what are we to each other these days", "are we okay",
         "where do we stand at the moment"],
        ["where do you see us in ten years", "how was your day", "we need to talk about us",
         "will we get married someday"],
    ),
    "noticed_specific": (
        ["when you were talking about work you seemed aggravated", "you went quiet at dinner",
         "i noticed you looked tense after the call", "you sounded stressed on the phone earlier"],
        ["what's wrong", "you're always moody", "you seem sad", "how was your day"],
    ),
}


@pytest.mark.parametrize("rule,text,expected", [
    (rule, text, expected)
    for rule, (passing, failing) in CASES.items()
    for expected, texts in ((True, passing), (False, failing))
    for text in texts
])
def test_rule(rule, text, expected):
    assert check(rule, text) is expected


KEEP = ("boss|manager|work", "late|night|evening", "piling|more|extra")
FEELING = ("overwhelmed", "exhausted", "stressed", "burned out")


@pytest.mark.parametrize("rule,partner,text,expected", [
    ("reflection_kept_content", KEEP, "so your boss keeps piling on more and you're staying late", True),
    ("reflection_kept_content", KEEP, "your manager gives you extra work", True),
    ("reflection_kept_content", KEEP, "that sounds hard", False),
    ("reflection_kept_content", KEEP, "you should quit", False),
    ("reflection_named_feeling", FEELING, "you sound exhausted", True),
    ("reflection_named_feeling", FEELING, "you're feeling really stressed", True),
    ("reflection_named_feeling", FEELING, "sounds like you're burned out", True),
    ("reflection_named_feeling", FEELING, "that sounds hard", False),
    ("reflection_named_feeling", FEELING, "your boss is piling it on", False),
])
def test_reflection(rule, partner, text, expected):
    assert check(rule, text, partner) is expected


@pytest.mark.parametrize("text,expected", [
    ("um so like uh can we talk", ("um", "like", "uh")),
    ("i feel like you never listen", ()),
    ("you know what i mean", ()),
    ("it was, you know, hard", ("you know",)),
    ("erm basically i miss you", ("erm", "basically")),
])
def test_fillers(text, expected):
    assert P.fillers(text) == expected


@pytest.mark.parametrize("raw,normal", [
    ("I'm OK", "i am ok"),
    ("What\u2019s going on", "what is going on"),
    ("you're not overreacting", "you aren't overreacting"),
    ("um I do not know", "i don't know"),
    ("what's been up", "what has been up"),
])
def test_prepare(raw, normal):
    assert P.prepare(raw) == normal


def labelled():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            drill, *flags, text = line.split("|")
            yield drill, dict(zip(LABELLED_RULES, (f == "1" for f in flags))), text


def test_labelled_set_is_large_and_balanced():
    rows = list(labelled())
    assert len(rows) >= 170
    for rule in LABELLED_RULES:
        positives = sum(labels[rule] for _d, labels, _t in rows)
        assert 20 <= positives <= len(rows) - 20, rule


@pytest.mark.parametrize("rule", LABELLED_RULES)
def test_labelled_set_agreement(rule):
    rows = list(labelled())
    wrong = [text for _d, labels, text in rows if check(rule, text) != labels[rule]]
    assert len(wrong) <= 0.05 * len(rows), wrong


SPOKEN = [  # recogniser output: lower case, no punctuation, no apostrophes
    ("question", "you seemed stressed after the meeting want to talk about it", True),
    ("question", "howve you been feeling about us lately", True),
    ("question", "it wouldnt hurt to ask would it", True),
    ("question", "im here whenever youre ready", False),
    ("i_statement", "id love to hear about your day", True),
    ("i_statement", "ive been feeling lonely", True),
    ("i_statement", "i feel like youre hiding something", False),
    ("feeling_named", "im not angry im just tired", True),
    ("feeling_named", "im fine really i just need a minute", False),
    ("blame_free", "its your fault", False),
    ("blame_free", "youre overreacting", False),
    ("blame_free", "dont you dare", True),
    ("blame_free", "chill i was joking", False),
    ("blame_free", "its not your fault", True),
    ("blame_free", "i know youre doing your best", True),
]


@pytest.mark.parametrize("rule, text, expected", SPOKEN)
def test_rules_on_recogniser_output(rule, text, expected):
    assert check(rule, text) is expected


def as_recognised(text):
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", re.sub(r"['\u2019]", "", text.lower())).split())


@pytest.mark.parametrize("rule", LABELLED_RULES)
def test_labelled_set_judged_alike_when_spoken(rule):
    """Without punctuation or apostrophes every rule still agrees with the labels (<= 3% wrong)."""
    rows = list(labelled())
    wrong = [text for _d, labels, text in rows if check(rule, as_recognised(text)) != labels[rule]]
    assert len(wrong) <= 0.03 * len(rows), wrong


def test_rules_accept_raw_text():
    assert P.question("What\u2019s going on?") and P.open_question("HOW ARE YOU")
    assert P.i_statement("I\u2019m scared") and P.feeling_named("I'M WORRIED")
    assert not P.blame_free("You NEVER listen!")


def test_prepare_is_idempotent():
    for _drill, _labels, text in labelled():
        assert P.prepare(P.prepare(text)) == P.prepare(text)
