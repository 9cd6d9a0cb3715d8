"""The practice flow: setup, attempt, feedback, again / next / stop, and bad input."""

import subprocess
import sys

import pytest

from content.drills import load_drills
from intents.practice.feedback import MAX_SPOKEN_SECONDS, spoken_seconds
from intents.practice.rehearsal import MONOLOGUE_WORDS, Rehearsal
from voice.asr.transcript import Word


@pytest.fixture(scope="module")
def drills():
    return load_drills()


@pytest.fixture
def coach(drills):
    return Rehearsal(drills)


def test_start_suggests_a_drill_and_waits_for_an_attempt(coach, drills):
    turn = coach.start()
    assert turn.drill == drills[0].id and drills[0].setup in turn.say
    assert turn.listen_for == "attempt" and not turn.done


def test_start_named_drill_and_unknown_drill(coach):
    assert coach.start("acknowledge").drill == "acknowledge"
    turn = coach.start("therapy")
    assert "don't have a drill" in turn.say and turn.drill == coach.drill.id


def test_validate_drill_speaks_a_partner_line(coach):
    turn = coach.start("validate-feelings")
    assert coach.drill.partner_lines[0].say in turn.say


def test_attempt_gives_feedback_then_offers_choices(coach):
    coach.start("direct-question")
    turn = coach.hear("are we okay")
    assert turn.feedback is not None and turn.feedback.remarks[0] in turn.say
    assert turn.say.endswith("Say again, next drill, or stop.")
    assert turn.listen_for == "command"


def test_again_next_and_stop(coach, drills):
    coach.start("direct-question")
    coach.hear("are we okay")
    again = coach.hear("let's try again")
    assert again.drill == "direct-question" and again.listen_for == "attempt"
    coach.hear("how do you see us right now")
    nxt = coach.hear("next drill")
    assert nxt.drill != "direct-question" and nxt.listen_for == "attempt"
    stop = coach.hear("stop")
    assert stop.done and stop.listen_for == ""
    assert coach.hear("are we okay").done


def test_yes_means_again_and_no_means_stop_after_feedback(coach):
    coach.start("share-vulnerability")
    coach.hear("i've been feeling lonely")
    assert coach.hear("yes").listen_for == "attempt"
    coach.hear("i've been feeling lonely")
    assert coach.hear("no thanks").done
    coach.start("share-vulnerability")
    coach.hear("i've been feeling lonely")
    assert coach.hear("yeah, next drill").drill != "share-vulnerability"


def test_another_sentence_after_feedback_is_a_new_attempt(coach):
    coach.start("share-vulnerability")
    coach.hear("we need to talk")
    turn = coach.hear("i get scared when you go quiet")
    assert turn.feedback is not None and turn.feedback.text == "i get scared when you go quiet"


def test_stop_mid_drill_but_not_inside_an_attempt(coach):
    coach.start("share-vulnerability")
    turn = coach.hear("please stop yelling at me")
    assert not turn.done and turn.feedback is not None
    coach.start("share-vulnerability")
    assert coach.hear("okay i want to stop now").done


def test_silence_is_gentle_then_ends_practice(coach):
    coach.start()
    first = coach.hear("")
    assert "didn't hear anything" in first.say and not first.done
    assert not coach.hear("   ").done
    assert coach.hear("").done


def test_single_word(coach):
    coach.start()
    turn = coach.hear("hello")
    assert "one word" in turn.say and turn.feedback is None and turn.listen_for == "attempt"


@pytest.mark.parametrize("text", [
    "yo creo que tenemos que hablar de nosotros",
    "ich glaube wir müssen reden",
    "我们需要谈谈我们的关系",
])
def test_another_language(coach, text):
    coach.start()
    turn = coach.hear(text)
    assert "English" in turn.say and turn.feedback is None and not turn.done


def test_monologue_gets_feedback_on_its_start_and_a_note(coach):
    coach.start("share-vulnerability")
    opener = "i've been feeling lonely lately and i wanted to tell you"
    rambling = opener + " and then " + " ".join(["we went to the shop and it was fine"] * 50)
    words = tuple(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(rambling.split()))
    assert len(rambling.split()) > MONOLOGUE_WORDS * 5
    turn = coach.hear(rambling, words)
    assert "short opener" in turn.say
    assert turn.feedback.text.startswith(opener) and len(turn.feedback.text.split()) < MONOLOGUE_WORDS
    assert spoken_seconds(turn.say) <= MAX_SPOKEN_SECONDS + 5


def test_example_on_request(coach, drills):
    coach.start("acknowledge")
    turn = coach.hear("i don't know what to say")
    good = next(e for e in coach.drill.examples if e.good)
    assert good.text in turn.say and turn.listen_for == "attempt"


def test_empty_drills_rejected():
    with pytest.raises(ValueError):
        Rehearsal(())


def test_intents_and_content_import_without_voice_or_audio_libraries():
    code = ("import sys\n"
            "for name in ('voice', 'vosk', 'sounddevice', 'pyttsx3', 'pocketsphinx'):\n"
            "    sys.modules[name] = None\n"
            "import intents.practice.rehearsal, intents.practice.feedback, intents.practice.rules, content.drills\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_practising_listening_starts_the_reflective_listening_drill():
    from content.drills import drill_for, load_drills

    drills = load_drills()
    assert drill_for(drills, "good-listener").id == "validate-feelings"
    assert drill_for(drills, "therapy") is None and drill_for(drills, None) is None
    turn = Rehearsal(drills).start("good-listener")
    assert turn.drill == "validate-feelings" and "Here's what I say" in turn.say
    assert "don't have a drill" not in turn.say
