"""The README stays true: its two commands exist, and every openup line it shows parses."""

import re
import shlex
from pathlib import Path

import pytest

from voice.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_make_targets():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def _openup_lines():
    for line in README.splitlines():
        if ".venv/bin/openup" in line:
            command = line.split(".venv/bin/openup", 1)[1].split("  #")[0].strip()
            yield command


@pytest.mark.parametrize("command", list(_openup_lines()))
def test_every_documented_command_parses(command):
    args = build_parser().parse_args(shlex.split(command))
    assert args.command or not command
