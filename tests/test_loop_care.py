"""Care in the hands-free loop: disclosures get care every turn, and their words stay out of INFO logs."""

from __future__ import annotations

import logging
import re

from test_loop import Script, coach, make_loop  # noqa: F401  (coach is a fixture)


def test_a_spoken_disclosure_gets_care_and_care_sticks(coach):  # noqa: F811
    loop, _ = make_loop(coach, follow_up=6.0)
    steps = Script((1.0, "hey coach"), (2.0, "he hits me"), (9.0, "give me a tip")).run(loop, 16.0)
    says = [s for s in steps if s.action == "say"]
    assert [s.turn.intent for s in says] == ["safety", "safety"]
    assert not re.search(r"\d", says[0].text)  # what is spoken: numbers in words
    assert "findahelpline" in says[0].text


def test_a_care_turn_logs_its_kind_not_its_words(coach, caplog):  # noqa: F811
    loop, _ = make_loop(coach)
    with caplog.at_level(logging.INFO, logger="voice.loop.machine"):
        Script((1.0, "hey coach"), (2.0, "he chokes me")).run(loop, 6.0)
    info = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "care turn (abuse)" in info
    assert "chokes" not in info
