"""The microphone as an iterator of AudioChunks, and the list of sound devices.

    with Microphone(find_device("USB")) as mic:   # or Microphone() for the default
        for chunk in mic: ...                       # 16 kHz mono 16-bit AudioChunks

The PortAudio callback only copies bytes onto a bounded queue; converting,
decoding and matching happen in the caller's thread. If no audio arrives for
`stall` seconds (device unplugged, stream died) iteration raises
AudioInputError; the caller may open a new Microphone to retry.
sounddevice is imported lazily: PortAudio scans devices when it is imported,
so the environment (e.g. a test's HOME/.asoundrc) must be set before first use.
"""

from __future__ import annotations

import logging
import queue
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from voice.audio.chunks import RATE, WIDTH, AudioChunk
from voice.audio.resample import Resampler, from_pcm16, to_pcm16
from voice.errors import AudioInputError

log = logging.getLogger(__name__)

QUEUE_SECONDS = 10.0
"""Audio buffered for a slow consumer before chunks are dropped, in seconds."""


@dataclass(frozen=True)
class Device:
    """One sound device as PortAudio sees it."""

    index: int
    name: str
    inputs: int
    """Maximum input channels (0: not a microphone)."""
    outputs: int
    """Maximum output channels (0: not a speaker)."""
    default_input: bool
    default_output: bool
    rate: float
    """The device's default sample rate, in Hertz."""
    host_api: str = ""


RECORDING_HINT = "use a recording: openup listen --input FILE.wav --output replies.wav"


def _sounddevice():
    try:
        import sounddevice
    except ImportError as err:
        raise AudioInputError("microphone support is not installed: pip install sounddevice") from err
    except OSError as err:  # sounddevice raises OSError when libportaudio is missing
        raise AudioInputError("the PortAudio library is missing: apt-get install libportaudio2 "
                              f"(or {RECORDING_HINT})") from err
    return sounddevice


def list_devices() -> list[Device]:
    """Every input and output device, with PortAudio's defaults marked."""
    sd = _sounddevice()
    try:
        default_in, default_out = (int(i) for i in sd.default.device)
        apis = [api["name"] for api in sd.query_hostapis()]
        return [Device(i, d["name"], d["max_input_channels"], d["max_output_channels"],
                       i == default_in, i == default_out, float(d["default_samplerate"]),
                       apis[d["hostapi"]] if d["hostapi"] < len(apis) else "")
                for i, d in enumerate(sd.query_devices())]
    except sd.PortAudioError as err:
        raise AudioInputError(f"cannot list sound devices ({err}); check the sound system") from err


def find_device(name_or_index: str | int | None = None, kind: str = "input") -> Device:
    """The default device of `kind` ("input" or "output"), or the one whose index or
    name (case-insensitive, part of the name is enough) is given."""
    wanted = [d for d in list_devices() if (d.inputs if kind == "input" else d.outputs) > 0]
    if not wanted:
        raise AudioInputError(f"no {kind} device found; plug one in, or "
                              + (RECORDING_HINT if kind == "input" else "use --out FILE or --quiet"))
    if name_or_index is None or name_or_index == "":
        return next((d for d in wanted if (d.default_input if kind == "input" else d.default_output)), wanted[0])
    key = str(name_or_index).strip()
    found = [d for d in wanted if str(d.index) == key] if key.isdigit() else []
    found = found or [d for d in wanted if d.name.lower() == key.lower()]
    found = found or [d for d in wanted if key.lower() in d.name.lower()]
    if not found:
        names = ", ".join(f"{d.index}: {d.name}" for d in wanted)
        raise AudioInputError(f"no {kind} device matches {key!r} (available: {names}); run openup devices")
    return found[0]


class Microphone:
    """One open input stream, giving AudioChunks of `seconds` at 16 kHz mono 16-bit."""

    def __init__(self, device: Device | str | int | None = None, seconds: float = 0.1,
                 stall: float = 2.0) -> None:
        self.device = device if isinstance(device, Device) else find_device(device, "input")
        self.seconds = seconds
        self.stall = stall
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=max(1, int(QUEUE_SECONDS / seconds)))
        self._stream: Any = None
        self._rate = RATE
        self._dropped = 0
        self._warned = False

    def __enter__(self) -> Microphone:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        """Start capturing; falls back to the device's own rate if it refuses 16 kHz."""
        sd = _sounddevice()
        for rate in dict.fromkeys([RATE, int(self.device.rate)]):
            try:
                self._stream = sd.RawInputStream(
                    samplerate=rate, blocksize=int(rate * self.seconds), device=self.device.index,
                    channels=1, dtype="int16", callback=self._callback)
                self._stream.start()
                self._rate = rate
                log.info("listening on %s (%d Hz)", self.device.name, rate)
                return
            except sd.PortAudioError as err:
                problem = err
                self._stream = None
        raise AudioInputError(f"cannot open microphone {self.device.name!r} ({problem}); "
                              "check it is plugged in, or pick another with --mic")

    def close(self) -> None:
        """Stop and release the device (safe to call twice)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as err:  # an unplugged device may fail to close; it is gone anyway
                log.debug("closing %s: %s", self.device.name, err)

    def _callback(self, indata, frames, time, status) -> None:
        # PortAudio's thread: no logging, no decoding, never block.
        try:
            self._queue.put_nowait(bytes(indata))
        except queue.Full:
            self._dropped += 1

    def __iter__(self) -> Iterator[AudioChunk]:
        if self._stream is None:
            self.open()
        resample = _to_16k(self._rate) if self._rate != RATE else None
        samples = 0
        while True:
            audio = self._next_block()
            if resample:
                audio = resample(audio)
            yield AudioChunk(audio, samples / RATE)
            samples += len(audio) // WIDTH

    def _next_block(self) -> bytes:
        try:
            block = self._queue.get(timeout=self.stall)
        except queue.Empty:
            raise AudioInputError(f"microphone {self.device.name!r} stopped sending audio "
                                  "(unplugged?); check the connection") from None
        if self._dropped and not self._warned:
            log.warning("audio arrives faster than it is processed: %d blocks dropped", self._dropped)
            self._warned = True
        return block




def listen_forever(device: str | int | None = None, retry: float = 2.0, seconds: float = 0.1,
                   wait: Callable[[float], None] = time.sleep) -> Iterator[AudioChunk]:
    """Microphone chunks that survive unplugging: each AudioInputError is logged as
    one line and the device is looked up and reopened after `retry` seconds.
    Timestamps keep counting across reopenings. Stop by closing the generator."""
    clock = 0.0
    while True:
        try:
            with Microphone(device, seconds) as mic:
                for chunk in mic:
                    yield AudioChunk(chunk.audio, clock)
                    clock += chunk.duration
        except AudioInputError as err:
            log.warning("%s; retrying in %.0f s", err, retry)
            wait(retry)


def _to_16k(source_rate: int):
    """Converter of int16 blocks at source_rate to 16 kHz int16 bytes."""
    resample = Resampler(source_rate)

    def convert(block: bytes) -> bytes:
        return to_pcm16(resample(from_pcm16(block)))

    return convert
