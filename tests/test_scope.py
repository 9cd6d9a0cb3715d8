import pytest

from intents.normalize import normalize
from intents.scope import about_someone_else


@pytest.mark.parametrize("text", [
    "my coworker won't talk to me",
    "how can i get my mother in law to like me",
    "my son won't open up about school",
    "how do i get my boss to listen",
])
def test_someone_else_to_draw_out(text):
    assert about_someone_else(normalize(text))


@pytest.mark.parametrize("text", [
    "my wife won't talk to me",
    "he goes quiet whenever i mention his dad",
    "i hide how much my mum's illness is getting to me",
    "my boss is stressing him out and he won't talk about it",
    "we argue about my mother",
])
def test_partner_requests_stay_in_scope(text):
    assert not about_someone_else(normalize(text))


from intents.scope import Scope  # noqa: E402
from intents.wording import stem_words  # noqa: E402


def _words(text):
    return stem_words(normalize(text).split())


@pytest.fixture(scope="module")
def toy_scope():
    coaching = ["how do i get them to talk", "how do i fix my body language", "give me a tip",
                "when is a good time to talk", "my tone gets sharp", "body language tip", "one more tip",
                "any tip", "a tip for tonight", "tip please", "another tip", "get my partner to talk"]
    off_topic = ["what is the weather", "how do i fix the printer", "my dog keeps barking"]
    return Scope.learn([(False, _words(p)) for p in coaching] + [(True, _words(p)) for p in off_topic])


@pytest.mark.parametrize("text", [
    "how do i get the printer to work",   # a thing only off-topic phrases name
    "how do i get my parrot to talk",     # a word no phrase uses, where the partner would be
    "my dog keeps barking at night",
    "get alexa to talk",                  # the object of "get", with no determiner
])
def test_a_strange_object_is_something_else(toy_scope, text):
    words = _words(text)
    assert toy_scope.about_something_else(words, [False] * len(words))


@pytest.mark.parametrize("text", [
    "how do i get him to talk",
    "how do i get my wife to open up",    # folded to "partner": a partner sign
    "how do i fix my body language",
    "give me a random tip",               # a strange word beside a telling one
    "my parrot and we never talk",        # "we" points to the couple
])
def test_the_partner_or_coaching_words_keep_it_in_scope(toy_scope, text):
    words = _words(text)
    assert not toy_scope.about_something_else(words, [False] * len(words))


def test_a_spelling_guess_counts_as_strange(toy_scope):
    words = _words("my tone gets sharp")
    assert not toy_scope.about_something_else(words, [False] * len(words))
    guessed = [word == "voice" for word in words]  # as if "toner" had been snapped onto "tone"
    assert toy_scope.about_something_else(words, guessed)


@pytest.mark.parametrize("text", ["my mom never tells me how she's feeling",
                                  "my boss never tells us anything, how do i get him to share"])
def test_a_pronoun_after_another_person_is_that_person(text):
    assert about_someone_else(normalize(text))


def test_a_pronoun_before_another_person_is_the_partner():
    assert not about_someone_else(normalize("he says my mum never listens to him, how do i get him to talk"))
