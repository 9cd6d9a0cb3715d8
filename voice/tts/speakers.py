"""Playing speech: a sound device, a WAV file or nothing, cut at once by stop(); the earcon.

`voice.tts.mouth.Mouth` joins a Synthesizer and one of these speakers.
"""

from __future__ import annotations

import array
import logging
import math
import struct
import threading
from pathlib import Path
from typing import Protocol

from voice.errors import SpeechOutputError
from voice.tts.synthesis import Speech

log = logging.getLogger(__name__)

NO_DEVICE_HINT = "use --quiet to print replies or --out reply.wav to render them"


class Speaker(Protocol):
    """Where speech goes. play() blocks; stop() may be called from any thread."""

    def play(self, speech: Speech, cancel: threading.Event | None = None) -> bool:
        """Play speech to the end; False if stop() or the `cancel` event cut it."""

    def stop(self) -> None:
        """Cut the current playback now."""

    def finish(self) -> None:
        """The reply is over: let the last audio drain and release the device."""

    def close(self) -> None:
        """Release everything."""


class NullSpeaker:
    """Plays nothing (--quiet); also the base of the other speakers."""

    needs_audio = False
    """False: Mouth skips synthesis altogether, so --quiet works without espeak-ng."""

    def play(self, speech: Speech, cancel: threading.Event | None = None) -> bool:
        return not (cancel and cancel.is_set())

    def stop(self) -> None:
        pass

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class WavSpeaker(NullSpeaker):
    """Renders speech into one WAV file, sentence after sentence (--out reply.wav).

    The file appears under its name only when closed complete (voice/files.py);
    discard(), or an error inside `with`, leaves any old file as it was.
    """

    needs_audio = True

    def __init__(self, path: str | Path, rate: int = 22050, flag: str = "--out"):
        """rate: sample rate of the file in Hertz; speech at other rates is resampled."""
        from voice.files import AtomicOutput

        self.path, self.rate = Path(path), rate
        self._out = AtomicOutput(path, flag, SpeechOutputError)
        self._frames = 0
        self._write_raw(_wav_header(rate, None))

    @property
    def position(self) -> float:
        """Length written so far, in seconds."""
        return self._frames / self.rate

    def play(self, speech: Speech, cancel: threading.Event | None = None) -> bool:
        if cancel and cancel.is_set():
            return False
        self._write(speech.at_rate(self.rate).pcm)
        return True

    def pad_to(self, seconds: float) -> None:
        """Write silence up to `seconds`, to place a reply when it would have been spoken."""
        self._write(bytes(2 * max(0, round(seconds * self.rate) - self._frames)))

    def close(self) -> None:
        """Finish the header and put the file in place (SpeechOutputError if it cannot be stored)."""
        if self._out.file.closed:
            return
        try:
            if self._out.file.seekable():
                self._out.file.seek(0)
                self._out.file.write(_wav_header(self.rate, self._frames))
        except OSError as exc:
            self._out.discard()
            raise self._out.error(exc) from exc
        self._out.commit()

    def discard(self) -> None:
        """Drop what was rendered: no file is left (an old one stays as it was)."""
        self._out.discard()

    def __exit__(self, kind, error, trace) -> None:
        interrupted = kind is not None and issubclass(kind, KeyboardInterrupt)
        if kind is None or (interrupted and self._frames):  # Ctrl-C/SIGTERM keeps what was rendered
            self.close()
        else:
            self.discard()

    def _write(self, pcm: bytes) -> None:
        self._write_raw(pcm)
        self._frames += len(pcm) // 2

    def _write_raw(self, data: bytes) -> None:
        try:
            self._out.file.write(data)
        except OSError as exc:
            self._out.discard()
            raise self._out.error(exc) from exc


def _wav_header(rate: int, frames: int | None) -> bytes:
    """44-byte header of a mono 16-bit PCM WAV; frames None (not known yet) writes the
    streaming sizes 0xFFFFFFFF that readers take as "to the end of the file"."""
    data = 0xFFFFFFFF if frames is None else min(2 * frames, 0xFFFFFFFF - 36)
    riff = 0xFFFFFFFF if frames is None else data + 36
    return struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", riff, b"WAVE", b"fmt ", 16, 1, 1,
                       rate, 2 * rate, 2, 16, b"data", data)


