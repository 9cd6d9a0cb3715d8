"""Speech-to-intent by engine x voice x noise: pocketsphinx, whisper, and the two together.

    python bench/speech.py [--limit 10] [--voices joe,heart] [--noise clean,pink20,pink10,babble10]
                           [--stress en-us] [--records bench/out/speech.jsonl] [--no-whisper]

Requests from tests/data/utterances.txt (set A) and bench/data/utterances_blind.txt
(blind) are spoken by the natural voices Piper joe and hibari heart
(tests/natural_speech.py; espeak-ng voices given to --stress are a stress column only),
with a -60 dBFS floor and pink noise or babble at the SNR named ("pink10" = 10 dB). Each
clip is decoded by pocketsphinx with the domain LM and by whisper tiny.en, and matched as
the dialogue does for speech (matcher, then the speech floor). Rows:

  pocketsphinx  the streaming first pass alone (the `small` profile)
  whisper       whisper alone on every utterance
  second        pocketsphinx, and whisper when voice/asr/second_opinion.py's DoubtRule
                says unsure (the `standard` profile)

"in-domain" is exact accuracy on requests the coach should understand; "off-topic" the
share of out-of-domain requests ending as fallback; RTF decoding seconds per second of
audio; "+lat" the mean seconds whisper adds after the end of speech (over all requests);
"asked" the share sent to whisper. The gate study compares doubt signals on the same
records, per set (choose on set A; the blind set confirms): matcher confidence, close
calls, word confidences, and the utterance's speech-to-noise level ("level<20": under 20 dB,
voice/audio/level.py). Peak RSS is measured in a fresh process per profile. The blind set
is scored but its failures are never printed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.catalog import load_catalog  # noqa: E402
from intents.evaluation import judge, load_labelled  # noqa: E402
from intents.matcher import SPEECH_FLOOR, Matcher  # noqa: E402
from voice.asr.recognize import transcribe_request  # noqa: E402
from voice.asr.second_opinion import DoubtRule, matcher_doubt  # noqa: E402
from voice.audio.wavfile import read_wav  # noqa: E402

SETS = {"A": ROOT / "tests" / "data" / "utterances.txt",
        "blind": ROOT / "bench" / "data" / "utterances_blind.txt"}
OUT = ROOT / "bench" / "out"
RSS_PROBE = """
import sys
sys.path.insert(0, {root!r})
from voice.cli.parser import main
sys.argv = ["openup", "intent", "--engine", {profile!r}, "--audio", {wav!r}]
try:
    main()
except SystemExit:
    pass
