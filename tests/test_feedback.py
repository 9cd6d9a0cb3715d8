"""Feedback is kind, short, concrete and always names one thing done well."""

import json
import re
from pathlib import Path

import pytest

from content.drills import drill_by_id, load_drills
from intents.practice.feedback import MAX_SPOKEN_SECONDS, judge, spoken_seconds
from intents.practice.pace import SpeechRhythm
from voice.asr.transcript import Word

DATA = Path(__file__).parent / "data" / "practice_attempts.txt"
SHAMING = ("wrong", "bad", "terrible", "awful", "stupid", "fail", "mistake", "poor", "shame", "should have",
           "never", "always", "lazy", "pathetic", "ridiculous", "why can't")
CONTRACT_CHECKS = {"question", "open_question", "i_statement", "feeling_named", "blame_free"}


@pytest.fixture(scope="module")
def drills():
    return load_drills()


def attempts():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("|")[-1]


def every_judgement(drills):
    for drill in drills:
        for text in attempts():
            yield judge(drill, text)


def test_one_thing_done_well_and_few_remarks(drills):
    for feedback in every_judgement(drills):
        assert 2 <= len(feedback.remarks) <= 3, feedback
        assert feedback.done_well in feedback.remarks
        assert len(set(feedback.remarks)) == len(feedback.remarks)


def test_under_25_spoken_seconds(drills):
    longest = max(spoken_seconds(f.say) for f in every_judgement(drills))
    assert longest <= MAX_SPOKEN_SECONDS


def test_spoken_seconds_estimate():
    assert spoken_seconds(" ".join(["word"] * 150)) == pytest.approx(60.0)


def test_no_shaming_words_outside_quotes(drills):
    for feedback in every_judgement(drills):
        spoken = re.sub(r"'[^']*'", "", feedback.say.lower())
        assert not [w for w in SHAMING if re.search(rf"\b{w}\b", spoken)], feedback.say


def test_blame_is_the_first_remark(drills):
    feedback = judge(drill_by_id(drills, "share-vulnerability"), "i feel lonely because you never talk to me")
    assert "'never'" in feedback.remarks[0]
    assert dict(feedback.checks)["feeling_named"] is True
    assert "own experience" in feedback.done_well


def test_drill_focus_orders_the_fixes(drills):
    direct = judge(drill_by_id(drills, "direct-question"), "where do you see us in ten years")
    assert "right now" in direct.remarks[0] and "not years ahead" in direct.remarks[0]
    assert "years" not in judge(drill_by_id(drills, "direct-question"), "we should talk").remarks[0]
    validate = judge(drill_by_id(drills, "validate-feelings"), "your boss is piling on work and you stay late")
    assert "Name the feeling" in validate.remarks[0]
    assert dict(validate.checks)["reflection_kept_content"] is True


def test_validate_uses_the_chosen_partner_line(drills):
    drill = drill_by_id(drills, "validate-feelings")
    text = "you're worried about your mom's results on friday"
    assert dict(judge(drill, text, line=2).checks)["reflection_named_feeling"] is True
    assert dict(judge(drill, text, line=0).checks)["reflection_kept_content"] is False


def test_all_good_attempt_gets_praise_only(drills):
    feedback = judge(drill_by_id(drills, "acknowledge"),
                     "when you were talking about work you seemed aggravated, is everything okay")
    assert feedback.remarks[0].startswith("That works well")
    assert all(dict(feedback.checks)[name] for name in drill_by_id(drills, "acknowledge").focus)


def paced(text, seconds_per_word, pause_at=None, pause=0.0):
    words, clock = [], 0.0
    for i, word in enumerate(text.split()):
        clock += pause if i == pause_at else 0.0
        words.append(Word(word, clock, clock + seconds_per_word * 0.8))
        clock += seconds_per_word
    return tuple(words)


def test_timings_add_pace_checks_and_remarks(drills):
    drill = drill_by_id(drills, "body-language")
    text = "take your time i'm here what's been on your mind lately"
    fast = judge(drill, text, paced(text, 0.25))
    assert dict(fast.checks)["pace_ok"] is False and dict(fast.measures)["wpm"] > 200
    assert "slow down" in fast.remarks[0]
    calm = judge(drill, text, paced(text, 0.45, pause_at=5, pause=3.0))
    assert dict(calm.checks)["no_long_pauses"] is False
    assert any("silence" in r for r in calm.remarks)
    assert "pace_ok" not in dict(judge(drill, text).checks)


def test_audio_measures_decide_the_pace(drills):
    """Syllables measured in the audio outweigh word timings an unsure recogniser got wrong."""
    drill = drill_by_id(drills, "body-language")
    text = "take your time i'm here what's been on your mind lately"
    rushed = tuple(Word(w.text, w.start, w.end, 0.2) for w in paced(text, 0.2))
    assert dict(judge(drill, text, rushed).checks)["pace_ok"] is False
    calm = judge(drill, text, rushed, 0, SpeechRhythm(13, 5.0))
    assert dict(calm.checks)["pace_ok"] is True and dict(calm.measures)["wpm"] == pytest.approx(120.0)


@pytest.mark.parametrize("text", ["", "   ", "um uh"])
def test_nothing_said_still_gets_kind_feedback(drills, text):
    feedback = judge(drills[0], text)
    assert "didn't hear" in feedback.remarks[0] and feedback.done_well in feedback.remarks
    assert not any(dict(feedback.checks)[name] for name in ("question", "i_statement", "feeling_named"))


def test_json_line_contract(drills):
    feedback = judge(drill_by_id(drills, "direct-question"), "how do you see us right now")
    line = json.loads(json.dumps(feedback.to_json()))
    assert line["drill"] == "direct-question" and line["text"] == "how do you see us right now"
    assert CONTRACT_CHECKS <= set(line["checks"])
    assert all(isinstance(v, bool) for v in line["checks"].values())
    assert line["checks"]["open_question"] is True and line["checks"]["i_statement"] is False
    assert line["remarks"] == list(feedback.remarks) and line["remarks"]


@pytest.mark.parametrize("rate,relaxed", [(95, True), (250, False)])
@pytest.mark.parametrize("with_audio", [False, True])
def test_pace_from_recognised_speech(drills, rate, relaxed, with_audio):
    """Real audio: espeak-ng speech -> pocketsphinx word timings (and syllables measured in the
    audio, as the voice edge hands them over) -> the pace check."""
    speech = pytest.importorskip("tests.speech")
    if not speech.espeak_available():
        pytest.skip("espeak-ng not installed: apt-get install espeak-ng")
    from voice.audio.wavfile import wav_chunks
    from voice.asr.sphinx_engine import SphinxRecognizer
    from voice.audio.syllables import measure_rhythm

    recognizer = SphinxRecognizer(None)
    text = "i've been feeling really lonely lately and i didn't know how to say it to you"
    chunks = list(wav_chunks(speech.speech_wav(speech.Clip(text, rate=rate))))
    for chunk in chunks:
        recognizer.accept(chunk)
    heard = recognizer.final()
    rhythm = measure_rhythm(b"".join(c.audio for c in chunks))
    feedback = judge(drill_by_id(drills, "body-language"), heard.text, heard.words, 0,
                     rhythm if with_audio else None)
    assert dict(feedback.checks)["pace_ok"] is relaxed, dict(feedback.measures)
