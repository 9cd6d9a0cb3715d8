"""The hands-free state machine, with scripted "audio": each 0.1 s chunk carries one word.

A fake endpointer opens an utterance on a word chunk and closes it after 0.3 s of
silent chunks; fake recognizers read the words back. The session, matcher and catalog
are the real ones, so replies are the coach's own.
"""

from __future__ import annotations

import pytest

from content.catalog import load_catalog
from content.drills import load_drills
from intents.dialogue import Session
from intents.matcher import Matcher
from voice.audio.chunks import AudioChunk
from voice.audio.endpoint import Utterance
from voice.loop.machine import IDLE, LISTENING, SPEAKING, Ears, Loop, LoopConfig, reprompt
from voice.loop.stop_spotter import StopSpotter
from voice.asr.transcript import Transcript, Word

STEP = 0.1
SIZE = 3200  # bytes in 0.1 s of 16 kHz 16-bit audio


def word_chunk(word: str, at: float) -> AudioChunk:
    return AudioChunk(word.encode().ljust(SIZE, b"\0"), at)


def chunk_word(chunk: AudioChunk) -> str:
    return chunk.audio.rstrip(b"\0").decode()


class FakeEndpointer:
    """Speech is any chunk with a word in it; 3 silent chunks end an utterance."""

    def __init__(self, silence_chunks: int = 3):
        self.silence_chunks, self._speech, self._quiet, self._start = silence_chunks, None, 0, 0.0

    @property
    def in_speech(self) -> bool:
        return self._speech is not None

    def push(self, chunk: AudioChunk) -> list[Utterance]:
        word = chunk_word(chunk)
        if self._speech is None:
            if not word:
                return []
            self._speech, self._start, self._quiet = [], chunk.timestamp, 0
        self._speech.append(chunk.audio)
        self._quiet = 0 if word else self._quiet + 1
        return self.flush() if self._quiet >= self.silence_chunks else []

    def flush(self) -> list[Utterance]:
        if self._speech is None:
            return []
        audio, self._speech = b"".join(self._speech), None
        return [Utterance(audio, self._start, self._start + len(audio) / 32000)]


class FakeRecognizer:
    name = "fake"

    def __init__(self, vocabulary: set[str] | None = None):
        self.vocabulary, self.words, self.utterances, self.fed = vocabulary, [], [], 0

    def accept(self, chunk: AudioChunk) -> None:
        word = chunk_word(chunk)
        if word and (self.vocabulary is None or word in self.vocabulary):
            self.words.append(Word(word, self.fed * STEP, (self.fed + 1) * STEP))
        self.fed += 1

    def partial(self) -> str:
        return " ".join(w.text for w in self.words)

    def final(self) -> Transcript:
        text, words, self.words, self.fed = self.partial(), tuple(self.words), [], 0
        self.utterances.append(text)
        return Transcript(text, words, 0.9, self.name)


class Script:
    """Words at times, silence elsewhere; `run` plays a driver that speaks each reply for
    `reply_seconds` unless cut, and returns every Step with when the reply ended."""

    def __init__(self, *lines: tuple[float, str]):
        self.words = {}
        for start, text in lines:
            for i, word in enumerate(text.split()):
                self.words[round(start * 10) + i] = word

    def run(self, loop: Loop, seconds: float, reply_seconds: float = 2.0, buttons=()):
        steps, ends = [], None
        for tick in range(round(seconds / STEP)):
            now = tick * STEP
            if ends is not None and now >= ends:
                loop.spoken(ends)
                ends = None
            if any(abs(now - b) < STEP / 2 for b in buttons):
                steps += loop.button(now)
            for step in loop.push(word_chunk(self.words.get(tick, ""), now)):
                steps.append(step)
                if step.action == "say":
                    ends = step.at + reply_seconds
                elif step.action == "stop":
                    ends = None
        return steps


@pytest.fixture(scope="module")
def coach():
    catalog = load_catalog()
    return catalog, Matcher.from_catalog(catalog), load_drills()


