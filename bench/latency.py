"""Hands-free loop: per-stage latency, "stop" obedience and memory over a long session.

    python bench/latency.py [--minutes 30] [--engine pocketsphinx] [--voices en-us,en-gb,en-us+f3] [--echo DB]
                            [--pause-voices piper,en-us] [--orders fixed-first,early-first]

A synthetic recorded session is streamed through `voice.loop.replay.replay`, block after block
(about 35 s each, so memory is the loop's, not the recording's): room talk not meant
for the coach, wake phrase + request,
"stop" over the reply, a follow-up without the wake phrase, "stop" again, then quiet
until the loop goes idle. Voices and background noise levels rotate. Prints latency per
stage from the end of the utterance (the endpointing silence is shown beside it, since
users feel the sum), how many "stop"s were obeyed and how fast, how many replies were cut
with no "stop" said (false stops), and RSS per minute. --echo adds each reply back into
the microphone signal at that gain (0 dB: as loud as the person), as a speaker next to
the microphone would without echo cancellation.

Then the pause study (tests/pauses.py): requests said with a hesitation mid-sentence and
whole requests, each through a fresh loop with the fixed endpointing silence (before) and
with turns ending early when the request is whole (after): how long after the last word
the person waits for the reply, endpointing included, and how many requests were answered
before the person had finished (cut short: must be 0), in both run orders (--orders: the
recognizers adapt to what they heard before). --minutes 0 runs the study alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
from collections import Counter
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conversation import Conversation, Spoken  # noqa: E402
from pauses import loop_maker  # noqa: E402
from speech import piper_available  # noqa: E402
from voice.audio.chunks import chunk_audio  # noqa: E402
from voice.loop.events import EventLog  # noqa: E402
from voice.loop.replay import MeasuredLatency, Render, replay  # noqa: E402
from voice.loop.assembly import open_loop  # noqa: E402
from voice.loop.turn_end import TurnEndConfig  # noqa: E402
from voice.tts.speakers import WavSpeaker  # noqa: E402
from voice.settings import Settings  # noqa: E402
from voice.tts.synthesis import Synthesizer, TtsSettings  # noqa: E402
from voice.audio.resample import to_pcm16  # noqa: E402

REQUESTS = ("how do i get him to talk", "why won't she open up to me",
            "what should i ask my partner", "how can i make it safe for him to talk",
            "he never tells me how he feels", "should i share something about myself first")
FOLLOW_UPS = ("tell me more", "who said that", "give me an example", "next one")
VOICES = ("en-us", "en-gb", "en-us+f3")
BACKGROUND_DBFS = (-55.0, -45.0, -40.0)


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def block(index: int, voices: tuple[str, ...] = VOICES) -> tuple[Conversation, float, list[Spoken], list[Spoken]]:
    """One ~30 s exchange; returns it, its length, its "stop" lines and its requests."""
    talk = Conversation(voices[index % len(voices)], BACKGROUND_DBFS[index // len(voices) % 3], seed=index)
    wake = "hey coach" if index % 4 else "hey coach."  # sometimes a pause after the wake phrase
    room = talk.say("it is a lovely day today, isn't it", 0.5).end + 2.0  # not for the coach
    first = talk.say(f"{wake} {REQUESTS[index % len(REQUESTS)]}", room)
    stop1 = talk.say("stop", first.end + 0.8 + 2.5)
    follow = talk.say(FOLLOW_UPS[index % len(FOLLOW_UPS)], stop1.end + 2.0)
    stop2 = talk.say("stop" if index % 2 else "be quiet", follow.end + 0.8 + 2.5)
    return talk, stop2.end + 12.0, [stop1, stop2], [first, follow]


def session_chunks(minutes: float, stops: list[Spoken], memory: list[tuple[int, float]], distinct: int = 12,
                   voices: tuple[str, ...] = VOICES, requests: list[Spoken] | None = None):
    """The long session as AudioChunks: `distinct` blocks made once, then cycled, so the
    bench's own memory stays put and RSS shows the loop's. Samples RSS once per minute."""
    blocks = []
    for index in range(distinct):
        talk, seconds, block_stops, block_requests = block(index, voices)
        blocks.append((to_pcm16(talk.samples(seconds)), seconds, block_stops, block_requests))
    offset, index = 0.0, 0
    while offset < minutes * 60:
        pcm, seconds, block_stops, block_requests = blocks[index % distinct]
        stops += [Spoken(s.text, s.start + offset, s.end + offset) for s in block_stops]
        if requests is not None:
            requests += [Spoken(s.text, s.start + offset, s.end + offset) for s in block_requests]
        for chunk in chunk_audio(pcm, 0.1, offset):
            if int(chunk.timestamp // 60) >= len(memory):
                memory.append((len(memory), rss_mb()))
            yield chunk
        offset, index = offset + seconds, index + 1


def with_echo(chunks, render: Render, gain_db: float):
    """The chunks with the reply playing mixed in, as the microphone would hear it."""
    import numpy as np

    from voice.audio.chunks import RATE, AudioChunk
    from voice.audio.resample import resample_pcm as resample

    gain, reply, pcm = 10 ** (gain_db / 20), None, np.zeros(0)
    for chunk in chunks:
        playing = render.playing
        if playing is None:
            yield chunk
            continue
        if playing is not reply:
            reply = playing
            pcm = np.frombuffer(resample(playing.pcm, render.speaker.rate, RATE), "<i2") * gain
        mine = np.frombuffer(chunk.audio, "<i2").astype(np.float64)
        first = round((chunk.timestamp - playing.start) * RATE)
        part = pcm[max(0, first):max(0, first + len(mine))]
        at = max(0, -first)
        mine[at:at + len(part)] += part[:len(mine) - at]
        yield AudioChunk(np.clip(mine, -32768, 32767).astype("<i2").tobytes(), chunk.timestamp)


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    if len(values) < 2:
        return (values[0] * 1000, values[0] * 1000) if values else (0.0, 0.0)
    cuts = statistics.quantiles(values, n=20)
    return statistics.median(values) * 1000, cuts[18] * 1000


def stop_report(events: list[dict], stops: list[Spoken]) -> tuple[int, int, list[float]]:
    """(stops that fell on a playing reply, obeyed, seconds from end of word to the cut)."""
    due, obeyed, delays = 0, 0, []
    for stop in stops:
        playing = [e for e in events if e["reply_start"] <= stop.start < e["reply_end"] + 0.5]
        if not playing:
            continue
        due += 1
        cut = [e for e in playing if e["interrupted"] and stop.start <= e["reply_end"] <= stop.end + 1.0]
        if cut:
            obeyed += 1
            delays.append(cut[0]["reply_end"] - stop.end)
    return due, obeyed, delays


def false_stops(events: list[dict], stops: list[Spoken]) -> int:
    """Replies cut although no "stop" was said while they played."""
    return sum(1 for e in events if e["interrupted"] and not any(
        e["reply_start"] - 0.5 <= s.start <= e["reply_end"] for s in stops))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--engine", default="pocketsphinx")
    parser.add_argument("--voices", default=",".join(VOICES),
                        help="espeak-ng voices (or 'piper') the person speaks with, in turn")
    parser.add_argument("--distinct", type=int, default=12, help="different blocks before they repeat")
    parser.add_argument("--echo", type=float, help="gain in dB of the replies heard by the microphone")
    parser.add_argument("--events", help="also keep the turns in this JSON-lines file")
    parser.add_argument("--quick-silence", type=float, default=TurnEndConfig().pause,
                        help="seconds of silence that end a whole request in the session (0.6: never early)")
    parser.add_argument("--orders", default="fixed-first,early-first",
                        help="pause study run orders: which endpointing hears the requests first "
                             "(the recognizers' live normalisation carries over, so the order changes what they hear)")
    parser.add_argument("--pause-voices", default="piper,en-us",
                        help="voices of the pause study ('piper' is skipped when not installed; 'none': no study)")
    args = parser.parse_args()
    voices = tuple(args.voices.split(","))
    settings = Settings(engine=args.engine, quick_silence=args.quick_silence)
    loop = open_loop(dataclasses.replace(settings, quick_silence=TurnEndConfig().pause))  # the study needs its TurnEnd
    synth = Synthesizer(TtsSettings.of(settings), engine_factory=None)
    if args.minutes > 0:
        session_report(args, voices, settings, loop if settings.quick_silence < settings.silence else
                       loop_maker(loop, quick=False)(), synth)
    pause_voices = [v for v in args.pause_voices.split(",") if v not in ("", "none")]
    if pause_voices:
        pause_report(loop, synth, [v for v in pause_voices if v != "piper" or piper_available()],
                     [order == "early-first" for order in args.orders.split(",") if order])


def session_report(args, voices: tuple[str, ...], settings: Settings, loop, synth) -> None:
    """The long session: latency per stage, "stop", RSS."""
    import json

    stops: list[Spoken] = []
    requests: list[Spoken] = []
    memory: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory(prefix="openup-latency-") as folder:
        began = time.perf_counter()
        events_path = Path(folder) / "events.jsonl"
        with WavSpeaker(Path(folder) / "replies.wav") as speaker, EventLog(events_path) as log:
            render = Render(speaker, synth, log, latency=MeasuredLatency())  # the real delays, not the model
            chunks = session_chunks(args.minutes, stops, memory, args.distinct, voices, requests)
            if args.echo is not None:
                chunks = with_echo(chunks, render, args.echo)
            summary = replay(chunks, loop, render)
        wall = time.perf_counter() - began
        events = [json.loads(line) for line in events_path.read_text().splitlines()]
        if args.events:
            Path(args.events).write_text(events_path.read_text())
    answered = [e for e in events if e["intent"] != "reprompt"]
    intents = Counter(e["intent"] for e in events)
    print(f"session: {summary.seconds / 60:.1f} min of audio in {wall:.0f} s "
          f"({summary.seconds / wall:.1f}x real time), {summary.turns} replies, engine {args.engine}, "
          f"voices {', '.join(voices)}" + ("" if args.echo is None else f", echo {args.echo:+.0f} dB"))
    print("intents: " + ", ".join(f"{name} {count}" for name, count in intents.most_common()) + "\n")
    waits = endpoint_waits(answered, requests)
    print(f"{'stage':34} {'p50 ms':>8} {'p95 ms':>8}")
    stages = [("endpointing: last word to turn end", [wait for _e, wait in waits]),
              ("decode (transcript)", [e["decode_seconds"] for e in answered]),
              ("match + reply", [e["match_seconds"] for e in answered]),
              ("synthesis of first sentence", [e["latency"] - e["decode_seconds"] - e["match_seconds"]
                                               for e in answered]),
              ("total: turn end to first sample", [e["latency"] for e in answered]),
              ("felt: last word to reply", [e["latency"] + wait for e, wait in waits])]
    for name, values in stages:
        p50, p95 = percentiles(values)
        print(f"{name:34} {p50:8.0f} {p95:8.0f}")
    print(f"(endpointing silence {settings.silence:.2f} s, or {settings.quick_silence:.2f} s after a whole request; "
          f"{len(waits)} of {len(requests)} requests answered)")
    due, obeyed, delays = stop_report(events, stops)
    p50, p95 = percentiles(delays)
    print(f"\n\"stop\" over a playing reply: {obeyed} of {due} obeyed; "
          f"cut after the end of the word: p50 {p50:.0f} ms, p95 {p95:.0f} ms; "
          f"replies cut with no \"stop\" said: {false_stops(events, stops)}")
    print("\nminute  RSS MB")
    for minute, mb in memory:
        print(f"{minute:6d}  {mb:6.1f}")
    later = [mb for minute, mb in memory if minute >= 5]
    if later:
        print(f"RSS from minute 5 to the end: {min(later):.1f}-{max(later):.1f} MB "
              f"(spread {max(later) - min(later):.1f} MB)")


def endpoint_waits(answered: list[dict], requests: list[Spoken]) -> list[tuple[dict, float]]:
    """(turn, seconds from the request's last word to the turn's end) for each request answered:
    the turn whose utterance holds that last word."""
    found = []
    for request in requests:
        turns = [e for e in answered if e["start"] <= request.end <= e["end"]]
        if turns:
            found.append((turns[0], turns[0]["end"] - request.end))
    return found


def pause_report(base, synth, voices: list[str], orders: list[bool]) -> None:
    """Paused and whole requests through fresh loops, before and after early turn ends, in
    each order of `orders` (True: early turn ends hear the requests first)."""
    from pauses import cases, loop_maker, run
    from voice.tts.sentences import split_sentences

    first_sentence: dict[str, float] = {}

    def felt(outcome) -> float:
        """Last word to the first reply sample: endpointing, decoding, matching, first sentence."""
        step = outcome.steps[0]
        if step.text not in first_sentence:
            began = time.perf_counter()
            synth.synthesize(split_sentences(step.text)[0])
            first_sentence[step.text] = time.perf_counter() - began
        return outcome.wait + step.turn.decode_seconds + step.turn.match_seconds + first_sentence[step.text]

    print("\npause study (tests/pauses.py), engine as above; felt = last word to first reply sample")
    print(f"{'voice':9} {'order':12} {'requests':9} {'endpointing':12} {'endpoint p50/p95 ms':>20} "
          f"{'felt p50/p95 ms':>16} {'cut short':>10}")
    for voice in voices:
        paused, whole = cases(voice)
        for early_first in orders:
            run(whole[0], loop_maker(base, quick=False))  # warm the recognizers' normalisation first
            order_report(voice, paused, whole, base, felt, early_first)


def order_report(voice: str, paused, whole, base, felt, early_first: bool) -> None:
    """One voice's requests, through loops without and with early turn ends, in that order or reversed."""
    from pauses import loop_maker, run

    order = "early-first" if early_first else "fixed-first"
    for quick in ((True, False) if early_first else (False, True)):
        make = loop_maker(base, quick)
        heard = {id(case): run(case, make) for case in paused + whole}
        for kind, group in (("paused", paused), ("whole", whole), ("all", paused + whole)):
            outcomes = [heard[id(case)] for case in group]
            cut = sum(o.cut_short for o in outcomes)
            answered = [o for o in outcomes if not o.cut_short]
            w50, w95 = percentiles([o.wait for o in answered])
            f50, f95 = percentiles([felt(o) for o in answered])
            print(f"{voice:9} {order:12} {kind + f' {len(group)}':9} {'early' if quick else 'fixed':12} "
                  f"{w50:9.0f} {w95:9.0f}  {f50:7.0f} {f95:7.0f}  {cut:6d}")
        for outcome in (heard[id(case)] for case in paused + whole):
            if outcome.cut_short:
                print(f"  cut short: {outcome.case.text!r} answered as "
                      f"{[s.turn.heard for s in outcome.steps if s.turn]}")


if __name__ == "__main__":
    main()
