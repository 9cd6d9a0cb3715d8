"""The pocketsphinx recognizer: the en-us model inside the wheel, open vocabulary or domain.

One decoder lives for the whole session: its live cepstral mean normalisation adapts to
the microphone and carries over from one utterance to the next. Until it has adapted, it
starts from the model's generic means, which cost a cold first utterance about 15 points
of speech-to-intent accuracy (blind set, espeak en-us: 64% against 79% warm). So until
WARM_FRAMES of speech have been heard, each utterance is decoded again as a whole, from
fresh means, which also warms the live normalisation for the utterances after it.
(Decoding every utterance that way was worse than warm live means: short utterances
give noisy means.)
"""

from __future__ import annotations

import logging

from voice.audio.chunks import AudioChunk
from voice.audio.dither import Dither
from voice.asr.lm.domain import DomainModel
from voice.errors import ModelError
from voice.asr.transcript import Transcript, Word

log = logging.getLogger(__name__)

DOMAIN_SEARCH = {"topn": 12}
"""Score each frame on the 12 best Gaussians of each codebook instead of 4. On sets A
and blind (espeak-ng en-us/en-gb, clean and pink 10 dB, 960 requests) it heard 2 more
requests in 100 and rejected 1.6 more off-topic ones, at RTF 0.087 instead of 0.067.
Wider beams (1e-60) were worth less for their cost, and topn 16 broke RTF 0.1."""

WARM_FRAMES = 300
"""Frames (10 ms) of speech after which the live normalisation is trusted: means from
one short command ("stop") are too noisy to carry over."""

FILLERS = frozenset({"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]"})
"""Segments that are not words."""


class SphinxRecognizer:
    """Recognizer protocol over pocketsphinx; `min_confidence` turns weak hypotheses into "".

    Confidence is the mean word posterior from the lattice (the Python binding already
    returns it as a probability). On synthetic speech it separates in-domain from
    off-topic speech only weakly, so rejection rests mostly on the VAD gate and the
    matcher's own floor; see bench/speech.py.
    """

    name = "pocketsphinx"

    def __init__(self, domain: DomainModel | None = None, *, min_confidence: float = 0.0,
                 debug: bool = False, options: dict | None = None) -> None:
        """`options`: extra pocketsphinx settings, e.g. {"bestpathlw": 9.5}."""
        ps = _import_pocketsphinx()
        self.mode = "domain" if domain else "open"
        self.min_confidence = min_confidence
        config = ps.Config(**({"lm": str(domain.lm_path), "dict": str(domain.dict_path)}
                              if domain else {}))
        config["loglevel"] = "INFO" if debug else "FATAL"
        for key, value in {**(DOMAIN_SEARCH if domain else {}), **(options or {})}.items():
            config[key] = value
        try:
            self._decoder = ps.Decoder(config)
        except (RuntimeError, ValueError) as exc:
            fix = (f"delete {domain.lm_path.parent} and run again" if domain else
                   "reinstall it: pip install --force-reinstall pocketsphinx")
            raise ModelError(f"pocketsphinx could not load its model ({exc}); {fix}") from exc
        self._frame_rate = config["frate"]
        self._in_utterance = False
        self._warm = False  # the live normalisation has adapted to this audio
        self._heard_frames = 0  # frames decoded while cold
        self._audio = bytearray()  # the current utterance, while it may be decoded again
        self._dither = Dither()  # never feed the decoder exact digital silence

    def accept(self, chunk: AudioChunk) -> None:
        """Decode one more chunk of the current utterance (with the dither floor added)."""
        audio = self._dither(chunk.audio)
        if not self._in_utterance:
            self._decoder.start_utt()
            self._in_utterance = True
        if not self._warm:
            self._audio += audio
        self._decoder.process_raw(audio, False, False)

    def partial(self) -> str:
        """The best guess so far for the current utterance."""
        hyp = self._decoder.hyp() if self._in_utterance else None
        return _clean_text(hyp.hypstr) if hyp else ""

    def partial_words(self) -> tuple[Word, ...]:
        """The words of the best guess so far, with their timings (seconds from the first
        chunk of the utterance): what the partial heard, and where."""
        return self._words() if self._in_utterance and self._decoder.hyp() else ()

    def abandon(self) -> None:
        """End the current utterance without a transcript (a first pass whose partials were all
        it was for): no second decode from fresh means, which would cost as much as decoding
        the whole utterance again, just when the person is waiting for the reply."""
        if not self._in_utterance:
            return
        self._decoder.end_utt()
        self._heard_frames += self._decoder.n_frames()
        self._warm = self._warm or self._heard_frames >= WARM_FRAMES  # stop keeping audio for a second pass
        self._audio = bytearray()
        self._in_utterance = False

    def final(self) -> Transcript:
        """Finish the current utterance; an empty or weak hypothesis gives empty text."""
        if not self._in_utterance:
            return Transcript("", (), 0.0, self.name)
        self._finish_utterance()
        words = self._words() if self._decoder.hyp() else ()
        text = " ".join(w.text for w in words)
        confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
        log.debug("pocketsphinx %s heard %r, confidence %.2f over %d frames",
                  self.mode, text, confidence, self._decoder.n_frames())
        if confidence < self.min_confidence:
            log.debug("rejected %r: below the confidence floor %.2f", text, self.min_confidence)
            return Transcript("", (), confidence, self.name)
        return Transcript(text, words, confidence, self.name)

    def _finish_utterance(self) -> None:
        """End the utterance; while cold, decode it again as a whole from fresh means."""
        self._decoder.end_utt()
        if self._audio:
            # reinit: the streamed pass has half-moved the means (set_cmn alone is not enough)
            self._decoder.reinit_feat()
            self._decoder.start_utt()
            self._decoder.process_raw(bytes(self._audio), False, True)
            self._decoder.end_utt()
            self._heard_frames += self._decoder.n_frames()
            self._warm = self._heard_frames >= WARM_FRAMES
        self._audio = bytearray()
        self._in_utterance = False

    def _words(self) -> tuple[Word, ...]:
        words = []
        for seg in self._decoder.seg():
            if seg.word in FILLERS or seg.word.startswith("++"):
                continue
            words.append(Word(_clean_text(seg.word), seg.start_frame / self._frame_rate,
                              (seg.end_frame + 1) / self._frame_rate,
                              min(1.0, seg.prob)))
        return tuple(words)


def _clean_text(text: str) -> str:
    """Drop alternate-pronunciation markers: "read(2)" is the word "read"."""
    return " ".join(w.split("(", 1)[0] for w in text.split())


def _import_pocketsphinx():
    try:
        import pocketsphinx
    except ImportError as exc:
        raise ModelError("pocketsphinx is not installed; run: pip install pocketsphinx") from exc
    return pocketsphinx
