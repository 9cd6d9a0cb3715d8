"""WAV input: every encoding converts to 16 kHz mono 16-bit; bad files give one clear line."""

from __future__ import annotations

import subprocess
import tracemalloc
import wave

import numpy as np
import pytest

from audio_fakes import (dominant_frequency, from_pcm16, need_tool, noise, pcm16, rms_dbfs,
                         tone, write_any_wav)
from voice.audio import wavfile
from voice.audio.chunks import RATE, AudioChunk, chunk_audio
from voice.audio.wavfile import read_wav, wav_chunks, write_wav
from voice.audio.resample import Resampler
from voice.errors import AudioInputError


def assert_tone(audio: bytes, seconds: float, freq: float, dbfs: float) -> None:
    assert abs(len(audio) / 2 - seconds * RATE) <= 2
    assert abs(dominant_frequency(audio) - freq) < 5
    assert abs(rms_dbfs(audio) - (dbfs - 3.01)) < 0.6  # a sine's RMS is 3 dB under its peak


@pytest.mark.parametrize("rate,width,channels,is_float,extensible", [
    (16000, 1, 1, False, False),   # 8-bit unsigned
    (48000, 2, 2, False, False),   # 48 kHz stereo
    (44100, 3, 1, False, True),    # 24-bit, WAVE_FORMAT_EXTENSIBLE
    (22050, 4, 2, False, False),   # 32-bit integer
    (8000, 4, 1, True, False),     # 32-bit float, upsampled
    (48000, 4, 2, True, True),     # float, extensible, stereo
])
def test_any_encoding_converts_to_16k_mono(tmp_path, rate, width, channels, is_float, extensible):
    signal = tone(1.0, 440, -6, rate)
    frames = np.stack([signal] * channels, axis=1)
    path = write_any_wav(tmp_path / "in.wav", frames, rate, width, is_float, extensible)
    assert_tone(read_wav(path), 1.0, 440, -6)


def test_native_file_is_passed_through_bit_exact(tmp_path):
    audio = pcm16(noise(0.5, -20))
    path = write_wav(tmp_path / "native.wav", audio)
    assert read_wav(path) == audio


def test_stereo_channels_are_averaged(tmp_path):
    left = tone(0.5, 1000, -6, 48000)
    frames = np.stack([left, np.zeros_like(left)], axis=1)
    audio = read_wav(write_any_wav(tmp_path / "lr.wav", frames, 48000))
    assert abs(rms_dbfs(audio) - (-6 - 3.01 - 6.02)) < 0.6


def test_downsampling_filters_out_what_16k_cannot_carry(tmp_path):
    # 12 kHz is above the 8 kHz Nyquist limit: without a low-pass it folds to 4 kHz.
    loud = write_any_wav(tmp_path / "hi.wav", tone(1.0, 12000, -6, 48000), 48000)
    assert rms_dbfs(read_wav(loud)) < -40


def test_sox_24bit_file(tmp_path):
    sox = need_tool("sox")
    path = tmp_path / "sox.wav"
    subprocess.run([sox, "-n", "-r", "48000", "-c", "2", "-b", "24", str(path),
                    "synth", "0.5", "sine", "300", "vol", "0.5"], check=True, timeout=30)
    assert_tone(read_wav(path), 0.5, 300, -6.02)


def test_missing_file(tmp_path):
    with pytest.raises(AudioInputError, match="no such audio file"):
        read_wav(tmp_path / "nope.wav")


