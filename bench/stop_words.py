"""Stop commands while the coach speaks: obeyed in every voice, and no false stops.

    python bench/stop_words.py [--rule spotter|anywhere] [--quick | --blind]

Each clip goes through the endpointer and the loop's control recognizer the way the loop
feeds them while a reply plays. "spotter" is voice/loop/stop_spotter.py (a command said on
its own, then a short quiet); "anywhere" is the old rule (a stop word anywhere in a
partial result). Prints the share of stop commands obeyed per voice, rate and noise, and
false stops on ordinary requests (said over the reply) and on the coach's own replies
(a microphone next to the speaker, no echo cancellation). The spotter's look-alike
words were chosen on the default set; --blind uses other rates and white noise.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from speech import PIPER, Clip, piper_available, speech_wav  # noqa: E402
from voice.audio.chunks import chunk_audio  # noqa: E402
from voice.audio.wavfile import read_wav  # noqa: E402
from voice.audio.endpoint import utterances  # noqa: E402
from voice.loop.stop_spotter import STOP_WORDS, StopSpotter  # noqa: E402

COMMANDS = ("stop", "be quiet", "quiet", "okay stop", "stop talking", "stop it")
VOICES = ("en-us", "en-gb", "en-us+f3", "en-us+m3", "en-gb+f2")
RATES = (130, 165, 210)
NOISE = (None, 20.0, 10.0)
"""SNR of pink noise in dB; None is clean."""
REQUESTS = ("how do i get him to talk", "why won't she open up to me", "tell me more", "who said that",
            "give me an example", "next one", "another one", "go back", "say that again", "yes please",
            "no thanks", "it is a lovely day today, isn't it", "what time is it", "let's practise",
            "list the tips", "i'll tell you later", "the stock market", "she stopped talking to me",
            "he's on top of it", "hey coach", "okay", "right", "thanks", "sorry", "wait", "i see")


def control_recognizer():
    """The loop's control recognizer, as voice/loop/replay.py builds it."""
    from voice.loop.assembly import control_sentences
    from voice.asr.recognize import open_recognizer

    return open_recognizer("pocketsphinx", domain_sentences=control_sentences("hey coach"))[0]


def cuts(recognizer, pcm: bytes, rule: str) -> bool:
    """Would the loop cut a reply playing while this audio is heard?"""
    spotter = StopSpotter()
    for utterance in utterances(chunk_audio(pcm)):
        spotter.start()
        hit = False
        for chunk in utterance.chunks():
            recognizer.accept(chunk)
            spotter.listen(chunk)
            hit = hit or _judge(recognizer.partial(), spotter, rule, ended=False)
        if _judge(recognizer.final().text, spotter, rule, ended=True) or hit:
            return True
    return False


def _judge(text: str, spotter: StopSpotter, rule: str, ended: bool) -> bool:
    if rule == "anywhere":
        return bool(STOP_WORDS.intersection(text.split()))
    return spotter.says_stop(text, ended)


def coach_replies() -> list[str]:
    """What the coach says: every technique's reply, its detail, quote and example, and the fixed lines."""
    from content.catalog import load_catalog
    from content.drills import load_drills
    from intents.dialogue import Session
    from intents.matcher import Matcher

    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    texts = []
    for technique in catalog.techniques:
        session = Session(catalog, matcher, load_drills())
        for request in (technique.phrases[0], "tell me more", "who said that", "give me an example"):
            texts.append(session.respond(matcher.match(request)).text)
    session = Session(catalog, matcher, load_drills())
    for request in ("help", "list the tips", "more", "why won't he open up", "let's practise"):
        texts.append(session.respond(matcher.match(request)).text)
    return list(dict.fromkeys(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", choices=("spotter", "anywhere"), default="spotter")
    parser.add_argument("--quick", action="store_true", help="one rate, clean and 10 dB only")
    parser.add_argument("--blind", action="store_true", help="unseen conditions: 145/185 wpm, white noise")
    args = parser.parse_args()
    recognizer, began = control_recognizer(), time.perf_counter()
    rates, noise = ((165,), (None, 10.0)) if args.quick else (RATES, NOISE)
    rates, color = ((145, 185), "white") if args.blind else (rates, "pink")
    voices = VOICES + ((PIPER,) if piper_available() else ())
    obeyed: dict[tuple, list[bool]] = defaultdict(list)
    for voice in voices:
        for rate in (rates if voice != PIPER else (165,)):
            for snr in noise:
                for seed, text in enumerate(COMMANDS):
                    pcm = read_wav(speech_wav(Clip(text, voice, rate, snr, color, seed=seed)))
                    obeyed[voice, rate, snr].append(cuts(recognizer, pcm, args.rule))
    print(f"rule: {args.rule}, {color} noise\n\n{'voice':10} {'wpm':>4} {'noise':>6} {'stops obeyed':>13}")
    for (voice, rate, snr), hits in obeyed.items():
        print(f"{voice:10} {rate:4d} {'clean' if snr is None else f'{snr:.0f} dB':>6} {sum(hits):>6} of {len(hits)}")
    every = [h for hits in obeyed.values() for h in hits]
    print(f"all: {sum(every)} of {len(every)} obeyed")
    false = [(text, voice, snr) for voice in voices for snr in (None, 10.0) for seed, text in enumerate(REQUESTS)
             if cuts(recognizer, read_wav(speech_wav(Clip(text, voice, 165, snr, seed=seed))), args.rule)]
    print(f"\nfalse stops on requests said over a reply: {len(false)} of {len(voices) * 2 * len(REQUESTS)}"
          + "".join(f"\n  {text!r} ({voice}, {'clean' if snr is None else f'{snr:.0f} dB'})" for text, voice, snr in false))
    replies = coach_replies()
    echo = [text for seed, text in enumerate(replies)
            if cuts(recognizer, read_wav(speech_wav(Clip(text, "en", 165, None, seed=seed))), args.rule)]
    print(f"false stops on the coach's own replies (espeak-ng en, 165 wpm): {len(echo)} of {len(replies)}"
          + "".join(f"\n  {text[:70]!r}" for text in echo))
    print(f"\n({time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
