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
