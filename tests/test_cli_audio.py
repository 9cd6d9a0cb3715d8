"""The openup command on recordings: intent --audio, ask --audio, listen --input, no microphone."""

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

from conversation import Conversation
from speech import Clip, speech_wav


def openup(*args, stdin="", timeout=120, env=None):
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def test_intent_audio_adds_transcript_and_survives_a_bad_file(tmp_path):
    good = speech_wav(Clip("who said that", pad=1.0))
    bad = tmp_path / "notes.wav"
    bad.write_text("this is not audio")
    result = openup("intent", "--audio", str(bad), str(good))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1 and len(records) == 2
    assert records[0]["intent"] == "fallback" and "not a WAV file" in records[0]["error"]
    assert records[1]["intent"] == "quote" and "said" in records[1]["transcript"]
    assert "pocketsphinx" in result.stderr  # which engine, and how to get Vosk
    assert "models pull" in result.stderr


def test_ask_audio_answers_the_recording():
    question = speech_wav(Clip("i keep interrupting my wife when she talks", pad=1.0))
    result = openup("ask", "--quiet", "--audio", str(question))
    assert result.returncode == 0, result.stderr
    assert "(heard:" in result.stdout and "Listen to understand, not to reply." in result.stdout


def test_listen_on_a_recording_writes_events_and_replies(tmp_path):
    talk = Conversation()
    talk.say("it is quiet in here today", 0.5)
    talk.say("hey coach how do i get him to open up", 4.0)
    talk.say("who said that", 22.0)
    recording = talk.write(tmp_path / "talk.wav", 60.0)  # room for the quote, said with its speaker
    replies, events = tmp_path / "replies.wav", tmp_path / "events.jsonl"
    result = openup("listen", "--input", str(recording), "--output", str(replies), "--events", str(events),
                    timeout=300)
    assert result.returncode == 0, result.stderr
    turns = [json.loads(line) for line in events.read_text().splitlines()]
    assert [t["intent"] for t in turns][:2] == ["tip", "quote"]
    assert all({"heard", "intent", "technique", "reply", "start", "end"} <= set(t) for t in turns)
    with wave.open(str(replies)) as wav:
        assert abs(wav.getnframes() / wav.getframerate() - 60.0) < 1.0


def test_listen_input_needs_output(tmp_path):
    recording = speech_wav(Clip("hey coach", pad=1.0))
    result = openup("listen", "--input", str(recording))
    assert result.returncode == 2 and "--output" in result.stderr.strip().splitlines()[-1]


def test_bare_openup_without_a_microphone_falls_back_to_typed_chat():
    result = openup(stdin="who said that\nbye\n", env={"OPENUP_MIC": "no such microphone"})
    assert result.returncode == 0
    assert "starting a typed chat instead" in result.stderr
    assert "Lynn R. Zakeri" in result.stdout


def test_practice_input_judges_a_recorded_attempt_and_its_pace():
    attempt = speech_wav(Clip("i feel scared when we fight", rate=140, pad=1.0))
    result = openup("practice", "--drill", "share-vulnerability", "--input", str(attempt), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["checks"]["i_statement"] is True and record["checks"]["feeling_named"] is True
    assert 100 <= record["measures"]["wpm"] <= 260, record["measures"]
    assert record["remarks"]


def test_practice_input_that_is_not_audio_is_one_line(tmp_path):
    bad = tmp_path / "attempt.wav"
    bad.write_text("not audio at all")
    result = openup("practice", "--input", str(bad), "--quiet")
    assert result.returncode == 2 and "not a WAV file" in result.stderr.strip().splitlines()[-1]