def make_loop(coach, push_to_talk=False, follow_up=3.0):
    catalog, matcher, drills = coach
    control = FakeRecognizer()
    ears = Ears(FakeRecognizer(), control, lambda: FakeRecognizer(set()))
    loop = Loop(Session(catalog, matcher, drills), matcher, ears,
                LoopConfig("hey coach", follow_up, push_to_talk), FakeEndpointer(),
                spotter=StopSpotter(is_speech=any))  # a frame with a word's bytes in it is speech
    return loop, ears


def said(steps):
    return [(s.action, round(s.at, 1), s.turn.heard if s.turn else "") for s in steps]


def test_nothing_happens_without_the_wake_phrase(coach):
    loop, ears = make_loop(coach)
    steps = Script((1.0, "how do i get him to talk"), (4.0, "tell me more")).run(loop, 8.0)
    assert steps == []
    assert loop.state == IDLE
    assert ears.domain.utterances == []  # idle talk costs only the small control decode


def test_wake_then_request_then_follow_up_without_wake_phrase(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "hey coach"), (2.0, "how do i get him to talk"),
                   (7.0, "tell me more")).run(loop, 12.0)
    assert [s.action for s in steps] == ["chime", "say", "say"]
    assert steps[0].at == pytest.approx(1.5)  # end of "hey coach" + 0.3 s silence
    assert steps[1].turn.heard == "how do i get him to talk" and steps[1].turn.intent == "tip"
    assert steps[2].turn.heard == "tell me more" and steps[2].turn.intent == "more"


def test_request_in_the_same_breath_as_the_wake_phrase_is_answered(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "hey coach how do i get him to talk")).run(loop, 4.0)
    assert said(steps) == [("say", 2.2, "how do i get him to talk")]
    assert loop.state == SPEAKING


def test_slightly_misheard_wake_phrase_still_wakes(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "a coach how do i get him to talk")).run(loop, 4.0)
    assert [s.turn.heard for s in steps if s.turn] == ["how do i get him to talk"]


def test_after_the_follow_up_window_the_wake_phrase_is_needed_again(coach):
    loop, _ = make_loop(coach, follow_up=3.0)
    steps = Script((1.0, "hey coach tell me about honesty"), (4.5, "stop"),
                   (10.0, "how do i get him to talk")).run(loop, 14.0, reply_seconds=1.0)
    # the reply ends at 3.0; "stop" at 4.5 is a request in the window, the last one is too late
    heard = [s.turn.heard for s in steps if s.action == "say"]
    assert heard[:2] == ["tell me about honesty", "stop"]
    assert "how do i get him to talk" not in heard
    assert loop.state == IDLE


def test_silence_after_a_question_reprompts_once_then_goes_idle(coach):
    loop, _ = make_loop(coach, follow_up=3.0)
    steps = Script((1.0, "hey coach how do i get him to talk")).run(loop, 20.0, reply_seconds=2.0)
    assert steps[0].text.endswith("?")
    reprompts = [s for s in steps if s.turn and s.turn.intent == "reprompt"]
    assert len(reprompts) == 1 and reprompts[0].text == reprompt()
    assert reprompts[0].at == pytest.approx(2.2 + 2.0 + 3.0)  # reply end + the window
    assert loop.state == IDLE


def test_no_reprompt_after_a_reply_that_asked_nothing(coach):
    loop, _ = make_loop(coach, follow_up=3.0)
    steps = Script((1.0, "hey coach how do i get him to talk"), (5.0, "help")).run(loop, 14.0)
    assert steps[0].text.endswith("?") and not steps[1].text.rstrip().endswith("?")
    assert [s.turn.intent for s in steps] == ["tip", "help"]
    assert loop.state == IDLE


def test_stop_while_speaking_cuts_the_reply_as_soon_as_it_is_heard(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "hey coach how do i get him to talk"), (3.5, "stop")).run(
        loop, 5.0, reply_seconds=5.0)
    assert [s.action for s in steps] == ["say", "stop"]
    # one quiet chunk after the word (3.6), well before the endpointing silence ends it (3.9)
    assert steps[1].at == pytest.approx(3.7)
    assert loop.state == LISTENING
    assert not any(s.action == "say" and s.turn.heard == "stop" for s in steps)


def test_stop_inside_longer_speech_while_speaking_does_not_cut(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "hey coach how do i get him to talk"),
                   (3.0, "say stop when you are done"), (5.0, "the stock market")).run(
        loop, 7.0, reply_seconds=6.0)
    assert [s.action for s in steps] == ["say"]
    assert loop.state == SPEAKING


