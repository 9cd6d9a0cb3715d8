"""The `openup` command: the one place that parses flags, sets up logging and joins the parts."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Callable, Sequence

from content.errors import ContentError
from voice import __version__
from voice.errors import VoiceError
from voice.settings import SettingsError, load_settings

_LOG = logging.getLogger("openup")


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and flag, each with --help."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=None, help="show why each answer was chosen")
    parser = argparse.ArgumentParser(
        prog="openup", parents=[common],
        description="Open Up: an offline voice coach for getting your partner to open up.",
    )
    parser.add_argument("--version", action="version", version=f"openup {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    speech_out = argparse.ArgumentParser(add_help=False)
    speech_out.add_argument("--quiet", action="store_true", help="print replies only, do not speak")
    speech_out.add_argument("--out", metavar="WAV", help="write the spoken reply to this WAV file instead of playing it")
    speech_out.add_argument("--speaker", help="output device name or index (see `openup devices`)")
    speech_out.add_argument("--voice", help="text-to-speech voice id")
    speech_out.add_argument("--rate", type=int, help="speaking rate in words per minute")
    speech_out.add_argument("--volume", type=float, help="loudness from 0 to 1")

    ask = commands.add_parser("ask", parents=[common, speech_out], help="answer one question and speak the reply")
    ask.add_argument("text", nargs="*", help="the question, e.g. how do I get him to talk")
    ask.set_defaults(run=_ask)

    chat = commands.add_parser("chat", parents=[common, speech_out], help="a typed conversation, replies spoken")
    chat.set_defaults(run=_chat)

    intent = commands.add_parser(
        "intent", parents=[common], help="print how each stdin line is understood, as JSON Lines"
    )
    intent.set_defaults(run=_intent)

    tips = commands.add_parser("tips", parents=[common], help="list the eleven techniques")
    tips.set_defaults(run=_tips)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(bool(args.debug))
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", _chat)
    if args.command is None:
        args.quiet, args.out, args.speaker, args.voice, args.rate, args.volume = False, None, None, None, None, None
    try:
        return run(args)
    except (ContentError, VoiceError, SettingsError) as error:
        print(f"openup: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _configure_logging(debug: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s" if debug else "openup: %(message)s",
        stream=sys.stderr,
    )


def _coach():
    """Load the catalog and build the matcher (fast: well under a second)."""
    from content.catalog import load_catalog
    from intents.matcher import Matcher

    catalog = load_catalog()
    return catalog, Matcher.from_catalog(catalog)


def _ask(args: argparse.Namespace) -> int:
    from intents.dialogue import Session

    text = " ".join(args.text)
    catalog, matcher = _coach()
    reply = Session(catalog, matcher).hear(text)
    print(reply.text, flush=True)
    mouth = _voice_out(args)
    mouth.say(reply.text)
    mouth.close()
    return 0


def _chat(args: argparse.Namespace) -> int:
    from intents.dialogue import Session

    catalog, matcher = _coach()
    session = Session(catalog, matcher)
    mouth = _voice_out(args)
    print(catalog.responses.greeting, "(type your question; Ctrl-D or 'stop' to end)", flush=True)
    for line in sys.stdin:
        reply = session.hear(line)
        print(reply.text, flush=True)
        mouth.say(reply.text)
        if reply.end:
            break
    mouth.close()
    return 0


def _intent(args: argparse.Namespace) -> int:
    from voice.understand import describe

    _catalog, matcher = _coach()
    for line in sys.stdin:
        print(describe(matcher, line.rstrip("\r\n")), flush=True)
    return 0


def _tips(args: argparse.Namespace) -> int:
    catalog, _matcher = _coach()
    for number, technique in enumerate(catalog.techniques, 1):
        print(f"{number:2}. {technique.title} [{technique.id}]\n    {technique.summary}")
    return 0


def _voice_out(args: argparse.Namespace):
    """A Mouth that speaks replies, or stays silent after one clear warning if it cannot."""
    from voice.speech_out import ReplyVoice

    settings = load_settings(vars(args))
    return ReplyVoice.open(settings, quiet=args.quiet, out=args.out)
