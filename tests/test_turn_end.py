"""Ending a whole request after a short pause, and never a request still being said.

Text tests judge partial transcripts; recorded tests stream espeak-ng requests with a
pause mid-sentence through the real loop (pocketsphinx) and check, on the stream's clock,
that none is answered before its last words and that whole requests end sooner.
"""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from audio_fakes import espeak, silence, with_floor
from content.catalog import load_catalog
from content.loop_words import load_loop_words
from intents.matcher import Matcher
from speech import espeak_available
from voice.asr.transcript import Word
from voice.audio.chunks import AudioChunk, chunk_audio
from voice.audio.endpoint import Endpointer
from voice.loop.turn_end import Endings, TurnEnd, TurnEndConfig, judge

WAKE = ("hey coach", 75.0)


@pytest.fixture(scope="module")
def matcher():
    return Matcher.from_catalog(load_catalog())


@pytest.fixture(scope="module")
def endings():
    return Endings.learn(load_catalog().sentences())


def whole(text, matcher, endings, wake=None, unfinished=None):
    words = load_loop_words().unfinished if unfinished is None else unfinished
    return judge(text, matcher, words, TurnEndConfig(), wake, endings).whole


@pytest.mark.parametrize("text", ["how do i get him to talk", "who said that", "tell me more", "next one",
                                  "yes", "what should i ask my partner", "why won't she open up"])
def test_a_whole_confident_request_is_whole(text, matcher, endings):
    assert whole(text, matcher, endings)


@pytest.mark.parametrize("text", ["how do i get him to", "what should i ask my", "why won't he open up and",
                                  "how do i um", "she shuts down when i bring up", "i want to be a better",
                                  "tell me", "give me an example of the last", ""])
def test_a_request_that_promises_more_is_not(text, matcher, endings):
    assert not whole(text, matcher, endings)


def test_unsure_off_topic_and_safety_wait_the_full_silence(matcher, endings):
    assert not whole("how", matcher, endings)  # a weak match
    assert not whole("what a lovely day for a picnic", matcher, endings)  # off-topic, weak
    assert not whole("i am scared he will hurt me tonight", matcher, endings)  # care: let them say more
    assert not whole("he hits me when he is angry", matcher, endings)


def test_when_idle_only_a_request_after_the_wake_phrase_counts(matcher, endings):
    assert whole("hey coach who said that", matcher, endings, WAKE)
    assert not whole("who said that", matcher, endings, WAKE)
    assert not whole("hey coach", matcher, endings, WAKE)


def test_the_pairs_come_from_the_catalog(endings):
    assert ("bring", "up") in endings.open_pairs  # always followed by what is brought up
    assert ("open", "up") not in endings.open_pairs  # "why won't she open up" is whole


def test_the_unfinished_words_are_content(tmp_path):
    from content.errors import ContentError

    assert {"and", "the", "um", "because"} <= load_loop_words().unfinished
    assert not {"that", "more", "no"} & load_loop_words().unfinished  # "who said that", "tell me more"
    broken = tmp_path / "loop.toml"
    broken.write_text('reprompt = "hi"\nunfinished = ["and", "Bring Up"]\n')
    with pytest.raises(ContentError, match=r"loop.toml: unfinished\[1\]"):
        load_loop_words(broken)


# -- a word said but not heard keeps the turn open ---------------------------------------------

class _Heard:
    """A first-pass recognizer whose partial is fixed: `text`, its last word ending `last_end`
    seconds after the first chunk; `timed=False` gives no word timings."""

    name = "fake"

    def __init__(self, text: str, last_end: float, timed: bool = True) -> None:
        self.text, self.last_end, self.finals, self.abandoned = text, last_end, 0, 0
        if timed:
            self.partial_words = lambda: (Word(text.split()[-1], self.last_end - 0.3, self.last_end),)

    def accept(self, chunk):
        pass

    def partial(self):
        return self.text

    def final(self):
        self.finals += 1


