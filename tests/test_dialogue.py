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
    assert more.text.startswith(catalog.technique("try-something-new").detail)
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


def test_offer_answered_by_yes_gives_the_example_it_named_first(session, coach):
    offer = session.respond(Match("tip", "good-listener", 1.0))
    assert offer.text.endswith(coach[0].responses.offer)  # "Want an example, or the expert's words?"
    reply = session.respond(Match("affirm", None, 1.0))
    assert reply.intent == "more" and reply.text.startswith(coach[0].technique("good-listener").example)
    assert reply.text.endswith(coach[0].responses.offer_quote)  # only the quote is left to offer


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


# -- a coach that listens ---------------------------------------------------------

def test_give_me_an_example_after_a_bonding_tip_gives_its_example(session, coach):
    assert session.hear("tell me about bonding activities").technique == "bonding-activity"
    reply = session.hear("give me an example")
    assert reply.text.startswith(coach[0].technique("bonding-activity").example)


def test_the_experts_words_after_the_offer_give_the_quote(session, coach):
    session.hear("how do i get him to talk")
    reply = session.hear("the expert's words")
    assert reply.intent == "quote" and coach[0].technique(reply.technique).quotes[0].text in reply.text


def test_a_description_is_mirrored_in_the_users_words(session):
    reply = session.hear("she shuts down when I bring up money")
    assert reply.text.startswith("So she shuts down when you bring up money.")
    assert reply.technique == "try-something-new"


def test_titles_are_not_read_out_like_a_menu(session, coach):
    reply = session.hear("how do i get him to talk")
    assert not any(reply.text.startswith(t.title) for t in coach[0].techniques)


def test_generic_first_tips_differ_between_people(coach):
    firsts = {Session(*coach).hear(request).technique for request in (
        "how do i get him to talk", "how can i get my girlfriend to talk to me",
        "any tips for getting my husband to share more", "how do i get my wife to open up",
        "what can i do to make my partner talk to me")}
    assert len(firsts) >= 3


@pytest.mark.parametrize("said,situation,technique", [
    ("I think he's depressed", "low-mood", "validate-feelings"),
    ("she's cheating on me I think", "cheating", "direct-question"),
    ("his dad died last month and he won't talk", "grief", "validate-feelings"),
    ("that doesn't work, he just walks away", "walks-away", "set-a-time"),
    ("we just had a huge fight", "after-fight", "set-a-time"),
    ("we're in a long distance relationship", "long-distance", "caring-behaviors"),
])
def test_situations_the_article_does_not_name_get_their_own_reply(session, coach, said, situation, technique):
    reply = session.hear(said)
    expected = next(s for s in coach[0].situations if s.id == situation)
    assert reply.intent in ("tip", "next") and reply.technique == technique
    assert reply.text.startswith(expected.say)


def test_low_mood_and_grief_point_to_professional_help_for_them(session):
    for said in ("my wife has really bad anxiety", "her mum passed away and she shuts me out"):
        text = session.hear(said).text
        assert "therapist" in text or "counsellor" in text or "doctor" in text


def test_hmm_is_unclear_not_out_of_scope(session, coach):
    assert session.hear("hmm").text == coach[0].responses.unclear


def test_a_situation_is_about_the_partner_or_the_couple(session, coach):
    walks_away = next(s for s in coach[0].situations if s.id == "walks-away")
    assert not session.hear("my phone doesn't work").text.startswith(walks_away.say)


def test_spoken_scripts_are_framed_and_credentials_said_in_words(session):
    session.hear("how do i ask her directly where we stand")
    example = session.hear("give me an example")
    assert '"' in example.text and '"' not in example.speech
    assert example.speech.startswith("You could say: ") and "That's the line." in example.speech
    quote = session.hear("who said that")
    assert "LCSW" in quote.text and "licensed clinical social worker" in quote.speech
    assert quote.speech.startswith("Here's how ")


def test_lets_practise_validating_starts_that_drill(coach):
    from content.drills import load_drills

    reply = Session(*coach, load_drills()).hear("let's practise validating")
    assert reply.intent == "practice" and reply.technique == "validate-feelings"


def test_every_intent_but_safety_has_an_answer(coach):
    from content.catalog import INTENT_NAMES

    assert set(Session(*coach)._handlers) == set(INTENT_NAMES) - {"safety"}


def test_quote_asked_for_by_subject_reads_that_techniques_quote(session, coach):
    catalog, _ = coach
    session.hear("she shuts down when i bring up money")
    quote = session.hear("read me the quote about body language")
    wanted = catalog.technique("body-language").quotes[0].text
    assert quote.technique == "body-language" and wanted in quote.text
    more = session.hear("tell me more")
    assert more.text.startswith(catalog.technique("body-language").detail)
