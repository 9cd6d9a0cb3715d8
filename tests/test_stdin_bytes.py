"""Invalid UTF-8 on stdin: every line answered, output always valid UTF-8 (issue 13.2)."""

import json
import os
import subprocess
import sys

import pytest

LINES = b"who said that\n\xff\xfe caf\xe9\nhow do i get him to talk\n"


def run(argv, env):
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG")}
    return subprocess.run([sys.executable, "-m", "voice", *argv], input=LINES, capture_output=True,
                          timeout=120, env={**environ, **env})


LOCALES = [{"PYTHONIOENCODING": "utf-8:strict"}, {"LC_ALL": "C.UTF-8"}, {"LC_ALL": "C"}]


@pytest.mark.parametrize("env", LOCALES)
@pytest.mark.parametrize("argv", [["intent"], ["practice", "--json"]])
def test_one_json_line_per_input_line(argv, env):
    result = run(argv, env)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]  # strict
    assert [r["text"] for r in records] == ["who said that", "\ufffd\ufffd caf\ufffd",
                                            "how do i get him to talk"]


@pytest.mark.parametrize("env", LOCALES)
def test_chat_answers_every_line(env):
    result = run(["chat", "--quiet"], env)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")  # strict
    assert "Traceback" not in result.stderr.decode("utf-8", "replace")
    assert len(out.strip().splitlines()) >= 4  # greeting and three replies