def test_stop_heard_as_a_look_alike_alone_still_cuts(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "hey coach how do i get him to talk"), (3.5, "okay tell")).run(
        loop, 5.0, reply_seconds=5.0)
    assert [s.action for s in steps] == ["say", "stop"]


def test_wake_phrase_while_speaking_cuts_and_listens(coach):
    loop, _ = make_loop(coach)
    steps = Script((1.0, "hey coach how do i get him to talk"), (3.5, "hey coach"),
                   (4.5, "tell me more")).run(loop, 9.0, reply_seconds=5.0)
    assert [s.action for s in steps] == ["say", "stop", "chime", "say"]
    assert steps[-1].turn.heard == "tell me more"


def test_own_voice_and_other_talk_while_speaking_is_never_a_request(coach):
    loop, ears = make_loop(coach)
    steps = Script((1.0, "hey coach how do i get him to talk"),
                   (3.0, "ask a direct question about where you are right now")).run(
        loop, 6.0, reply_seconds=5.0)
    assert [s.action for s in steps] == ["say"]
    assert ears.domain.utterances == ["how do i get him to talk"]  # only what followed the wake phrase
    assert ears.control.utterances == ["hey coach how do i get him to talk",
                                       "ask a direct question about where you are right now"]


def test_push_to_talk_needs_the_button_not_the_wake_phrase(coach):
    loop, _ = make_loop(coach, push_to_talk=True)
    steps = Script((1.0, "hey coach how do i get him to talk"),
                   (5.0, "how do i get him to talk")).run(loop, 9.0, buttons=(4.5,))
    assert [s.action for s in steps] == ["chime", "say"]
    assert steps[1].turn.heard == "how do i get him to talk" and steps[1].at > 5.0


def test_practice_attempt_is_decoded_with_open_vocabulary(coach):
    catalog, matcher, drills = coach
    opened = []

    def open_recognizer():
        opened.append(FakeRecognizer())
        return opened[-1]

    ears = Ears(FakeRecognizer(), FakeRecognizer(), open_recognizer)
    loop = Loop(Session(catalog, matcher, drills), matcher, ears, LoopConfig(follow_up=5.0), FakeEndpointer())
    attempt = "how are you feeling about us right now"
    steps = Script((1.0, "hey coach let's practice"), (5.0, attempt)).run(loop, 10.0)
    assert [s.turn.intent for s in steps] == ["practice", "practice"]
    assert len(opened) == 1 and opened[0].utterances == [attempt]
    assert steps[1].turn.heard == attempt
    assert "question" in steps[1].text.lower()


def test_a_practice_attempt_reaches_the_coach_with_its_measured_rhythm(coach, monkeypatch):
    from intents.practice.pace import SpeechRhythm

    catalog, matcher, drills = coach
    session, heard = Session(catalog, matcher, drills), []
    original = session.hear

    def hear(text, words=(), rhythm=None, **how):
        heard.append(rhythm)
        return original(text, words, rhythm, **how)

    monkeypatch.setattr(session, "hear", hear)
    ears = Ears(FakeRecognizer(), FakeRecognizer(), FakeRecognizer)
    loop = Loop(session, matcher, ears, LoopConfig(follow_up=5.0), FakeEndpointer())
    Script((1.0, "hey coach let's practice"), (5.0, "how are you feeling about us right now")).run(loop, 10.0)
    assert heard[0] is None and isinstance(heard[1], SpeechRhythm)  # only the attempt is measured


def test_the_loops_words_are_content_and_never_say_the_wake_phrase(tmp_path):
    from content.errors import ContentError
    from content.loop_words import load_loop_words
    from voice.settings import WAKE_PHRASE

    assert reprompt() == load_loop_words().reprompt and WAKE_PHRASE not in reprompt().lower()
    broken = tmp_path / "loop.toml"
    broken.write_text('reprompt = ""\n')
    with pytest.raises(ContentError, match="loop.toml: reprompt"):
        load_loop_words(broken)
    broken.write_text('reprompt = "hi"\nreprompts = "typo"\n')
    with pytest.raises(ContentError, match="loop.toml: reprompts"):
        load_loop_words(broken)
