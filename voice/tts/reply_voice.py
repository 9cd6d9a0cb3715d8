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

    def __init__(self, mouth: Mouth | None, warning: str = "", strict: bool = False) -> None:
        """strict: the user asked for a file (--out), so a failure is an error, not a warning."""
        self._mouth, self._strict = mouth, strict
        if warning:
            _LOG.warning("%s; replies will be printed only", warning)

    @classmethod
    def open(cls, settings: Settings, quiet: bool = False, out: str | None = None) -> ReplyVoice:
        """Open the speaker the user asked for; --out failures are errors, device failures warnings."""
        if quiet:
            return cls(None)
        from voice.tts.mouth import Mouth
        from voice.tts.speakers import open_speaker
        from voice.tts.synthesis import TtsSettings
        from voice.tts.voices import open_synthesizer

        # The speaker first: a voice is loaded only when it has somewhere to speak. A natural
        # voice left loading in its thread with no one to close it aborted the process at exit.
        if out is not None:
            speaker = open_speaker(out=out)
            return cls(Mouth(open_synthesizer(TtsSettings.of(settings)), speaker), strict=True)
        try:
            speaker = open_speaker(device=settings.speaker)
        except SpeechOutputError as error:
            return cls(None, str(error))
        return cls(Mouth(open_synthesizer(TtsSettings.of(settings)), speaker))

    def say(self, text: str) -> None:
        """Speak ``text``; after the first failure, stay quiet and say why once.

        Into a file (--out) a failure is raised instead, and no file is left.
        """
        if self._mouth is None:
            return
        try:
            self._mouth.say(text)
        except SpeechOutputError as error:
            if self._strict:
                self.discard()
                raise
            _LOG.warning("%s; replies will be printed only", error)
            self.close()
            self._mouth = None

    def close(self) -> None:
        """Finish any file being written and release the device."""
        if self._mouth is not None:
            mouth, self._mouth = self._mouth, None
            mouth.close()

    def discard(self) -> None:
        """Release everything and leave no --out file behind."""
        if self._mouth is not None:
            mouth, self._mouth = self._mouth, None
            mouth.close(discard=True)