print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
"""
GATES = {
    "fallback only": DoubtRule(match_floor=SPEECH_FLOOR, close_call=False),
    "match<0.35": DoubtRule(match_floor=0.35, close_call=False),
    "match<0.45": DoubtRule(match_floor=0.45, close_call=False),
    "match<0.45+close": DoubtRule(match_floor=0.45, close_call=True),
    "match<0.60+close": DoubtRule(match_floor=0.60, close_call=True),
    "words<0.6": DoubtRule(match_floor=SPEECH_FLOOR, word_confidence=0.6, close_call=False),
    "match<0.45+words<0.6": DoubtRule(match_floor=0.45, word_confidence=0.6, close_call=False),
    "level<20 only": DoubtRule(match_floor=SPEECH_FLOOR, close_call=False, min_level_db=20.0),
    "m<0.45+close+level<15": DoubtRule(match_floor=0.45, close_call=True, min_level_db=15.0),
    "m<0.45+close+level<20": DoubtRule(match_floor=0.45, close_call=True, min_level_db=20.0),
    "m<0.45+close+level<25": DoubtRule(match_floor=0.45, close_call=True, min_level_db=25.0),
    "m<0.45+close+level<30": DoubtRule(match_floor=0.45, close_call=True, min_level_db=30.0),
}
"""Doubt rules compared by the gate study; DoubtRule() is the shipped one."""


@dataclass
class Record:
    """One clip decoded by both engines."""

    set_name: str
    voice: str
    noise: str
    intent: str
    technique: str | None
    text: str
    seconds: float
    """Audio length."""
    sphinx: str
    sphinx_conf: float
    sphinx_time: float
    whisper: str | None
    whisper_time: float
    level_db: float | None = None
    """Speech-to-noise level of the endpointer's utterances (voice/audio/level.py), dB;
    None in records saved before it was measured (then the level signal never fires)."""


def sample(path: Path, limit: int, seed: int) -> list:
    """A fixed random sample: `limit` in-domain requests and half as many off-topic ones."""
    items, rng = load_labelled(path), random.Random(seed)
    inside = [i for i in items if i.intent != "fallback"]
    outside = [i for i in items if i.intent == "fallback"]
    return rng.sample(inside, min(limit, len(inside))) + rng.sample(outside, min(max(1, limit // 2), len(outside)))


def clip_wav(text: str, voice: str, noise: str) -> Path:
    """The clip for a natural voice (joe, heart) or an espeak-ng stress voice."""
    kind, snr = ("clean", None) if noise == "clean" else (noise.rstrip("0123456789"), float(noise.lstrip("abcdefghijklmnopqrstuvwxyz")))
    if voice in ("joe", "heart"):
        from tests.natural_speech import Spoken, natural_wav

        return natural_wav(Spoken(text, voice, kind, snr))
    from tests.speech import Clip, speech_wav

    if kind == "babble":
        raise SystemExit("babble is for the natural voices only")
    return speech_wav(Clip(text, voice, snr_db=snr, noise=kind))


def level(wav: Path) -> float:
    """The level SecondOpinion measures, over the utterances the endpointer finds in the clip
    (joined: SecondOpinion judges each utterance alone, but a request is almost always one)."""
    from voice.audio.endpoint import utterances
    from voice.audio.level import speech_to_noise_db
    from voice.audio.wavfile import wav_chunks

    return speech_to_noise_db(b"".join(u.audio for u in utterances(wav_chunks(wav))))


def decode(wav: Path, recognizer) -> tuple[str, float, float]:
    began = time.perf_counter()
    transcript = transcribe_request(wav, recognizer)
    return transcript.text, transcript.confidence, time.perf_counter() - began


def verdict(matcher: Matcher, item, text: str) -> bool:
    """Exact, as Session.hear(spoken=True) decides: the matcher, then the speech floor."""
    match = matcher.match(text) if text.strip() else None
    if match is not None and match.intent != "safety" and match.confidence < SPEECH_FLOOR:
        match = None
    return judge(item, match).exact


def collect(args, matcher, sets) -> list[Record]:
    from voice.asr.recognize import open_recognizer, request_sentences

    catalog = load_catalog()
    sphinx, _ = open_recognizer("pocketsphinx", None, request_sentences(catalog))
    whisper = None
    if not args.no_whisper:
        from voice.asr.whisper_engine import WhisperRecognizer

        whisper = WhisperRecognizer(word_times=False)
    records, out = [], Path(args.records)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as sink:
        for voice in args.voices.split(",") + [v for v in args.stress.split(",") if v]:
            for noise in args.noise.split(","):
                if noise.startswith("babble") and voice not in ("joe", "heart"):
                    continue
                for set_name, items in sets.items():
                    for item in items:
                        wav = clip_wav(item.text, voice, noise)
                        s_text, s_conf, s_time = decode(wav, sphinx)
                        w_text, _, w_time = decode(wav, whisper) if whisper else (None, 0.0, 0.0)
                        record = Record(set_name, voice, noise, item.intent, item.technique, item.text,
                                        len(read_wav(wav)) / 32000, s_text, s_conf, s_time, w_text, w_time, level(wav))
                        sink.write(json.dumps(asdict(record)) + "\n")
                        sink.flush()
                        records.append(record)
                    print(f"  {voice:7} {noise:9} {set_name:6} done", file=sys.stderr, flush=True)
    return records


def rows(records: list[Record], matcher: Matcher, rule: DoubtRule | None, engine: str) -> dict:
    """Scores per (voice, noise) for one engine: 'pocketsphinx', 'whisper' or 'second'."""
    from intents.evaluation import Labelled
    from voice.asr.transcript import Transcript

    doubt = matcher_doubt(matcher, rule) if rule else None
    table: dict = {}
    for r in records:
        item = Labelled(r.intent, r.technique, r.text)
        asked = engine == "whisper" or (engine == "second" and doubt(Transcript(r.sphinx, (), r.sphinx_conf), _level(r)) is not None)
        text = r.whisper if asked else r.sphinx
        busy = (r.sphinx_time if engine != "whisper" else 0.0) + (r.whisper_time if asked else 0.0)
        cell = table.setdefault((r.voice, r.noise), {"in": [], "off": [], "busy": 0.0, "audio": 0.0, "lat": [], "asked": []})
        cell["off" if r.intent == "fallback" else "in"].append(verdict(matcher, item, text or ""))
        cell["busy"] += busy
        cell["audio"] += r.seconds
        cell["lat"].append(r.whisper_time if asked else 0.0)
        cell["asked"].append(asked)
    return table


def _level(record: Record) -> float:
    return math.inf if record.level_db is None else record.level_db


def mean(xs) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def report(records: list[Record], matcher: Matcher, sets: dict, rss: dict) -> None:
    for name, items in sets.items():
        outside = sum(i.intent == "fallback" for i in items)
        print(f"set {name}: {len(items) - outside} in-domain + {outside} off-topic requests per voice x noise")
    print(f"\n{'engine':13} {'voice':7} {'noise':9} {'in-domain':>9} {'off-topic':>9} {'RTF':>6} {'+lat s':>6} {'asked':>6}")
    whisper_ran = all(r.whisper is not None for r in records)
    engines = [("pocketsphinx", None)] + ([("whisper", None), ("second", DoubtRule())] if whisper_ran else [])
    for engine, rule in engines:
        for (voice, noise), c in rows(records, matcher, rule, engine).items():
            print(f"{engine:13} {voice:7} {noise:9} {mean(c['in']):9.1%} {mean(c['off']):9.1%} "
                  f"{c['busy'] / c['audio']:6.3f} {mean(c['lat']):6.2f} {mean(c['asked']):6.1%}")
    if whisper_ran:
        for set_name in sets:
            gate_study(set_name, [r for r in records if r.set_name == set_name], matcher)
    for profile, mb in rss.items():
        print(f"profile {profile:9} peak RSS of `openup intent --engine {profile} --audio` {mb}")


def gate_study(set_name: str, records: list[Record], matcher: Matcher) -> None:
    """One line per doubt rule on one set: in-domain exact per voice x noise and pooled;
    off-topic rejected, asked and +lat pooled over voices and noises. Aggregates only."""
    cells = list(dict.fromkeys((r.voice, r.noise) for r in records))
    heads = [f"{v}/{n}" for v, n in cells]
    print(f"\ngate study, set {set_name} ({len(records)} clips; in-domain exact per voice/noise, then pooled)")
    print(f"{'doubt rule':24} " + " ".join(f"{h:>11}" for h in heads)
          + f" {'in-domain':>9} {'off-topic':>9} {'asked':>6} {'+lat s':>6}")
    for name, rule in [("never (pocketsphinx)", None), *GATES.items(), ("always (whisper)", "all")]:
        engine = "pocketsphinx" if rule is None else "whisper" if rule == "all" else "second"
        table = rows(records, matcher, None if rule == "all" else rule, engine)
        pool = {k: [x for c in table.values() for x in c[k]] for k in ("in", "off", "lat", "asked")}
        print(f"{name:24} " + " ".join(f"{mean(table[c]['in']):11.1%}" for c in cells)
              + f" {mean(pool['in']):9.1%} {mean(pool['off']):9.1%} {mean(pool['asked']):6.1%} {mean(pool['lat']):6.2f}")


def peak_rss(profile: str, wav: Path) -> str:
    code = RSS_PROBE.format(root=str(ROOT), profile=profile, wav=str(wav))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    try:
        return f"{int(out.stdout.split()[-1]) / 1024:.0f} MB"
    except (ValueError, IndexError):
        return f"failed: {out.stderr.strip().splitlines()[-1:]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10, help="in-domain requests sampled per set")
    parser.add_argument("--voices", default="joe,heart", help="natural voices: joe, heart")
    parser.add_argument("--stress", default="", help="espeak-ng voices as a stress column, e.g. en-us")
    parser.add_argument("--noise", default="clean,pink20,pink10,babble10")
    parser.add_argument("--no-whisper", action="store_true", help="pocketsphinx only")
    parser.add_argument("--no-rss", action="store_true")
    parser.add_argument("--records", default=str(OUT / "speech.jsonl"), help="where each clip's results go")
    parser.add_argument("--from-records", action="store_true", help="re-score saved records, decode nothing")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    matcher = Matcher.from_catalog(load_catalog())
    sets = {name: sample(path, args.limit, args.seed) for name, path in SETS.items() if path.exists()}
    if args.from_records:
        records = [Record(**json.loads(line)) for line in Path(args.records).read_text().splitlines()]
    else:
        records = collect(args, matcher, sets)
    rss = {}
    if not args.no_rss:
        from tests.natural_speech import Spoken, natural_wav

        probe = natural_wav(Spoken("how do i get my partner to open up", "joe", "pink", 10))
        rss = {p: peak_rss(p, probe) for p in ("small", "standard")}
    report(records, matcher, sets, rss)


if __name__ == "__main__":
    main()