@pytest.mark.parametrize("voice_after, ends", [(-0.02, True), (0.08, True), (0.2, False), (0.5, False)])
def test_voice_after_the_last_heard_word_keeps_the_turn_open(voice_after, ends, matcher):
    """The Piper cut: "...open up to me AND" heard as "...open up to me", 0.19 s of voice after "me"."""
    heard = _Heard("who said that", last_end=0.9)
    turn_end = TurnEnd(heard, matcher, load_loop_words().unfinished)
    turn_end.start([AudioChunk(b"\0\0" * 1600, 2.0)], None)  # the stream clock starts at 2 s
    assert not turn_end.whole(0.1, 2.0 + 0.9 + voice_after)  # a whole request, but the pause is too short yet
    assert turn_end.whole(0.3, 2.0 + 0.9 + voice_after) is ends


@pytest.mark.parametrize("changed_at, ends", [(0.06, True), (0.12, True), (0.18, False), (0.21, False)])
def test_a_partial_still_changing_well_into_the_pause_keeps_the_turn_open(changed_at, ends, matcher):
    """The other Piper cut: "...example of the" became "...example that" 0.18-0.21 s into the pause."""
    heard = _Heard("give me an example of", last_end=0.9)
    turn_end = TurnEnd(heard, matcher, load_loop_words().unfinished)
    turn_end.start([AudioChunk(b"\0\0" * 1600, 0.0)], None)
    assert not turn_end.whole(0.0, 0.9)  # still speaking
    assert not turn_end.whole(0.03, 0.9)
    heard.text = "give me an example that"
    decided = [turn_end.whole(quiet, 0.9) for quiet in (changed_at, 0.3, 0.39, 0.51)]
    assert decided[0] is False and decided[1:] == [ends] * 3
    assert not turn_end.whole(0.0, 1.2)  # the person speaks again
    assert not turn_end.whole(0.03, 1.2) and not turn_end.whole(0.3, 1.2)  # 0.3 s of voice after "that", unheard


def test_without_word_timings_nothing_ends_early_and_stopping_asks_no_transcript(matcher):
    plain = _Heard("who said that", last_end=0.9, timed=False)
    turn_end = TurnEnd(plain, matcher, load_loop_words().unfinished)
    turn_end.start([AudioChunk(b"\0\0" * 1600, 0.0)], None)
    assert not turn_end.whole(0.03, 0.9) and not turn_end.whole(0.3, 0.9)
    turn_end.stop()
    assert plain.finals == 1  # no way to drop the utterance: the transcript is taken and ignored
    dropping = _Heard("who said that", last_end=0.9)
    dropping.abandon = lambda: setattr(dropping, "abandoned", dropping.abandoned + 1)
    turn_end = TurnEnd(dropping, matcher, load_loop_words().unfinished)
    turn_end.start([], None)
    turn_end.stop()
    assert (dropping.finals, dropping.abandoned) == (0, 1)


# -- the endpointer can be told the turn is over -------------------------------------------

@pytest.mark.skipif(not espeak_available(), reason="espeak-ng missing: apt-get install espeak-ng")
def test_end_now_closes_the_utterance_with_the_pause_heard_so_far(tmp_path):
    from conversation import speech_extent
    from speech import from_bytes

    audio = with_floor(silence(0.5) + espeak("who said that", tmp_path / "q.wav") + silence(1.5))
    last_word = speech_extent(from_bytes(audio))[1]
    endpointer = Endpointer()
    ended = []
    for chunk in chunk_audio(audio, 0.03):
        ended += endpointer.push(chunk)
        if endpointer.quiet >= 0.24:
            voice_end = endpointer.voice_end
            ended += endpointer.end_now()
            break
    assert len(ended) == 1 and not endpointer.in_speech and endpointer.quiet == 0.0
    assert last_word + 0.2 <= ended[0].end <= last_word + 0.4  # the pause, not the 0.6 s silence
    assert abs(voice_end - last_word) <= 0.1 and ended[0].end - voice_end >= 0.23  # where the voice stopped
    assert endpointer.end_now() == []


# -- recorded requests through the loop ----------------------------------------------------

