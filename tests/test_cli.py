"""The openup command as a user runs it: a real process, real stdin and stdout."""

import json
import os
import subprocess
import sys
import wave

import pytest

from voice.cli.parser import build_parser


def openup(*args, stdin="", env=None, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "voice", *args], input=stdin, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )


def test_intent_contract_json_lines_in_order():
    lines = ["how do i get them to talk", "who said that", "", "set an alarm for seven", "he hit me"]
    result = openup("intent", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == lines
    assert [r["intent"] for r in records] == ["tip", "quote", "fallback", "fallback", "safety"]
    for record in records:
        assert {"text", "intent", "technique", "confidence"} <= set(record)
        assert 0.0 <= record["confidence"] <= 1.0


def test_intent_judges_each_line_alone_and_survives_odd_text():
    odd = ["yes", "🙂 ça va", "x" * 10000, "tell me more"]
    result = openup("intent", stdin="\n".join(odd) + "\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 4 and records[0]["intent"] == "affirm" and records[3]["intent"] == "more"


def test_ask_quiet_prints_the_technique():
    result = openup("ask", "--quiet", "i keep interrupting my wife")
    assert result.returncode == 0 and "Listen to understand, not to reply." in result.stdout


def test_ask_out_renders_speech_to_a_wav(tmp_path):
    out = tmp_path / "reply.wav"
    result = openup("ask", "--out", str(out), "who said that")
    assert result.returncode == 0, result.stderr
    with wave.open(str(out)) as wav:
        assert wav.getnframes() / wav.getframerate() > 2.0


def test_ask_without_a_speech_engine_still_answers(tmp_path):
    env = {"PATH": str(tmp_path), "PYTHONPATH": os.pathsep.join(sys.path)}
    result = openup("ask", "how do i get him to open up", env=env)
    assert result.returncode == 0 and result.stdout.strip()
    assert len(result.stderr.strip().splitlines()) == 1 and "--quiet" in result.stderr


def test_chat_holds_a_conversation():
    result = openup("chat", "--quiet", stdin="how do i get her to talk\nanother one\nwho said that\nstop\nnever read\n")
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and len(lines) == 5  # greeting + four replies; stops at "stop"
    assert "Carina Wolff" in lines[3]


def test_tips_lists_eleven():
    result = openup("tips")
    assert result.stdout.count("\n    ") == 11 and "[direct-question]" in result.stdout


def test_bad_config_is_one_line(tmp_path):
    config = tmp_path / "openup" / "config.toml"
    config.parent.mkdir()
    config.write_text("rate = 'fast'\n")
    result = openup("ask", "--out", str(tmp_path / "r.wav"), "hi", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "rate" in result.stderr


def _commands():
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command):
    result = openup(command, "--help")
    assert result.returncode == 0 and "usage: openup" in result.stdout


def test_version_and_debug():
    assert openup("--version").stdout.startswith("openup ")
    result = openup("intent", "--debug", stdin="how do i listen better\n")
    assert "top candidates" in result.stderr and "tip:good-listener" in result.stderr


def test_models_list_names_the_engine(tmp_path):
    result = openup("models", "list", "--model-dir", str(tmp_path))
    assert result.returncode == 0 and "Engine in use: pocketsphinx" in result.stdout


def test_models_pull_failure_is_one_line_and_leaves_nothing(tmp_path):
    env = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    result = openup("models", "pull", "--model-dir", str(tmp_path), env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("openup: could not download")
    assert list(tmp_path.iterdir()) == []


def test_practice_json_contract():
    attempts = ["how do you see us right now", "you never talk to me", ""]
    result = openup("practice", "--drill", "direct-question", "--json", stdin="\n".join(attempts) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        assert {"question", "open_question", "i_statement", "feeling_named", "blame_free"} <= set(record["checks"])
        assert record["remarks"]
    assert records[0]["checks"]["open_question"] and not records[1]["checks"]["blame_free"]


def test_practice_unknown_drill_is_one_line():
    result = openup("practice", "--drill", "juggling", "--json")
    assert result.returncode == 2 and "drills: direct-question" in result.stderr


def test_chat_can_switch_into_practice_and_back():
    script = "let's practise\ni feel worried about us and i wonder how you see things\nstop\nwho said that\nbye\n"
    result = openup("chat", "--quiet", stdin=script)
    lines = result.stdout.splitlines()
    assert "Let's practise" in lines[1]
    assert "Say again, next drill, or stop" in lines[2]
    assert "Carina Wolff" in lines[4]
