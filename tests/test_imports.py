"""content and intents work on a machine with no audio libraries at all."""

import ast
import subprocess
import sys
from pathlib import Path

BLOCK = """
import sys
from pathlib import Path
for name in ("vosk", "sounddevice", "pyttsx3", "pocketsphinx", "webrtcvad"):
    sys.modules[name] = None  # any import of them now raises ImportError
from content.catalog import load_catalog
from intents.matcher import Matcher
from intents.dialogue import Session
catalog = load_catalog()
print(Session(catalog, Matcher.from_catalog(catalog)).hear("who said that").intent)
assert not any(name.startswith("voice") for name in sys.modules), "intents/content imported voice"
"""


def test_text_core_imports_without_audio_libraries():
    result = subprocess.run([sys.executable, "-c", BLOCK], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "quote"


def test_importing_the_cli_does_no_work():
    code = "import sys, voice.cli.parser; print(sorted(m for m in ('vosk','sounddevice','pyttsx3','pocketsphinx') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]"


# -- the layering: no cycles, no crowded folders ---------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("voice", "intents", "content")
MAX_MODULES_SIDE_BY_SIDE = 12


def project_modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the project's packages."""
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules `name` imports anywhere in its file, inside functions included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1], *filter(None, [base])])
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `graph` as a list of modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for successor in sorted(graph[node]):
            if state.get(successor) == 1:
                return path[path.index(successor):] + [successor]
            if successor not in state and (cycle := visit(successor)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycles_even_inside_functions():
    modules = project_modules()
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_folder_crowds_more_than_twelve_modules():
    for package in PACKAGES:
        for folder in [ROOT / package, *(p.parent for p in (ROOT / package).rglob("*/__init__.py"))]:
            side_by_side = [p for p in folder.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
            assert len(side_by_side) <= MAX_MODULES_SIDE_BY_SIDE, f"{folder.relative_to(ROOT)}: {len(side_by_side)} modules"
