"""Every setting has a range; a value outside it is one line naming it, exit 2 (issue 13.4)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from voice.settings import Settings, SettingsError, load_settings

NO_FILE = Path("/nonexistent/openup/config.toml")

BAD_CONFIG = [("rate", "inf"), ("rate", "-50"), ("rate", "0"), ("rate", "true"), ("rate", "100000"),
              ("rate", "nan"), ("volume", "nan"), ("volume", "inf"), ("volume", "-1"), ("volume", "5"),
              ("volume", "true"), ("silence", "0"), ("silence", "-1"), ("quick_silence", "0"),
              ("quick_silence", "11"), ("quick_silence", "nan"), ("follow_up", "-1"),
              ("follow_up", "inf"), ("wake_phrase", '""'), ("wake_phrase", '"!!!"'), ("wake_phrase", "3"),
              ("model_dir", '""'), ("engine", '"kaldi"'), ("voice", '"  "'), ("discreet", "2")]
BAD_ENV = [("VOLUME", "nan"), ("VOLUME", "inf"), ("VOLUME", "-1"), ("SILENCE", "0"), ("SILENCE", "-1"), ("QUICK_SILENCE", "0.05"),
           ("WAKE_PHRASE", ""), ("WAKE_PHRASE", "!!!"), ("MODEL_DIR", ""), ("RATE", "inf"), ("RATE", "12.5"),
           ("MIC", ""), ("DISCREET", "maybe")]


@pytest.mark.parametrize("name, toml", BAD_CONFIG)
def test_out_of_range_config_values_name_the_setting_and_the_file(tmp_path, name, toml):
    path = tmp_path / "config.toml"
    path.write_text(f"{name} = {toml}\n")
    with pytest.raises(SettingsError, match=rf"^setting {name} = .* \(from {path}\) is not allowed; use "):
        load_settings({}, {}, path)


@pytest.mark.parametrize("name, raw", BAD_ENV)
def test_out_of_range_environment_values_name_the_variable(name, raw):
    with pytest.raises(SettingsError, match=f"OPENUP_{name}"):
        load_settings({}, {f"OPENUP_{name}": raw}, NO_FILE)


def test_flags_are_checked_too():
    with pytest.raises(SettingsError, match="--volume"):
        load_settings({"volume": float("nan")}, {}, NO_FILE)
    with pytest.raises(SettingsError, match="--rate"):
        load_settings({"rate": 0}, {}, NO_FILE)


def test_values_in_range_pass(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('rate = 200\nvolume = 0\nsilence = 0.3\nquick_silence = 0.3\nfollow_up = 0\nwake_phrase = "  Hey   Coach "\n'
                    'mic = 2\nregion = "gb"\ndiscreet = true\n')
    settings = load_settings({}, {"OPENUP_VOLUME": "0.5"}, path)
    assert (settings.rate, settings.volume, settings.silence, settings.follow_up) == (200, 0.5, 0.3, 0.0)
    assert settings.quick_silence == 0.3  # as long as silence: turns never end early
    assert (settings.wake_phrase, settings.mic, settings.region, settings.discreet) == ("Hey Coach", "2", "GB", True)
    assert load_settings({}, {}, NO_FILE) == Settings(region="other")


def openup(*args, env):
    return subprocess.run([sys.executable, "-m", "voice", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env})


def test_openup_volume_nan_is_one_line_exit_2_and_no_answer_no_file(tmp_path):
    out = tmp_path / "reply.wav"
    result = openup("ask", "--out", str(out), "who said that", env={"OPENUP_VOLUME": "nan"})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["openup: setting volume = 'nan' (from OPENUP_VOLUME) is not allowed; "
                                          "use a number from 0 (silent) to 1 (full)"]
    assert not out.exists()


def test_a_bad_config_stops_ask_before_it_answers(tmp_path):
    (tmp_path / "openup").mkdir()
    (tmp_path / "openup" / "config.toml").write_text("rate = inf\n")
    result = openup("ask", "--quiet", "who said that", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "setting rate = inf" in result.stderr


def test_every_engine_the_parser_offers_is_a_valid_setting():
    from voice.asr.profiles import ENGINE_CHOICES
    from voice.settings import load_settings

    for engine in ENGINE_CHOICES:
        assert load_settings({"engine": engine}, {}).engine == engine