@pytest.fixture(scope="module")
def study():
    if not espeak_available():
        pytest.skip("espeak-ng missing: apt-get install espeak-ng")
    from pauses import PAUSED, WHOLE, cases
    from voice.loop.assembly import open_loop
    from voice.settings import Settings

    base = open_loop(Settings(engine="pocketsphinx", quick_silence=TurnEndConfig().pause))
    paused, whole_ones = cases("en-us", PAUSED[:10], WHOLE[:8])
    return base, paused, whole_ones


def test_no_paused_request_is_cut_short_and_whole_ones_end_sooner(study):
    from pauses import loop_maker, run

    base, paused, whole_ones = study
    quick, fixed = loop_maker(base, quick=True), loop_maker(base, quick=False)
    cut = [o.case.text for o in (run(case, quick) for case in paused) if o.cut_short]
    assert cut == []
    before = [run(case, fixed).wait for case in whole_ones]
    after = [run(case, quick).wait for case in whole_ones]
    assert all(a <= b + 0.01 for a, b in zip(after, before)), (before, after)
    assert statistics.median(before) >= 0.55 and statistics.median(after) <= 0.4, (before, after)


def test_the_measurement_sees_a_cut(study):
    """Without the unfinished words the same judge answers "how do i get him to": the
    study must report it, or its zero above means nothing."""
    from pauses import loop_maker, run
    from voice.loop.turn_end import TurnEnd

    base, paused, _ = study
    careless = TurnEnd(base.turn_end.recognizer, base.matcher, frozenset())
    bare = type(base)(base.session, base.matcher, base.ears, base.config, turn_end=careless)
    outcome = run(paused[0], loop_maker(bare, quick=True))
    assert outcome.case.parts[0].endswith(" to") and outcome.cut_short


def test_idle_room_talk_is_not_fed_to_the_first_pass_but_a_wake_request_is(study):
    """The first pass is a second full decoder: fed only once the request is the coach's."""
    import dataclasses

    from pauses import loop_maker, record, run
    from voice.loop.turn_end import TurnEnd

    base, _, whole_ones = study
    fed = []

    class Counting:
        def __init__(self, inner):
            self.inner = inner

        def accept(self, chunk):
            fed.append(chunk)
            self.inner.accept(chunk)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    first = base.turn_end
    counting = TurnEnd(Counting(first.recognizer), base.matcher, first.unfinished, first.config, first.endings)
    make = loop_maker(type(base)(base.session, base.matcher, base.ears, base.config, turn_end=counting), quick=True)
    run(whole_ones[0], make)  # after the button: fed from the start (and warms the first pass)
    assert fed
    fed.clear()
    room = dataclasses.replace(record(("it is a lovely day today isn't it",), "en-us", False, 0), wake=True)
    assert run(room, make).steps == () and fed == []  # idle, no wake phrase: not the coach's
    request = whole_ones[3]
    assert request.wake and request.text == "he never tells me how he feels"
    outcome = run(request, make)
    assert fed and not outcome.cut_short and outcome.wait < 0.5  # woken: judged, and ended early


def test_a_replay_ends_the_same_turns_at_the_same_stream_times(study):
    from pauses import loop_maker, run

    base, paused, whole_ones = study
    quick = loop_maker(base, quick=True)
    first = [[(s.at, s.turn.heard) for s in run(case, quick).steps] for case in whole_ones[:3]]
    again = [[(s.at, s.turn.heard) for s in run(case, quick).steps] for case in whole_ones[:3]]
    assert first == again
    assert all(np.isfinite(at) for steps in first for at, _ in steps)


def test_a_quick_silence_as_long_as_the_silence_turns_early_ends_off(study):
    from voice.loop.assembly import open_loop
    from voice.settings import Settings

    base, _, _ = study
    assert base.turn_end is not None and base.turn_end.config.pause == TurnEndConfig().pause
    assert Settings().quick_silence < Settings().silence  # on by default
    assert open_loop(Settings(engine="pocketsphinx", quick_silence=Settings().silence)).turn_end is None
