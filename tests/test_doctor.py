"""`openup doctor`: one line per check, and each problem says what to fix."""

from __future__ import annotations

import io
import subprocess

from test_microphone import pulse  # noqa: F401  (the fixture: a private PulseAudio daemon)
from voice.cli.doctor import _echo_cancel, run_doctor
from voice.settings import Settings


def lines(monkeypatch, tmp_path, config: str | None = None, path: str | None = None):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    if config is not None:
        (tmp_path / "openup").mkdir(parents=True)
        (tmp_path / "openup" / "config.toml").write_text(config)
    if path is not None:
        monkeypatch.setenv("PATH", path)
    out = io.StringIO()
    code = run_doctor({}, out, meter_seconds=0.2)
    found = {}
    for line in out.getvalue().splitlines():
        mark, rest = line[:4].strip(), line[5:]
        found[rest.split(":")[0]] = (mark, rest)
    return code, found


def test_every_check_reports_one_line(monkeypatch, tmp_path):
    code, found = lines(monkeypatch, tmp_path)
    assert set(found) == {"settings", "espeak-ng", "speech synthesis", "pocketsphinx", "vosk model",
                          "whisper", "speech profile", "wake phrase", "speaker", "echo cancellation", "microphone"}
    assert found["settings"][0] == "ok" and found["pocketsphinx"][0] == "ok"
    assert code == (0 if all(m in ("ok", "hint") for m, _ in found.values()) else 1)


def test_bad_config_and_unknown_wake_word_say_what_to_fix(monkeypatch, tmp_path):
    code, found = lines(monkeypatch, tmp_path, config='follow_up = "soon"\n')
    assert code == 1
    assert found["settings"][0] == "FIX" and "follow_up" in found["settings"][1]
    code, found = lines(monkeypatch, tmp_path / "x", config='wake_phrase = "hey zorbulon"\n')
    assert found["wake phrase"][0] == "FIX" and "zorbulon" in found["wake phrase"][1]


def test_missing_espeak_gives_the_install_command(monkeypatch, tmp_path):
    code, found = lines(monkeypatch, tmp_path, path=str(tmp_path))
    assert code == 1
    assert found["espeak-ng"] == ("FIX", "espeak-ng: not installed; run: sudo apt-get install espeak-ng")


def test_echo_cancel_is_found_only_once_the_module_is_loaded_and_default(pulse, monkeypatch):
    for name, value in pulse.env.items():
        monkeypatch.setenv(name, value)
    missing = _echo_cancel(Settings())
    assert not missing.ok and missing.optional and "deploy/README.md" in missing.detail

    def pactl(*args):
        subprocess.run(["pactl", *args], env=pulse.env, check=True, capture_output=True, timeout=10)

    pactl("load-module", "module-null-sink", "sink_name=speaker", "channels=1")
    pactl("load-module", "module-echo-cancel", "aec_method=webrtc", "source_master=fake.monitor",
          "sink_master=speaker", "source_name=echocancel", "sink_name=echocancel_sink")
    loaded = _echo_cancel(Settings())
    assert not loaded.ok and "pactl set-default-source echocancel" in loaded.detail
    pactl("set-default-source", "echocancel")
    assert _echo_cancel(Settings()).ok


def test_without_a_sound_server_echo_cancel_is_a_hint_not_a_failure(monkeypatch, tmp_path):
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/nothing-here")
    check = _echo_cancel(Settings())
    assert not check.ok and check.optional and "sound server" in check.detail
