"""Speaking rate and pauses of a practice attempt, from word timings and audio measures as plain numbers.

The recogniser's word count is a poor clock (slow speech makes it insert words, fast speech
merge them), so when the voice edge has counted syllable nuclei in the audio
(voice/audio/syllables.py) the rate comes from those; words the recogniser is sure of still count
as words. Without audio measures, words it is unsure of count by their spelled syllables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@runtime_checkable
class TimedWord(Protocol):
    """One recognised word with its timing; the recogniser's word (voice.asr.transcript.Word) is one."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> float:
        """Seconds from the start of the utterance."""

    @property
    def end(self) -> float:
        """Seconds from the start of the utterance."""

    @property
    def confidence(self) -> float:
        """0 to 1: the recogniser's belief in this word (1 when it gives none)."""


@dataclass(frozen=True)
class SpeechRhythm:
    """How much was said and over how long, measured in the audio by the voice edge."""

    syllables: int
    """Vowel nuclei heard (count)."""
    speech_seconds: float
    """Seconds from the first to the last frame of speech, pauses inside included."""


COMFORTABLE_WPM = (110.0, 160.0)
"""A relaxed conversational pace, words per minute (the article: soft, relaxed tone)."""

SURE_WORD = 0.5
"""Confidence from which a recognised word counts as a word (more likely right than wrong);
below it only its syllables count."""

SYLLABLES_PER_WORD = 1.3
"""Syllables per word of everyday spoken English (about 1.3: most spoken words have one); turns
syllable nuclei heard in the audio, beyond those of the sure words, into words."""

UNSURE_SYLLABLES_PER_WORD = 1.5
"""Turns the spelled syllables of unsure guesses into words when there are no audio measures:
1.5 measured best near the comfortable pace on synthetic speech (bench/practice.py)."""

LONG_PAUSE = 2.5
"""A gap between words at least this long, in seconds, counts as a long pause."""


def _segments(words: tuple[TimedWord, ...]) -> list[tuple[TimedWord, ...]]:
    """Runs of words whose clock only moves forward (engines restart it each utterance)."""
    runs: list[list[TimedWord]] = []
    for word in words:
        if runs and word.start >= runs[-1][-1].start:
            runs[-1].append(word)
        else:
            runs.append([word])
    return [tuple(run) for run in runs]


def syllables(word: str) -> int:
    """Vowel groups in the spelling, minus a silent final e or -ed: "lonely" 2, "feeling" 2, "talked" 1."""
    w = re.sub(r"(?<=[^aeiou])e(ly|ful|ness|less|ment)$", r"\1", word.lower().replace("'", ""))
    count = len(re.findall(r"[aeiouy]+", w))
    if count > 1 and (re.search(r"[^aeioul]e$|[^td]ed$", w)):
        count -= 1
    return max(1, count)


def _spoken_words(run: tuple[TimedWord, ...]) -> float:
    """Sure words count one each, unsure ones by their syllables: slow speech makes the recogniser
    split a stretched word into unsure guesses ("aggravated" heard as "thought to golf"), fast speech
    merges words; the syllables it heard stay close to those spoken, its word count does not."""
    sure = sum(w.confidence >= SURE_WORD for w in run)
    unsure = sum(syllables(w.text) for w in run if w.confidence < SURE_WORD)
    return sure + unsure / UNSURE_SYLLABLES_PER_WORD


def pace_wpm(words: tuple[TimedWord, ...], rhythm: SpeechRhythm | None = None) -> float | None:
    """Speaking rate in words per minute, pauses inside the speech included.

    With the rhythm of the same audio as `words` (voice/audio/syllables.py) the rate rests on
    its syllables. Without them it is
    the words over their own spans, unsure words counted by their spelled syllables.
    """
    if rhythm and rhythm.syllables and rhythm.speech_seconds > 0:
        return _audio_pace(words, rhythm)
    runs = _segments(words)
    span = sum(run[-1].end - run[0].start for run in runs)
    spoken = sum(_spoken_words(run) for run in runs)
    return spoken * 60.0 / span if len(words) >= 3 and span > 0 else None


def _audio_pace(words: tuple[TimedWord, ...], rhythm: SpeechRhythm) -> float | None:
    """Sure words count one each; the syllables heard beyond theirs count SYLLABLES_PER_WORD to a word.
    Sure words keep short attempts like "how do you see us" (one syllable a word) from reading slow."""
    if rhythm.syllables < 3:
        return None
    sure = [w for w in words if w.confidence >= SURE_WORD]
    rest = max(0, rhythm.syllables - sum(syllables(w.text) for w in sure))
    return (len(sure) + rest / SYLLABLES_PER_WORD) * 60.0 / rhythm.speech_seconds


def long_pauses(words: tuple[TimedWord, ...], gap: float = LONG_PAUSE) -> tuple[float, ...]:
    """Lengths in seconds of the silences between words that last at least `gap`."""
    gaps = (b.start - a.end for run in _segments(words) for a, b in zip(run, run[1:]))
    return tuple(round(g, 2) for g in gaps if g >= gap)


