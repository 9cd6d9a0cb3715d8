"""The edges: microphone, WAV files, speech recognition, text-to-speech and the command line."""

__version__ = "0.1.0"
