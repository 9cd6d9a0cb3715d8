"""Safety screen: recall per kind of risk and false alarms on look-alikes, typed and spoken.

    python bench/safety.py                      # typed text, every set
    python bench/safety.py --speech --limit 60 [--voices joe,heart] [--sets "blind A" ...]
        # also spoken by the natural voices (Piper joe, hibari heart), clean and in 10 dB
        # pink noise, heard by the small and the standard profile

tests/data/safety/tune.txt is what the rules and thresholds were tuned on; each dev set was
read after its first measure (tests/data/safety/README.md) and then learned from; the two
blind sets are scored here but their failures are never printed or read.
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
from intents.matcher import Matcher  # noqa: E402

DATA = ROOT / "tests" / "data" / "safety"
SETS = {"tune": DATA / "tune.txt",
        **{f"dev {path.stem[4:].upper()}": path for path in sorted(DATA.glob("dev_*.txt"))},
        "blind A": DATA / "blind_a.txt", "blind B": DATA / "blind_b.txt"}
UNREAD = {"blind A", "blind B"}
"""Sets whose failures are never printed: the only fresh estimates left once the dev sets
have been read and learned from (content/data/care/screen/told.txt)."""


def load(path: Path) -> list[tuple[str, str]]:
    lines = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [(label, text) for label, text in lines]


def score(labelled: list[tuple[str, str]], flagged: list[bool]) -> dict[str, float]:
    """Recall per kind, recall of any danger, and the share of look-alikes flagged."""
    def share(kinds: tuple[str, ...]) -> float:
        hits = [f for (label, _), f in zip(labelled, flagged) if label in kinds]
        return sum(hits) / len(hits) if hits else float("nan")
    return {"self_harm": share(("self_harm",)), "abuse": share(("abuse",)),
            "danger": share(("self_harm", "abuse")), "false alarms": share(("none",))}


def typed(matcher: Matcher, labelled: list[tuple[str, str]]) -> tuple[list[bool], list[float]]:
    flagged, timings = [], []
    for _label, text in labelled:
        start = time.perf_counter()
        match = matcher.match(text)
        timings.append(1000 * (time.perf_counter() - start))
        flagged.append(match is not None and match.intent == "safety")
    return flagged, timings


def spoken(matcher: Matcher, labelled: list[tuple[str, str]], snr_db: float | None, engine: str,
           voice: str) -> list[bool]:
    """Each line said by a natural voice (tests/natural_speech.py: joe or heart, a -60 dBFS
    floor, pink noise at ``snr_db``), recognised by ``engine``'s profile, then screened."""
    from tests.natural_speech import Spoken, natural_wav
    from voice.asr.recognize import open_recognizer, request_sentences, transcribe_request

    recognizer, _info = open_recognizer(engine, domain_sentences=request_sentences(load_catalog()), matcher=matcher)
    flagged = []
    for _label, text in labelled:
        clip = Spoken(text, voice, "clean") if snr_db is None else Spoken(text, voice, "pink", snr_db)
        heard = transcribe_request(natural_wav(clip), recognizer).text
        match = matcher.match(heard) if heard else None
        flagged.append(match is not None and match.intent == "safety")
    return flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speech", action="store_true", help="also speak every line and recognise it")
    parser.add_argument("--limit", type=int, default=0, help="lines per set for speech (0: all)")
    parser.add_argument("--engines", nargs="+", default=["small", "standard"],
                        help="device profiles to hear with (small: pocketsphinx; standard: + whisper)")
    parser.add_argument("--voices", default="joe", help="natural voices for speech, comma-separated: joe, heart")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS), metavar="SET",
                        help=f"which sets to score (default: all of {', '.join(SETS)})")
    parser.add_argument("--show", action="store_true", help="print the tune and dev sets' misses (never the blind ones)")
    args = parser.parse_args()
    unknown = set(args.voices.split(",")) - {"joe", "heart"}
    if unknown:
        parser.error(f"unknown voice {', '.join(sorted(unknown))}; use joe, heart or both: --voices joe,heart")
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    header = f"{'set':9} {'path':16} {'n':>4} {'self-harm R':>11} {'abuse R':>8} {'danger R':>8} {'false alarms':>12}"
    print(header)
    timings: list[float] = []
    for name in args.sets:
        labelled = load(SETS[name])
        flagged, took = typed(matcher, labelled)
        timings += took
        _row(name, "typed", labelled, flagged)
        if args.show and name not in UNREAD:
            for (label, text), f in zip(labelled, flagged):
                if f != (label != "none"):
                    print(f"    miss: {label:9} {text}")
        if args.speech:
            step = max(len(labelled) // args.limit, 1) if args.limit else 1
            subset = labelled[::step]  # every kind, not only the first section
            for voice in args.voices.split(","):
                for engine in args.engines:
                    for snr in (None, 10.0):
                        label = f"{voice[:5]} {engine[:5]} {'clean' if snr is None else f'{snr:.0f}dB'}"
                        _row(name, label, subset, spoken(matcher, subset, snr, engine, voice))
    print(f"\nmatch with the screen: p50 {statistics.median(timings):.2f} ms, "
          f"p95 {statistics.quantiles(timings, n=20)[-1]:.2f} ms over {len(timings)} lines")


def _row(name: str, path: str, labelled: list[tuple[str, str]], flagged: list[bool]) -> None:
    s = score(labelled, flagged)
    print(f"{name:9} {path:16} {len(labelled):4} {s['self_harm']:11.0%} {s['abuse']:8.0%} {s['danger']:8.0%} "
          f"{s['false alarms']:12.0%}")


if __name__ == "__main__":
    main()
