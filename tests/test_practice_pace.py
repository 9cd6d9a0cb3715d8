"""Speaking rate and pauses from word timings, alone and with the syllables measured in the audio."""

import pytest

from intents.practice import pace as P
from voice.asr.transcript import Word


def timed(text, step=0.4, gaps=None):
    """Words every `step` seconds (0.3 s long), with extra silence before given word indexes."""
    out, clock = [], 0.0
    for i, word in enumerate(text.split()):
        clock += (gaps or {}).get(i, 0.0)
        out.append(Word(word, clock, clock + 0.3))
        clock += step
    return tuple(out)


def test_pace_wpm_from_timings():
    words = timed("take your time what is on your mind", step=0.4)
    span = words[-1].end - words[0].start
    assert P.pace_wpm(words) == pytest.approx(8 * 60 / span)
    assert P.pace_wpm(timed("a b c d e f", step=0.25)) > P.pace_wpm(timed("a b c d e f", step=0.5))


def test_the_recognisers_words_are_timed_words():
    assert isinstance(Word("hi", 0, 0.5), P.TimedWord)  # the Protocol intents reads; no copy of the type
    assert P.long_pauses((Word("hi", 0, 0.5), Word("there", 3.5, 4.0))) == (3.0,)


@pytest.mark.parametrize("word, count", [
    ("i", 1), ("here", 1), ("talked", 1), ("lonely", 2), ("feeling", 2), ("little", 2),
    ("wanted", 2), ("you're", 1), ("aggravated", 4), ("anything", 3), ("lately", 2), ("careful", 2)])
def test_syllables(word, count):
    assert P.syllables(word) == count


def _unsure(words, names):
    return tuple(Word(w.text, w.start, w.end, 0.1) if w.text in names else w for w in words)


def test_pace_counts_unsure_words_by_their_syllables():
    """Slow speech: one stretched 4-syllable word heard as four unsure one-syllable guesses."""
    said = timed("you seemed aggravated is everything okay", step=0.8)
    heard = said[:2] + tuple(Word(w, said[2].start + i * 0.2, said[2].start + i * 0.2 + 0.2, 0.1)
                             for i, w in enumerate("thought to golf were".split())) + said[3:]
    span = said[-1].end - said[0].start
    plain_count = len(heard) * 60 / span
    true_rate = len(said) * 60 / span
    assert P.pace_wpm(said) == pytest.approx(true_rate)
    assert abs(P.pace_wpm(heard) - true_rate) < abs(plain_count - true_rate)


def test_sure_words_count_one_each_whatever_their_length():
    words = timed("aggravated everything okay", step=0.8)
    assert P.pace_wpm(words) == pytest.approx(3 * 60 / (words[-1].end - words[0].start))
    assert P.pace_wpm(_unsure(words, {"aggravated", "everything"})) > P.pace_wpm(words)


def test_pace_needs_three_words():
    assert P.pace_wpm(timed("hi there")) is None
    assert P.pace_wpm(()) is None


def test_pace_over_utterances_whose_clock_restarts():
    first, second = timed("i feel lonely lately", step=0.4), timed("and i miss you", step=0.4)
    both = first + second
    span = (first[-1].end - first[0].start) + (second[-1].end - second[0].start)
    assert P.pace_wpm(both) == pytest.approx(8 * 60 / span)
    assert P.long_pauses(both) == ()


def test_long_pauses():
    words = timed("i feel lonely and i wanted to say it", gaps={3: 3.0, 6: 1.0})
    assert P.long_pauses(words) == (pytest.approx(3.1),)
    assert P.long_pauses(timed("no pauses in this one")) == ()


def test_audio_pace_counts_sure_words_and_leftover_syllables():
    """Sure words count one each; syllables heard beyond theirs count SYLLABLES_PER_WORD to a word."""
    words = timed("i feel lonely", step=0.5)
    rate = P.pace_wpm(words, P.SpeechRhythm(4 + 13, 6.0))
    assert rate == pytest.approx((3 + 13 / P.SYLLABLES_PER_WORD) * 60 / 6.0)


def test_audio_pace_ignores_words_the_recogniser_inserted():
    """Slow speech: however many unsure guesses replace a stretched word, the syllables heard decide."""
    said = timed("you seemed aggravated is everything okay", step=0.8)

    def guessed(guesses):
        return said[:2] + tuple(Word(w, 2.0 + i * 0.2, 2.2 + i * 0.2, 0.1)
                                for i, w in enumerate(guesses.split())) + said[3:]

    nuclei = sum(P.syllables(w.text) for w in said)
    few, many = guessed("thought to golf"), guessed("thought to go out where we")
    assert P.pace_wpm(few, P.SpeechRhythm(nuclei, 4.5)) == pytest.approx(P.pace_wpm(many, P.SpeechRhythm(nuclei, 4.5)))
    assert P.pace_wpm(many) > P.pace_wpm(few)
    true_rate, plain_count = len(said) * 60 / 4.5, len(many) * 60 / 4.5
    assert abs(P.pace_wpm(many, P.SpeechRhythm(nuclei, 4.5)) - true_rate) < abs(plain_count - true_rate)


def test_audio_pace_one_syllable_words_read_at_their_rate():
    """Short words the recogniser is sure of are not shrunk by the average syllables per word."""
    words = timed("how do you see us right now", step=0.4)
    assert P.pace_wpm(words, P.SpeechRhythm(7, 3.0)) == pytest.approx(7 * 60 / 3.0)


def test_audio_pace_needs_three_syllables_and_some_speech():
    words = timed("hi there you")
    assert P.pace_wpm(words, P.SpeechRhythm(2, 1.0)) is None
    assert P.pace_wpm(words, P.SpeechRhythm(5, 0.0)) == P.pace_wpm(words)
