"""Practice feedback rules: precision and recall per rule, and the pace estimate on synthetic speech.

    python bench/practice.py [--errors] [--no-speech] [--rates 90 120 160 200] [--asr N]

Rules are scored on the tuning set (tests/data/practice_attempts.txt) and two blind sets whose
failures are never printed: bench/data/practice_blind.txt (written before the rules) and
practice_blind2.txt (written later, in recogniser style) and practice_blind3.txt (in the issue's
style), each scored once before any tuning that followed it.
Pace: attempts are synthesised with espeak-ng at several rates, a 20 dB white-noise bed and a
-60 dBFS floor are mixed in, and words per minute are estimated two ways: from the speech span
found by a frame-energy threshold, and from pocketsphinx word timings (what the coach uses).
The true rate is the known word count over the exact speech span of the clean synthesis.
With --asr N, the first N blind attempts are also synthesised (160 wpm), recognised with
pocketsphinx open vocabulary, and the rules are scored on the transcripts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intents import practice as P  # noqa: E402

RULES = ("question", "open_question", "i_statement", "feeling_named", "blame_free")
SETS = {"tuning": ROOT / "tests" / "data" / "practice_attempts.txt",
        "blind": ROOT / "bench" / "data" / "practice_blind.txt",
        "blind 2": ROOT / "bench" / "data" / "practice_blind2.txt",
        "blind 3": ROOT / "bench" / "data" / "practice_blind3.txt"}
PACE_TEXTS = (
    "how do you see us right now",
    "i've been feeling really lonely lately and i didn't know how to say it",
    "when you were talking about work you seemed aggravated, is everything okay",
    "take your time, i'm here, what's been on your mind lately",
    "so your boss keeps piling on work and you're staying late every night, you sound exhausted",
)
RATE = 16000
FRAME = 320
"""20 ms frames at 16 kHz for the energy threshold."""


def load(path: Path) -> list[tuple[dict[str, bool], str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _drill, *flags, text = line.split("|")
            rows.append((dict(zip(RULES, (f == "1" for f in flags))), text))
    return rows


def score_rules(name: str, rows, show_errors: bool) -> None:
    print(f"\n{name}: {len(rows)} attempts")
    print(f"{'rule':15} {'pos':>4} {'precision':>9} {'recall':>7} {'accuracy':>8}")
    for rule in RULES:
        got = [(getattr(P, rule)(P.prepare(text)), labels[rule], text) for labels, text in rows]
        tp = sum(g and w for g, w, _ in got)
        fp = sum(g and not w for g, w, _ in got)
        fn = sum(w and not g for g, w, _ in got)
        acc = sum(g == w for g, w, _ in got) / len(got)
        print(f"{rule:15} {tp + fn:4} {tp / max(1, tp + fp):9.1%} {tp / max(1, tp + fn):7.1%} {acc:8.1%}")
        if show_errors:
            for g, w, text in got:
                if g != w:
                    print(f"    {'FP' if g else 'FN'}: {text}")


def synthesise(text: str, rate: int, folder: Path):
    """Clean 16 kHz float samples of `text` spoken by espeak-ng at `rate`."""
    import numpy as np

    raw, wav = folder / "raw.wav", folder / "clean.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", str(rate), "-w", str(raw), text],
                   check=True, capture_output=True, timeout=30)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(wav)],
                   check=True, capture_output=True, timeout=30)
    with wave.open(str(wav)) as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), "<i2").astype("float32") / 32768.0


def noisy(clean, snr_db: float = 20.0, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    speech_power = float(np.mean(clean[np.abs(clean) > 1e-3] ** 2))
    bed = rng.standard_normal(len(clean)) * np.sqrt(speech_power / 10 ** (snr_db / 10))
    floor = rng.standard_normal(len(clean)) * 10 ** (-60 / 20)
    return (clean + bed + floor).astype("float32")


def exact_span(clean) -> float:
    """Seconds from the first to the last non-silent sample of clean synthesis."""
    import numpy as np

    loud = np.flatnonzero(np.abs(clean) > 1e-3)
    return (loud[-1] - loud[0]) / RATE


def energy_span(signal) -> float:
    """Seconds between the first and last 20 ms frame 12 dB above the quietest frames."""
    import numpy as np

    frames = signal[: len(signal) // FRAME * FRAME].reshape(-1, FRAME)
    level = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(level > np.percentile(level, 10) + 12.0)
    return (loud[-1] - loud[0] + 1) * FRAME / RATE


def sphinx_words(signal, recognizer) -> tuple[P.TimedWord, ...]:
    from voice.audio import AudioChunk
    from voice.wavfile import to_pcm16

    audio = to_pcm16(signal)
    step = RATE // 10 * 2
    for start in range(0, len(audio), step):
        recognizer.accept(AudioChunk(audio[start:start + step], start / (2 * RATE)))
    return tuple(P.TimedWord(w.text, w.start, w.end) for w in recognizer.final().words)


def open_recognizer():
    """Pocketsphinx with open vocabulary (as in practice), or None with a note why not."""
    try:
        from voice.sphinx_engine import SphinxRecognizer
        return SphinxRecognizer(None)
    except Exception as error:  # noqa: BLE001 - the bench still reports what it can
        print(f"(pocketsphinx unavailable: {error})")
        return None


def have_tools() -> bool:
    if shutil.which("espeak-ng") and shutil.which("sox"):
        return True
    print("\nspeech: skipped, needs espeak-ng and sox (apt-get install espeak-ng sox)")
    return False


def score_asr(rows, count: int) -> None:
    recognizer = open_recognizer() if have_tools() else None
    if recognizer is None:
        return
    heard = []
    with tempfile.TemporaryDirectory() as tmp:
        for labels, text in rows[:count]:
            words = sphinx_words(noisy(synthesise(text, 160, Path(tmp))), recognizer)
            heard.append((labels, " ".join(w.text for w in words)))
    score_rules(f"blind set as recognised speech (pocketsphinx open vocabulary, first {count})", heard, False)


def score_pace(rates: list[int]) -> None:
    if not have_tools():
        return
    recognizer = open_recognizer()
    print(f"\npace on synthetic speech ({len(PACE_TEXTS)} attempts per rate, 20 dB white noise)")
    print(f"{'espeak -s':>9} {'true wpm':>9} {'energy':>8} {'err':>6} {'sphinx':>8} {'err':>6} {'worst':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for rate in rates:
            truth, energy, sphinx = [], [], []
            for text in PACE_TEXTS:
                clean = synthesise(text, rate, Path(tmp))
                signal = noisy(clean)
                count = len(text.split())
                truth.append(count * 60 / exact_span(clean))
                energy.append(count * 60 / energy_span(signal))
                if recognizer:
                    sphinx.append(P.pace_wpm(sphinx_words(signal, recognizer)) or 0.0)
            report(rate, truth, energy, sphinx)


def report(rate: int, truth: list[float], energy: list[float], sphinx: list[float]) -> None:
    def err(estimates):
        return [abs(e - t) / t for e, t in zip(estimates, truth)]

    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    worst = max(err(energy) + err(sphinx))
    sphinx_cols = f"{mean(sphinx):8.0f} {mean(err(sphinx)):6.1%}" if sphinx else f"{'-':>8} {'-':>6}"
    print(f"{rate:9} {mean(truth):9.0f} {mean(energy):8.0f} {mean(err(energy)):6.1%} {sphinx_cols} {worst:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the tuning set's misjudged attempts")
    parser.add_argument("--no-speech", action="store_true", help="skip the synthetic-speech pace check")
    parser.add_argument("--rates", type=int, nargs="+", default=[90, 120, 160, 200], help="espeak-ng -s rates")
    parser.add_argument("--asr", type=int, default=0, metavar="N", help="score the rules on N recognised attempts")
    args = parser.parse_args()
    for name, path in SETS.items():
        score_rules(name, load(path), show_errors=args.errors and name == "tuning")
    if not args.no_speech:
        score_pace(args.rates)
    if args.asr:
        score_asr(load(SETS["blind"]), args.asr)


if __name__ == "__main__":
    main()
