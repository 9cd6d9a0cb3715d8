"""Multi-turn conversations, as a person would hold them."""

import pytest

from content.catalog import load_catalog
from intents.dialogue import Session
from intents.matcher import Match, Matcher


@pytest.fixture(scope="module")
def coach():
    catalog = load_catalog()
    return catalog, Matcher.from_catalog(catalog)


@pytest.fixture
def session(coach):
    return Session(*coach)


def test_tips_rotate_without_repeats_until_all_eleven(session, coach):
    catalog, _ = coach
    seen = [session.respond(Match("tip", None, 1.0)).technique for _ in range(11)]
    assert sorted(seen) == sorted(t.id for t in catalog.techniques)
    twelfth = session.respond(Match("next", None, 1.0))
    assert twelfth.text.startswith(catalog.responses.all_heard)


def test_named_technique_then_quote_more_repeat(session, coach):
    catalog, _ = coach
    tip = session.hear("she shuts down when i bring up money")
    assert tip.intent == "tip" and tip.technique == "try-something-new"
    quote = session.hear("who said that")
    assert "Lindsey Huttner" in quote.text and "Carina Wolff" in quote.text
    more = session.hear("tell me more")
    assert more.text == catalog.technique("try-something-new").detail
    assert session.hear("say that again").text == more.text


def test_next_and_previous_walk_the_history(session):
    first = session.respond(Match("tip", "therapy", 1.0))
    second = session.respond(Match("next", None, 1.0))
    assert second.technique != first.technique
    back = session.respond(Match("previous", None, 1.0))
    assert back.technique == "therapy" and back.intent == "previous"
    forward = session.respond(Match("next", None, 1.0))
    assert forward.technique == second.technique


def test_previous_before_anything(session, coach):
    assert session.respond(Match("previous", None, 1.0)).text == coach[0].responses.nothing_yet


def test_quote_before_any_tip_gives_the_why_quote(session, coach):
    reply = session.hear("who said that")
    assert coach[0].intro_quotes[0].text in reply.text


def test_offer_answered_by_yes_gives_more(session, coach):
    session.respond(Match("tip", "good-listener", 1.0))
    reply = session.respond(Match("affirm", None, 1.0))
    assert reply.intent == "more" and reply.text == coach[0].technique("good-listener").detail


def test_clarification_answered_by_first_or_second(session):
    ask = session.respond(Match("tip", "good-listener", 0.6, ("good-listener", "body-language")))
    assert "be a good listener" in ask.text and "body language" in ask.text
    second = session.respond(Match("deny", None, 1.0))
    assert second.technique == "body-language"
    again = session.respond(Match("tip", "good-listener", 0.6, ("good-listener", "body-language")))
    assert again.text.startswith("Did you mean")
    assert session.respond(Match("affirm", None, 1.0)).technique == "good-listener"


def test_list_is_paged_and_more_continues(session):
    first = session.hear("list all the techniques")
    assert first.intent == "list" and "1, Ask an honest" in first.text and "5," not in first.text
    second = session.respond(Match("more", None, 1.0))
    assert "5, Be a good listener" in second.text
    third = session.respond(Match("more", None, 1.0))
    assert "11, Go to therapy" in third.text


def test_why_then_yes_reads_the_therapist(session, coach):
    why = session.hear("why won't he open up")
    assert why.intent == "why"
    assert coach[0].intro_quotes[0].speaker in session.respond(Match("affirm", None, 1.0)).text


def test_safety_never_coaches(coach):
    reply = Session(*coach, region="US").hear("i'm afraid he'll hurt me if i bring it up")
    assert reply.intent == "safety" and reply.technique is None
    assert "Hotline" in reply.text
    assert all(t.summary not in reply.text for t in coach[0].techniques)


def test_stop_ends_and_fallback_explains(session, coach):
    assert session.hear("what's the weather like").text == coach[0].responses.fallback
    assert session.hear("okay bye").end


@pytest.mark.parametrize("text", ["", "   ", "😀", "x" * 10000])
def test_bad_input_gets_an_answer(session, text):
    assert session.hear(text).text


@pytest.fixture
def practising(coach):
    from content.drills import load_drills

    return Session(*coach, load_drills())


def test_practice_request_names_its_drill(practising):
    reply = practising.hear("can we practise validating her feelings")
    assert reply.intent == "practice" and reply.technique == "validate-feelings" and reply.free_speech


def test_practice_feedback_then_stop_returns_to_tips(practising):
    practising.hear("let's practise")
    feedback = practising.hear("i feel lonely and i wonder how you are doing")
    assert feedback.intent == "practice" and not feedback.free_speech
    assert practising.hear("stop").intent == "practice"
    assert practising.hear("give me a tip").intent == "tip"


def test_safety_interrupts_practice(practising):
    practising.hear("let's practise")
    assert practising.hear("he hits me when i say things like that").intent == "safety"


def test_a_number_picks_from_the_list(session):
    session.hear("list the tips")
    session.hear("more")
    assert session.hear("number seven").technique == "validate-feelings"
    assert session.hear("number seven").intent != "list"  # only right after the list


def test_hello_gets_help(session, coach):
    assert session.hear("hello").text == coach[0].responses.help
