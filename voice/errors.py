"""The few errors the edges raise; each message says what happened and what to do."""


class VoiceError(Exception):
    """Base class: a failure a user can cause at the audio or model edge."""


class AudioInputError(VoiceError):
    """No microphone, a device that went away, or an unreadable recording."""


class ModelError(VoiceError):
    """A speech model that is missing, incomplete or of the wrong kind."""


class DownloadError(VoiceError):
    """A model download that failed, was cut off or did not verify."""


class SpeechOutputError(VoiceError):
    """Text-to-speech or playback that cannot work here (no espeak-ng, no speaker)."""
