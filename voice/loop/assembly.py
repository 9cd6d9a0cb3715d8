"""The loop's assembly: the catalog, a fresh session and the engine's recognizers, shared
by the replay (replay.py) and live (live.py) drivers."""

from __future__ import annotations

import functools
import logging
import time
from pathlib import Path
from typing import Callable

from content.catalog import load_catalog
from content.drills import load_drills
from content.loop_words import load_loop_words
from intents.dialogue import Session
from intents.matcher import Matcher
from voice.asr.lm.domain import CONTROL_PHRASES
from voice.asr.recognize import open_recognizer, request_sentences
from voice.audio.endpoint import EndpointConfig, Endpointer, Utterance
from voice.audio.wavfile import write_wav
from voice.errors import VoiceError
from voice.loop.machine import Ears, Loop, LoopConfig
from voice.loop.stop_spotter import STOP_PHRASES
from voice.loop.turn_end import Endings, TurnEnd, TurnEndConfig
from voice.settings import Settings

log = logging.getLogger(__name__)


def open_loop(settings: Settings, push_to_talk: bool = False, save_audio: str | Path | None = None,
              debug: bool = False, clock: Callable[[], float] = time.perf_counter) -> Loop:
    """The loop with the catalog, a fresh session and the engine's recognizers; `clock` times
    decoding and matching (a replay passes its modelled clock)."""
    catalog = load_catalog()
    matcher = Matcher.from_catalog(catalog)
    wake = settings.wake_phrase
    recognizer = functools.partial(open_recognizer, settings.engine, settings.model_dir, debug=debug)
    # with the matcher, the standard profile has whisper re-hear requests pocketsphinx is unsure of
    sentences = request_sentences(catalog, wake)
    domain, info = recognizer(domain_sentences=sentences, matcher=matcher)
    control, _ = recognizer(domain_sentences=control_sentences(wake))
    turn_end = None
    if settings.quick_silence < settings.silence:
        # its own first pass (no second opinion: only partials are wanted), streamed while the
        # person speaks; the request is still decoded by `domain` once the turn has ended
        first, first_info = recognizer(domain_sentences=sentences)
        if hasattr(first, "partial_words"):
            turn_end = TurnEnd(first, matcher, load_loop_words().unfinished, TurnEndConfig(settings.quick_silence),
                               Endings.learn(catalog.sentences()))
        else:  # without word timings no partial can be shown to hold all that was said
            log.info("requests end after the full silence: %s gives no word timings while listening",
                     first_info.engine)
    log.info("listening with %s", info.description)
    ears = Ears(domain, control, lambda: recognizer(mode="open")[0])
    session = Session(catalog, matcher, load_drills(), region=settings.region, discreet=settings.discreet)
    return Loop(session, matcher, ears,
                LoopConfig(wake, settings.follow_up, push_to_talk),
                Endpointer(EndpointConfig(silence=settings.silence)),
                keep=_saver(save_audio) if save_audio else None, clock=clock, turn_end=turn_end)


def control_sentences(wake_phrase: str) -> list[str]:
    """What the control recognizer listens for: control words, the wake phrase, stop commands."""
    return list(dict.fromkeys([*CONTROL_PHRASES, wake_phrase, *STOP_PHRASES]))


def _saver(folder: str | Path) -> Callable[[Utterance], None]:
    """Writes every utterance to `folder` (only with --save-audio: audio is private)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VoiceError(f"cannot create {folder} for --save-audio: {exc.strerror}; choose another folder") from exc

    def keep(utterance: Utterance) -> None:
        try:
            write_wav(folder / f"utterance-{utterance.start:09.2f}.wav", utterance.audio)
        except OSError as exc:
            log.warning("cannot save audio in %s: %s", folder, exc.strerror)

    return keep
