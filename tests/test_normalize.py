import pytest

from intents.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How do I get HIM to talk?", "how do i get them to talk"),
        ("My wife won't tell me what's wrong", "partner will not tell me what is wrong"),
        ("um so uh my boyfriend dont listen", "so partner do not listen"),
        ("[unk] she seemed off [unk]", "they seemed off"),
        ("my husband's mood", "partner mood"),
        ("there feelings", "them feelings"),
        ("Im scared, you know, of her", "i am scared of them"),
        ("café 😀 ok?", "cafe ok"),
        ("", ""),
        ("   \t ", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_phrase_and_request_meet_in_the_middle():
    assert normalize("How do I get my girlfriend to open up?") == normalize("how do i get my partner to open up")


def test_very_long_text_is_handled():
    assert normalize("talk " * 2000).count("talk") == 2000


def test_a_possessive_that_lost_its_apostrophe_still_names_the_partner():
    assert normalize("what is my girlfriends love language") == "what is partner love language"
    assert normalize("my wifes mum") == "partner mum"
    assert normalize("my friends are worried") == "my friends are worried"  # not a partner noun


def test_sounds_of_assent_are_yes_not_fillers():
    assert normalize("uh huh") == "yes"
    assert normalize("mm hmm, go on") == "yes go on"
    assert normalize("um so like") == "so like"


def test_no_written_for_know_is_read_as_know():
    assert normalize("i dont really no her anymore", fold=False) == "i do not really know her anymore"
    assert normalize("no, not now", fold=False) == "no not now"