def test_text_file_named_wav(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("this is not audio\n")
    with pytest.raises(AudioInputError, match="not a WAV file") as info:
        read_wav(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    with pytest.raises(AudioInputError, match="not a WAV file"):
        read_wav(path)


def test_zero_frames(tmp_path):
    path = write_wav(tmp_path / "zero.wav", b"")
    with pytest.raises(AudioInputError, match="no audio"):
        read_wav(path)


def test_header_cut_off_before_data(tmp_path):
    path = write_wav(tmp_path / "cut.wav", pcm16(tone(0.1)))
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(AudioInputError, match="no fmt or data chunk"):
        read_wav(path)


def test_unsupported_encoding_names_the_fix(tmp_path):
    path = write_any_wav(tmp_path / "alaw.wav", tone(0.1), 8000, 1)
    raw = bytearray(path.read_bytes())
    raw[20:22] = (6).to_bytes(2, "little")  # WAVE_FORMAT_ALAW
    path.write_bytes(bytes(raw))
    with pytest.raises(AudioInputError, match="unsupported WAV encoding.*sox"):
        read_wav(path)


def test_streamed_header_with_unknown_length(tmp_path):
    audio = pcm16(tone(0.3))
    path = write_wav(tmp_path / "stream.wav", audio)
    raw = bytearray(path.read_bytes())
    raw[40:44] = (0xFFFFFFFF).to_bytes(4, "little")  # what live recorders write
    path.write_bytes(bytes(raw))
    assert read_wav(path) == audio


def test_wav_chunks_cover_the_file_with_timestamps(tmp_path):
    audio = pcm16(noise(1.05, -20))
    path = write_wav(tmp_path / "n.wav", audio)
    chunks = list(wav_chunks(path, seconds=0.1))
    assert b"".join(c.audio for c in chunks) == audio
    assert [round(c.timestamp, 3) for c in chunks] == [round(0.1 * i, 3) for i in range(11)]
    assert all(isinstance(c, AudioChunk) for c in chunks)


def test_wav_chunks_convert_other_formats(tmp_path):
    path = write_any_wav(tmp_path / "s.wav", tone(0.5, 440, -6, 44100), 44100)
    joined = b"".join(c.audio for c in wav_chunks(path, seconds=0.05))
    assert joined == read_wav(path)


@pytest.mark.parametrize("block", [0.013, 0.1, 0.77])
def test_block_size_does_not_change_conversion(tmp_path, block):
    path = write_any_wav(tmp_path / "s.wav", noise(1.3, -12, rate=44100), 44100, 3)
    fmt = wavfile.read_format(path)
    assert b"".join(wavfile.converted_blocks(path, fmt, seconds=block)) == read_wav(path)


@pytest.mark.parametrize("rate", [8000, 22050, 48000])
def test_resampler_carries_phase_across_blocks(rate):
    signal = tone(0.5, 300, -6, rate)
    whole = Resampler(rate)(signal)
    resample = Resampler(rate)
    pieces = np.concatenate([resample(signal[i: i + 441]) for i in range(0, len(signal), 441)])
    assert abs(len(pieces) - 8000) <= 1 and len(pieces) == len(whole)
    assert np.max(np.abs(pieces - whole)) < 1e-5
    if rate < RATE:  # upsampling needs no filter: plain linear interpolation
        expected = np.interp(np.arange(len(pieces)) * rate / RATE, np.arange(len(signal)), signal)
        assert np.max(np.abs(pieces - expected)) < 1e-5


def test_long_files_stream_in_constant_memory(tmp_path):
    path = tmp_path / "long.wav"
    minute = pcm16(np.tile(noise(1.0, -30, rate=48000), 60))
    with wave.open(str(path), "wb") as out:  # 10 minutes of 48 kHz: 57 MB
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(48000)
        for _ in range(10):
            out.writeframes(minute)
    del minute
    tracemalloc.start()
    count = sum(len(chunk.audio) for chunk in wav_chunks(path, seconds=0.1))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 600 * RATE * 2
    assert peak < 20_000_000, f"peak {peak} bytes"


def test_wav_chunks_report_errors_before_iterating(tmp_path):
    with pytest.raises(AudioInputError):
        wav_chunks(tmp_path / "missing.wav")


def test_chunk_audio_last_chunk_shorter():
    chunks = list(chunk_audio(bytes(2 * 2500), seconds=0.1, start=2.0))
    assert [len(c.audio) for c in chunks] == [3200, 1800]
    assert chunks[1].timestamp == pytest.approx(2.1)


def test_write_wav_round_trip(tmp_path):
    audio = pcm16(tone(0.2))
    with wave.open(str(write_wav(tmp_path / "w.wav", audio)), "rb") as handle:
        assert (handle.getframerate(), handle.getnchannels(), handle.getsampwidth()) == (RATE, 1, 2)
        assert handle.readframes(10**6) == audio
    assert np.allclose(from_pcm16(audio), tone(0.2), atol=1e-4)
