"""Vosk (Kaldi) speech recognition behind the Recognizer protocol.

Only ever loads a model from an explicit folder: `vosk.Model(lang=...)`
downloads from the network and calls sys.exit on failure. The folder is
checked before Vosk sees it, so a missing or half-extracted model gives a
ModelError naming the path and the fix instead of a Kaldi crash log.

    model = load_model(path)                            # ~2 s; share it
    rec = VoskRecognizer(model, grammar=["who said that", "another one"])
    for chunk in utterance.chunks(): rec.accept(chunk); rec.partial()
    transcript = rec.final()                            # words timed from utterance start
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Iterable, Sequence

from voice.audio.chunks import RATE, WIDTH, AudioChunk
from voice.asr.model_files import check_files, read_record, verify_model
from voice.audio.dither import Dither
from voice.errors import ModelError
from voice.asr.transcript import Transcript, Word

log = logging.getLogger(__name__)

PULL_HINT = "run: openup models pull"
UNKNOWN_TOKENS = ("[unk]", "<unk>", "<UNK>")
"""How models spell the garbage word that lets off-topic speech stay off-topic."""

REQUIRED = ("am/final.mdl", "conf/model.conf", "conf/mfcc.conf")
GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))
"""A model needs one complete set: a static graph, or the lookahead pair."""


def check_model_dir(path: str | Path) -> Path:
    """Return the folder if it looks like a complete Vosk model, else raise ModelError."""
    path = Path(path).expanduser()
    if not path.is_dir():
        raise ModelError(f"no Vosk model at {path}; {PULL_HINT} (or pass the model folder)")
    missing = [name for name in REQUIRED if not _nonempty(path / name)]
    if not any(all(_nonempty(path / name) for name in graph) for graph in GRAPHS):
        missing.append(" or ".join("+".join(graph) for graph in GRAPHS))
    if missing:
        raise ModelError(f"{path} is not a complete Vosk model (missing {', '.join(missing)}); "
                         f"delete it and {PULL_HINT}")
    files = read_record(path)
    if files is not None:
        check_files(path, files, hashes=False)  # sizes only: cheap enough for every listing
    return path


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _import_vosk(debug: bool = False):
    try:
        import vosk
    except ImportError as err:
        raise ModelError("the Vosk engine is not installed: pip install vosk") from err
    # -2 also hides warnings (out-of-vocabulary words are reported by missing_words).
    vosk.SetLogLevel(0 if debug else -2)
    return vosk


def load_model(path: str | Path, debug: bool = False):
    """Check and load a Vosk model folder; the result can be shared by recognizers."""
    path = check_model_dir(path)
    vosk = _import_vosk(debug)
    verify_model(path)  # hashes, or a first load in a child process: a damaged graph can crash Kaldi
    log.info("loading Vosk model %s", path)
    try:
        return vosk.Model(str(path))
    except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
        raise ModelError(f"Vosk could not load the model at {path} (corrupt?); "
                         f"delete it and {PULL_HINT}") from err


def _knows(model, word: str) -> bool:
    return model.vosk_model_find_word(word) >= 0


def unknown_token(model) -> str | None:
    """The model's garbage word ("[unk]" in English models), if it has one."""
    return next((token for token in UNKNOWN_TOKENS if _knows(model, token)), None)


def missing_words(model, phrases: Iterable[str]) -> list[str]:
    """Words of the phrases that the model's vocabulary lacks (Vosk would drop them)."""
    words = {word for phrase in phrases for word in phrase.split()}
    return sorted(word for word in words - set(UNKNOWN_TOKENS) if not _knows(model, word))


def grammar_json(model, phrases: Sequence[str]) -> str:
    """Vosk grammar: the phrases plus the unknown-word path, UTF-8 kept as is."""
    missing = missing_words(model, phrases)
    if missing:
        log.warning("%d grammar words are not in the Vosk model and will be ignored: %s",
                    len(missing), " ".join(missing))
    entries = list(dict.fromkeys(phrases))
    token = unknown_token(model)
    if token:
        entries.append(token)
    else:
        log.warning("this Vosk model has no unknown-word token; off-topic speech may match the grammar")
    return json.dumps(entries, ensure_ascii=False)


def _words(result: dict, offset: float) -> list[Word]:
    return [Word(item["word"], max(0.0, item["start"] - offset), max(0.0, item["end"] - offset),
                 float(item.get("conf", 1.0)))
            for item in result.get("result", [])]


class VoskRecognizer:
    """Streaming Vosk decoder for one utterance at a time (Recognizer protocol)."""

    name = "vosk"

    def __init__(self, model, grammar: Sequence[str] | None = None, debug: bool = False) -> None:
        """`model`: a folder path or a model from load_model(); `grammar`: phrases, or
        None for open vocabulary."""
        vosk = _import_vosk(debug)
        self.model = load_model(model, debug) if isinstance(model, (str, Path)) else model
        if grammar is None:
            self._decoder = vosk.KaldiRecognizer(self.model, RATE)
        else:
            self._decoder = vosk.KaldiRecognizer(self.model, RATE, grammar_json(self.model, grammar))
        self._decoder.SetWords(True)
        self._fed = 0.0  # seconds fed since creation: Vosk's clock, which Reset() does not rewind
        self._offset = 0.0  # Vosk time at which the current utterance began
        self._words: list[Word] = []
        self._dither = Dither()  # never feed the decoder exact digital silence

    def accept(self, chunk: AudioChunk) -> None:
        """Decode one more chunk (with the dither floor); Vosk's own end-of-segment results are kept."""
        if self._decoder.AcceptWaveform(self._dither(chunk.audio)):
            self._words += _words(json.loads(self._decoder.Result()), self._offset)
        self._fed += len(chunk.audio) / (WIDTH * RATE)

    def partial(self) -> str:
        """Best guess so far for the current utterance."""
        pending = json.loads(self._decoder.PartialResult()).get("partial", "")
        return " ".join([word.text for word in self._words] + ([pending] if pending else []))

    def final(self) -> Transcript:
        """Finish the utterance; word times count from its first chunk."""
        words = self._words + _words(json.loads(self._decoder.FinalResult()), self._offset)
        self._decoder.Reset()
        self._words, self._offset = [], self._fed
        words = [word for word in words if word.text not in UNKNOWN_TOKENS]
        text = " ".join(word.text for word in words)
        confidence = sum(word.confidence for word in words) / len(words) if words else 0.0
        log.debug("vosk heard %r (confidence %.2f)", text, confidence)
        return Transcript(text, tuple(words), confidence, self.name)
