"""Intent accuracy and matcher latency on labelled request sets, printed as a table.

    python bench/intents.py [extra labelled files...]

The blind set (bench/data/utterances_blind.txt) is scored but its failures are
never printed: we tune on the other sets and only read the blind figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.catalog import load_catalog  # noqa: E402
from intents.evaluation import judge, load_labelled, summarize  # noqa: E402
from intents.matcher import Matcher  # noqa: E402

SETS = {
    "dev (shared)": ROOT.parent / "shared" / "eval" / "dev_utterances.txt",
    "ours A": ROOT / "tests" / "data" / "utterances.txt",
    "ours dev 2": ROOT / "tests" / "data" / "utterances_dev2.txt",
    "ours dev 3": ROOT / "tests" / "data" / "utterances_dev3.txt",
    "ours dev 4": ROOT / "tests" / "data" / "utterances_dev4.txt",
    **{f"ours dev {n}": ROOT / "tests" / "data" / f"utterances_dev{n}.txt" for n in range(5, 10)
       if (ROOT / "tests" / "data" / f"utterances_dev{n}.txt").exists()},
    "ours B (blind)": ROOT / "bench" / "data" / "utterances_blind.txt",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="more intent|technique|utterance files")
    args = parser.parse_args()
    started = time.perf_counter()
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    print(f"catalog + matcher built in {1000 * (time.perf_counter() - started):.0f} ms, "
          f"{len(catalog.sentences())} example phrases\n")
    sets = dict(SETS, **{path.name: path for path in args.files})
    print(f"{'set':16} {'n':>4} {'exact':>6} {'fb P':>5} {'fb R':>5} {'safety R':>8} {'p50 ms':>7} {'p95 ms':>7}")
    for name, path in sets.items():
        if not path.exists():
            print(f"{name:16} (missing: {path})")
            continue
        items = load_labelled(path)
        timings, verdicts = [], []
        for item in items:
            start = time.perf_counter()
            match = matcher.match(item.text)
            timings.append(1000 * (time.perf_counter() - start))
            verdicts.append(judge(item, match))
        s = summarize(verdicts)
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{name:16} {s.total:4} {s.exact:6.1%} {s.fallback_precision:5.0%} {s.fallback_recall:5.0%} "
              f"{s.safety_recall:8.0%} {p50:7.2f} {p95:7.2f}")


if __name__ == "__main__":
    main()
