"""Voices compared: first-audio latency, real-time factor, peak RSS, and how well a listener hears them.

    python bench/voices.py [--voices heart joe espeak] [--limit N] [--rate 165]

Each voice runs in its own process with the whole assistant loaded (catalog, matcher,
recognizer: voice.loop.assembly.open_loop), so its peak RSS is the assistant's with that
voice. Every reply in the catalog (technique summaries, details, examples, quotes; --limit
takes the first N) is said through a Mouth into a recording speaker:

- first audio: seconds from say() to the first sentence reaching the speaker (p50, p90);
  the voice is warmed up first, as the assistant does at start;
- real-time factor: synthesis seconds per second of speech (below 1 keeps up);
- words/min: catalog words per second of speech x 60, at --rate;
- WER: faster-whisper tiny.en (tests/hearing.py) transcribes each rendering; word error
  rate against the text after lower-casing and dropping punctuation, over all words.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hearing import transcribe_wav, word_error_rate, words  # noqa: E402
from voice.tts.speakers import NullSpeaker  # noqa: E402


def catalog_texts(limit: int | None = None) -> list[str]:
    """Summaries, details, examples and quotes of every technique, in catalog order."""
    from content.catalog import load_catalog

    texts = []
    for technique in load_catalog().techniques:
        texts += [technique.summary, technique.detail, technique.example, *(q.text for q in technique.quotes)]
    texts = [" ".join(text.split()) for text in texts if text.strip()]
    return texts[:limit] if limit else texts


class RecordingSpeaker(NullSpeaker):
    """Keeps what is played (at 16 kHz) and when the first sentence arrived."""

    needs_audio = True
    rate = 16000

    def __init__(self):
        self.first, self.pcm = None, []

    def play(self, speech, cancel: threading.Event | None = None) -> bool:
        self.first = self.first or time.perf_counter()
        self.pcm.append(speech.at_rate(self.rate).pcm)
        return True


def run_voice(voice: str, rate: int, limit: int | None, folder: Path) -> dict:
    """In this process: load the assistant and the voice, say every text, write one WAV each."""
    from voice.loop.assembly import open_loop
    from voice.settings import Settings
    from voice.tts.mouth import Mouth
    from voice.tts.synthesis import TtsSettings
    from voice.tts.voices import open_synthesizer

    settings = Settings(voice=voice, rate=rate)
    loop = open_loop(settings)  # noqa: F841 (held so its memory counts)
    synthesizer = open_synthesizer(TtsSettings(settings.rate, settings.volume, settings.voice), wait=True)
    firsts, busy, spoken = [], 0.0, 0.0
    for index, text in enumerate(catalog_texts(limit)):
        speaker = RecordingSpeaker()
        began = time.perf_counter()
        Mouth(synthesizer, speaker).say(text)
        busy += time.perf_counter() - began
        firsts.append(speaker.first - began)
        pcm = b"".join(speaker.pcm)
        spoken += len(pcm) / 2 / speaker.rate
        with wave.open(str(folder / f"{index:03d}.wav"), "wb") as wav:
            wav.setnchannels(1), wav.setsampwidth(2), wav.setframerate(speaker.rate), wav.writeframes(pcm)
    engine = getattr(synthesizer, "name", "espeak")
    synthesizer.close()
    return {"voice": voice, "engine": engine, "firsts": firsts, "rtf": busy / spoken, "seconds": spoken,
            "rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident size, MB: VmHWM on Linux (ru_maxrss there also counts
    the parent's size at fork, so a child started by a big process looks big), else ru_maxrss."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(voice: str, rate: int, limit: int | None) -> dict:
    """One voice in a child process, then its renderings heard by whisper here."""
    texts = catalog_texts(limit)
    with tempfile.TemporaryDirectory(prefix=f"openup-voice-{voice}-") as folder:
        command = [sys.executable, __file__, "--child", voice, "--rate", str(rate), "--folder", folder]
        command += ["--limit", str(limit)] if limit else []
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        result = json.loads(done.stdout.splitlines()[-1])
        heard = [transcribe_wav(Path(folder) / f"{i:03d}.wav") for i in range(len(texts))]
    reference_words = sum(len(words(text)) for text in texts)
    errors = sum(word_error_rate(text, got) * max(1, len(words(text))) for text, got in zip(texts, heard))
    worst = max(zip(texts, heard), key=lambda pair: word_error_rate(*pair))
    result.update(wer=errors / reference_words, words_per_minute=reference_words / result["seconds"] * 60,
                  worst=worst, worst_wer=word_error_rate(*worst))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", nargs="+", default=["heart", "joe", "espeak"])
    parser.add_argument("--limit", type=int, help="only the first N catalog texts")
    parser.add_argument("--rate", type=int, default=165, help="speaking rate, words per minute (the default setting)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_voice(args.child, args.rate, args.limit, Path(args.folder))))
        return
    print(f"{len(catalog_texts(args.limit))} catalog texts, rate {args.rate} wpm")
    print(f"{'voice':<8} {'engine':<8} {'first p50':>9} {'p90':>6} {'RTF':>5} {'words/min':>9} {'peak RSS':>9} {'WER':>6}")
    for voice in args.voices:
        r = measure(voice, args.rate, args.limit)
        print(f"{voice:<8} {r['engine']:<8} {statistics.median(r['firsts']):8.2f}s {percentile(r['firsts'], 0.9):5.2f}s "
              f"{r['rtf']:5.2f} {r['words_per_minute']:9.0f} {r['rss_mb']:7.0f}MB {r['wer']:6.3f}", flush=True)
        print(f"         worst (WER {r['worst_wer']:.2f}): {r['worst'][0][:70]!r} heard as {r['worst'][1][:70]!r}", flush=True)


if __name__ == "__main__":
    main()