def _import_sounddevice():
    try:
        import sounddevice
    except OSError as exc:  # the wheel is there but libportaudio is not
        raise SpeechOutputError(f"PortAudio is missing ({exc}): sudo apt-get install libportaudio2, or {NO_DEVICE_HINT}") from exc
    except ImportError as exc:
        raise SpeechOutputError(f"sounddevice is not installed: pip install sounddevice, or {NO_DEVICE_HINT}") from exc
    return sounddevice


def find_output_device(device: str | int | None = None) -> dict:
    """sounddevice's description of an output device, by index, name substring or default."""
    sd = _import_sounddevice()
    wanted = int(device) if isinstance(device, str) and device.isdigit() else device
    try:
        return dict(sd.query_devices(wanted, kind="output"))
    except (ValueError, sd.PortAudioError) as exc:
        names = [d["name"] for d in sd.query_devices() if d["max_output_channels"] > 0]
        found = ", ".join(names) or "none (no sound card?)"
        what = "default audio output" if device is None else f"audio output {device!r}"
        raise SpeechOutputError(f"no {what} ({exc}); outputs: {found}; {NO_DEVICE_HINT}") from exc


class SoundDeviceSpeaker(NullSpeaker):
    """Plays through a sound card with sounddevice, in small blocks so stop() bites quickly."""

    needs_audio = True

    def __init__(self, device: str | int | None = None, block_seconds: float = 0.02):
        """device: index or name substring (None = default); block_seconds: stop() granularity."""
        self.device = find_output_device(device)
        self._block_seconds = block_seconds
        self._stream = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def play(self, speech: Speech, cancel: threading.Event | None = None) -> bool:
        self._stopping.clear()
        with self._lock:
            stream = self._open(speech.rate)
            pcm = speech.at_rate(int(stream.samplerate)).pcm
            step = 2 * max(1, int(stream.samplerate * self._block_seconds))
            for offset in range(0, len(pcm), step):
                if self._stopping.is_set() or (cancel and cancel.is_set()):
                    self._close(drain=False)
                    return False
                self._write(stream, pcm[offset : offset + step])
            return True

    def stop(self) -> None:
        self._stopping.set()

    def finish(self) -> None:
        with self._lock:
            self._close(drain=True)

    def close(self) -> None:
        self.stop()
        self.finish()

    def _open(self, rate: int):
        """The open stream, or a new one at `rate` (else the device's own rate)."""
        if self._stream is not None:
            return self._stream
        sd = _import_sounddevice()
        rates = dict.fromkeys([rate, int(self.device["default_samplerate"])])
        for candidate in rates:
            try:
                stream = sd.RawOutputStream(candidate, device=self.device["index"], channels=1, dtype="int16", latency="low")
                break
            except sd.PortAudioError as exc:
                log.info("output %s refused %d Hz: %s", self.device["name"], candidate, exc)
                error = exc
        else:
            raise SpeechOutputError(f"cannot open audio output {self.device['name']!r} ({error}); {NO_DEVICE_HINT}")
        stream.start()
        self._stream = stream
        return stream

    def _write(self, stream, pcm: bytes) -> None:
        try:
            stream.write(pcm)
        except Exception as exc:  # PortAudioError: device unplugged or gone mid-reply
            self._close(drain=False)
            raise SpeechOutputError(f"audio output failed ({exc}); check the speaker, or {NO_DEVICE_HINT}") from exc

    def _close(self, drain: bool) -> None:
        """drain: play out what is queued (stop); else drop it at once (abort)."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.stop() if drain else stream.abort()
            stream.close()
        except Exception as exc:  # closing a device that is already gone
            log.warning("closing audio output: %s", exc)


def open_speaker(quiet: bool = False, out: str | Path | None = None, device: str | int | None = None) -> Speaker:
    """The speaker the command line asks for: --quiet, --out FILE, or a sound device."""
    if quiet:
        return NullSpeaker()
    if out is not None:
        return WavSpeaker(out)
    return SoundDeviceSpeaker(device)


def earcon(rate: int = 22050, volume: float = 0.3) -> Speech:
    """A short rising two-note chime (660 then 880 Hz, 80 ms each) that means "listening".

    Each note fades in and out over 10 ms so it starts and ends without a click.
    """
    samples = array.array("h")
    for frequency in (660.0, 880.0):
        count = int(rate * 0.08)
        fade = int(rate * 0.01)
        for i in range(count):
            envelope = min(1.0, i / fade, (count - 1 - i) / fade)
            samples.append(round(32767 * volume * envelope * math.sin(2 * math.pi * frequency * i / rate)))
    return Speech(samples.tobytes(), rate, "")
