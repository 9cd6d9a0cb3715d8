"""Speak the coach's replies, or fall silent with one clear warning if this machine cannot."""

from __future__ import annotations

import logging

from typing import TYPE_CHECKING

from voice.errors import SpeechOutputError
from voice.settings import Settings

if TYPE_CHECKING:
    from voice.tts.mouth import Mouth

_LOG = logging.getLogger(__name__)


class ReplyVoice:
    """Says replies aloud (or into a WAV file); text output never depends on it working."""

    def __init__(self, mouth: Mouth | None, warning: str = "") -> None:
        self._mouth = mouth
        if warning:
            _LOG.warning("%s; replies will be printed only", warning)

    @classmethod
    def open(cls, settings: Settings, quiet: bool = False, out: str | None = None) -> ReplyVoice:
        """Open the speaker the user asked for; --out failures are errors, device failures warnings."""
        if quiet:
            return cls(None)
        from voice.tts.mouth import Mouth
        from voice.tts.speakers import open_speaker
        from voice.tts.synthesis import Synthesizer, TtsSettings

        synthesizer = Synthesizer(TtsSettings.of(settings))
        if out is not None:
            return cls(Mouth(synthesizer, open_speaker(out=out)))
        try:
            return cls(Mouth(synthesizer, open_speaker(device=settings.speaker)))
        except SpeechOutputError as error:
            return cls(None, str(error))

    def say(self, text: str) -> None:
        """Speak ``text``; after the first failure, stay quiet and say why once."""
        if self._mouth is None:
            return
        try:
            self._mouth.say(text)
        except SpeechOutputError as error:
            _LOG.warning("%s; replies will be printed only", error)
            self.close()
            self._mouth = None

    def close(self) -> None:
        """Finish any file being written and release the device."""
        if self._mouth is not None:
            self._mouth.speaker.close()
            self._mouth.synthesizer.close()
