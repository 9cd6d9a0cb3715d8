"""The `openup` command: the one place that parses flags, sets up logging and joins the parts."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from typing import Sequence

from content.errors import ContentError
from voice import __version__
from voice.cli import commands
from voice.asr.profiles import ENGINE_CHOICES
from voice.errors import VoiceError
from voice.settings import SettingsError

def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and flag, each with --help."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=None, help="show why each answer was chosen")
    parser = argparse.ArgumentParser(
        prog="openup", parents=[common],
        description="Open Up: an offline voice coach for getting your partner to open up.",
    )
    parser.add_argument("--version", action="version", version=f"openup {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    speech_out = argparse.ArgumentParser(add_help=False)
    speech_out.add_argument("--quiet", action="store_true", help="print replies only, do not speak")
    speech_out.add_argument("--out", metavar="WAV", help="write the spoken reply to this WAV file instead of playing it")
    speech_out.add_argument("--speaker", help="output device name or index (see `openup devices`)")
    speech_out.add_argument("--voice", help="heart, joe, espeak or a pyttsx3 voice id (see `openup voices`)")
    speech_out.add_argument("--rate", type=int, help="speaking rate in words per minute")
    speech_out.add_argument("--volume", type=float, help="loudness from 0 to 1")
    speech_out.add_argument("--region", help="country code for crisis lines: US, CA, GB, IE, AU, NZ, or other (default: locale)")
    speech_out.add_argument("--discreet", action="store_true", default=None,
                            help="care replies said aloud name no service; the details are printed")

    speech_in = argparse.ArgumentParser(add_help=False)
    speech_in.add_argument("--engine", choices=ENGINE_CHOICES,
                           help="speech profile: small (pocketsphinx only), standard (+ whisper second opinion), vosk; default: the best this device affords")
    speech_in.add_argument("--model-dir", dest="model_dir", help="folder of speech models")

    ask = sub.add_parser("ask", parents=[common, speech_out, speech_in], help="answer one question and speak the reply")
    ask.add_argument("text", nargs="*", help="the question, e.g. how do I get him to talk")
    ask.add_argument("--audio", metavar="WAV", help="a recorded question instead of text")
    ask.set_defaults(run=commands.ask)

    chat = sub.add_parser("chat", parents=[common, speech_out], help="a typed conversation, replies spoken")
    chat.set_defaults(run=commands.chat)

    intent = sub.add_parser(
        "intent", parents=[common, speech_in], help="print how each stdin line is understood, as JSON Lines"
    )
    intent.add_argument("--audio", nargs="+", metavar="WAV", help="recorded requests instead of stdin lines")
    intent.set_defaults(run=commands.intent)

    tips = sub.add_parser("tips", parents=[common], help="list the eleven techniques")
    tips.set_defaults(run=commands.tips)

    practice = sub.add_parser(
        "practice", parents=[common, speech_out, speech_in], help="rehearse an opening line and get feedback"
    )
    practice.add_argument("--drill", help="drill id (a technique id, e.g. direct-question); default: the first")
    practice.add_argument("--json", action="store_true", help="judge each stdin line, print one JSON object per line")
    practice.add_argument("--text", action="store_true", help="a typed practice session (the default without --json)")
    practice.add_argument("--line", type=int, default=0, help="which partner line a reflective-listening drill uses")
    practice.add_argument("--input", metavar="WAV", help="judge a recorded attempt instead of a typed session")
    practice.set_defaults(run=commands.practice)

    listen = sub.add_parser(
        "listen", parents=[common, speech_out, speech_in], help="hands-free: wake phrase, question, spoken answer"
    )
    _listen_flags(listen)
    listen.set_defaults(run=commands.listen, log_level=logging.INFO)

    doctor = sub.add_parser("doctor", parents=[common, speech_in], help="check microphone, speaker, speech and models")
    doctor.add_argument("--mic", help="microphone name or index")
    doctor.add_argument("--speaker", help="output device name or index")
    doctor.set_defaults(run=commands.doctor)

    serve = sub.add_parser("serve", parents=[common], help="answer Home Assistant as a Wyoming intent-handling service")
    serve.add_argument("--uri", default="tcp://127.0.0.1:10700", help="where to listen: tcp://HOST:PORT or unix://PATH")
    serve.add_argument("--region", help="country code for crisis lines: US, CA, GB, IE, AU, NZ, or other (default: locale)")
    serve.add_argument("--discreet", action="store_true", default=None, help="care replies name no service aloud")
    serve.add_argument("--idle-timeout", type=float, default=300.0, help="seconds before an idle conversation is forgotten")
    serve.add_argument("--max-conversations", type=int, default=1000, help="most conversations remembered at once")
    serve.set_defaults(run=commands.serve, log_level=logging.INFO)

    voices = sub.add_parser("voices", parents=[common], help="list the voices, their engine, sex and accent")
    voices.set_defaults(run=commands.voices)

    devices = sub.add_parser("devices", parents=[common], help="list microphones and speakers")
    devices.set_defaults(run=commands.devices)

    models = sub.add_parser("models", parents=[common], help="download or list speech models")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--model-dir", help="where models live (default: models/ in a checkout, else ~/.local/share/openup/models)")
    model_actions = models.add_subparsers(dest="action", metavar="ACTION", required=True)
    pull = model_actions.add_parser("pull", parents=[common, where], help="download the English Vosk model (about 40 MB)")
    pull.add_argument("--force", action="store_true", help="download again even if installed")
    pull.set_defaults(run=commands.models_pull)
    listing = model_actions.add_parser("list", parents=[common, where], help="show installed models and the engine in use")
    listing.set_defaults(run=commands.models_list)
    return parser


def _listen_flags(listen: argparse.ArgumentParser) -> None:
    listen.add_argument("--input", metavar="WAV", help="a recorded conversation instead of the microphone")
    listen.add_argument("--output", metavar="WAV", help="with --input: where the replies are rendered")
    listen.add_argument("--events", metavar="JSONL", help="write one JSON object per turn here")
    listen.add_argument("--mic", help="microphone name or index (see `openup devices`)")
    listen.add_argument("--wake-phrase", dest="wake_phrase", help="what wakes the coach (default: hey coach)")
    listen.add_argument("--push-to-talk", action="store_true", help="press Enter instead of saying the wake phrase")
    listen.add_argument("--save-audio", metavar="DIR", help="keep what was heard as WAV files (off by default)")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the process exit code."""
    _text_streams()
    _stop_on_sigterm()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare `openup`: the hands-free coach on its defaults
        args = parser.parse_args(["listen", *(["--debug"] if args.debug else [])])
        args.run = commands.hands_free
    quiet_level = logging.INFO if getattr(args, "audio", None) else logging.WARNING  # say which engine
    _configure_logging(logging.DEBUG if args.debug else getattr(args, "log_level", quiet_level))
    try:
        return args.run(args)
    except (ContentError, VoiceError, SettingsError) as error:
        print(f"openup: {error}", file=sys.stderr)
        return 2
    except Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM (what systemd and `kill` send), handled like Ctrl-C: files finished, temporaries removed."""


GRACE = 10.0
"""Seconds the cleanup after SIGTERM may take. Python handles a signal between bytecodes, so a
main thread stuck in native code (Kaldi, numpy) would never see it: a watchdog then ends the process."""


def _stop_on_sigterm() -> None:
    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM kills at once
        raise Terminated()

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (main() called from a test's thread): leave it
        return
    _watchdog()


def _watchdog() -> None:
    """A thread that learns of SIGTERM from the signal wakeup fd (written even while the main
    thread is busy in C) and exits the process GRACE seconds later if it is still running."""
    import os
    import socket
    import threading
    import time

    reader, writer = socket.socketpair()
    writer.setblocking(False)
    try:
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except (ValueError, OSError):
        return

    def watch() -> None:
        while signal.SIGTERM not in reader.recv(64):
            pass
        time.sleep(GRACE)
        os._exit(128 + signal.SIGTERM)

    threading.Thread(target=watch, name="sigterm-watchdog", daemon=True).start()
    _watchdog.sockets = (reader, writer)  # kept open for the life of the process


def _text_streams() -> None:
    """Read stdin as UTF-8 with bad bytes replaced (U+FFFD), write UTF-8 always: one bad
    byte must not crash a filter or lose the lines before it, nor leak into the JSON."""
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)


def _configure_logging(level: int) -> None:
    debug = level <= logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(levelname)s %(name)s: %(message)s" if debug else "openup: %(message)s",
        stream=sys.stderr,
    )
