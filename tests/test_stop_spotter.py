"""Stop commands while the coach speaks: the rules on words and quiet, then real speech
(espeak-ng voices over noise) through the real control recognizer."""

from __future__ import annotations

import pytest

from speech import Clip, espeak_available, speech_wav
from voice.audio.chunks import AudioChunk, chunk_audio
from voice.audio.wavfile import read_wav
from voice.audio.endpoint import utterances
from voice.loop.stop_spotter import StopConfig, StopSpotter, is_stop_command

FRAME = 960  # bytes in 30 ms


@pytest.mark.parametrize("text, expected", [
    ("stop", True), ("be quiet", True), ("okay stop", True), ("stop talking", True),
    ("tell", True), ("okay tell", True), ("", False), ("tell me more", False),
    ("the stock market", False), ("say stop when you are done", False), ("okay", False),
])
def test_only_a_command_on_its_own_is_a_stop(text, expected):
    assert is_stop_command(text) is expected


def spoken(spotter: StopSpotter, pattern: str) -> None:
    """Feed frames: "s" speech, "." quiet."""
    for mark in pattern:
        spotter.listen(AudioChunk((b"\1" if mark == "s" else b"\0") * FRAME, 0.0))


def test_a_command_waits_for_a_short_quiet_after_it():
    spotter = StopSpotter(StopConfig(quiet=0.15), is_speech=any)
    spoken(spotter, "ssssssss....")
    assert not spotter.says_stop("stop")  # 0.12 s of quiet: the word may go on
    spoken(spotter, ".")
    assert spotter.says_stop("stop")
    assert not spotter.says_stop("stop it now please tell me more")


def test_a_long_stretch_of_speech_is_never_a_command():
    spotter = StopSpotter(StopConfig(max_speech=1.0), is_speech=any)
    spoken(spotter, "s" * 40 + "......")  # 1.2 s of speech
    assert not spotter.says_stop("stop")
    assert spotter.says_stop("stop", ended=True)  # the finished utterance gets some slack
    spotter.start()
    spoken(spotter, "......")
    assert not spotter.says_stop("stop", ended=True)  # no speech at all: noise, not a word


@pytest.fixture(scope="module")
def control(tmp_path_factory):
    from voice.loop.assembly import control_sentences
    from voice.asr.recognize import open_recognizer

    recognizer, _ = open_recognizer("pocketsphinx", domain_sentences=control_sentences("hey coach"),
                                    cache_dir=tmp_path_factory.mktemp("lm"))
    return recognizer


def cuts(control, clip: Clip) -> bool:
    """Would the loop cut a reply on this clip? (Each utterance from its start, as the loop feeds it.)"""
    spotter = StopSpotter()
    for utterance in utterances(chunk_audio(read_wav(speech_wav(clip)))):
        spotter.start()
        said = False
        for chunk in utterance.chunks():
            control.accept(chunk)
            spotter.listen(chunk)
            said = said or spotter.says_stop(control.partial())
        if said | spotter.says_stop(control.final().text, ended=True):
            return True
    return False


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng missing: apt-get install espeak-ng")
@pytest.mark.parametrize("clip", [
    Clip("stop", "en-us+f3", 165, 10.0),  # heard as "tell"
    Clip("stop", "en-gb", 165, 10.0),  # heard as "thought"
    Clip("be quiet", "en-us+m3", 210, 20.0),
    Clip("okay stop", "en-us", 130),
], ids=lambda c: f"{c.text}-{c.voice}-{c.rate}-{c.snr_db}")
def test_stop_is_obeyed_in_any_voice_and_noise(control, clip):
    assert cuts(control, clip)


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng missing: apt-get install espeak-ng")
@pytest.mark.parametrize("clip", [
    Clip("You can also say list the tips. Say stop when you're done.", "en", 165),  # the coach itself
    Clip("he's on top of it", "en-us+m3", 165),
    Clip("she stopped talking to me", "en-us", 165, 10.0),
    Clip("tell me more", "en-us+f3", 165),
], ids=lambda c: f"{c.text[:20]}-{c.voice}")
def test_talk_that_merely_contains_a_stop_word_does_not_cut(control, clip):
    assert not cuts(control, clip)
