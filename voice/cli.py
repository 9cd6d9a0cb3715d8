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

    practice = commands.add_parser(
        "practice", parents=[common, speech_out], help="rehearse an opening line and get feedback"
    )
    practice.add_argument("--drill", help="drill id (a technique id, e.g. direct-question); default: the first")
    practice.add_argument("--json", action="store_true", help="judge each stdin line, print one JSON object per line")
    practice.add_argument("--text", action="store_true", help="a typed practice session (the default without --json)")
    practice.add_argument("--line", type=int, default=0, help="which partner line a reflective-listening drill uses")
    practice.set_defaults(run=_practice)

    devices = commands.add_parser("devices", parents=[common], help="list microphones and speakers")
    devices.set_defaults(run=_devices)

    models = commands.add_parser("models", parents=[common], help="download or list speech models")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--model-dir", help="where models live (default: models/ in a checkout, else ~/.local/share/openup/models)")
    model_actions = models.add_subparsers(dest="action", metavar="ACTION", required=True)
    pull = model_actions.add_parser("pull", parents=[common, where], help="download the English Vosk model (about 40 MB)")
    pull.add_argument("--force", action="store_true", help="download again even if installed")
    pull.set_defaults(run=_models_pull)
    listing = model_actions.add_parser("list", parents=[common, where], help="show installed models and the engine in use")
    listing.set_defaults(run=_models_list)
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

    from content.drills import load_drills

    catalog, matcher = _coach()
    session = Session(catalog, matcher, load_drills())
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


def _practice(args: argparse.Namespace) -> int:
    import json

    from content.drills import drill_by_id, load_drills
    from intents.feedback import judge
    from intents.rehearsal import Rehearsal

    drills = load_drills()
    drill = drill_by_id(drills, args.drill) if args.drill else drills[0]
    if drill is None:
        print(f"openup: no drill {args.drill!r}; drills: {', '.join(d.id for d in drills)}", file=sys.stderr)
        return 2
    if args.json:
        for line in sys.stdin:
            feedback = judge(drill, line.rstrip("\r\n"), line=args.line)
            print(json.dumps(feedback.to_json(), ensure_ascii=False), flush=True)
        return 0
    mouth, coach = _voice_out(args), Rehearsal(drills)
    turn = coach.start(drill.id)
    while True:
        print(turn.say, flush=True)
        mouth.say(turn.say)
        line = "" if turn.done else sys.stdin.readline()
        if turn.done or not line:
            break
        turn = coach.hear(line.strip())
    mouth.close()
    return 0


def _devices(args: argparse.Namespace) -> int:
    from voice.microphone import list_devices

    found = list_devices()
    if not found:
        print("No sound devices found. Plug in a USB microphone and speaker, or use --audio FILE and --out FILE.")
    for device in found:
        marks = [m for m, on in (("default input", device.default_input), ("default output", device.default_output)) if on]
        print(f"{device.index:3}  {device.name}  (in {device.inputs}, out {device.outputs})"
              + (f"  [{', '.join(marks)}]" if marks else ""))
    return 0


def _models_dir(args: argparse.Namespace):
    from voice.models import default_models_dir

    return default_models_dir(args.model_dir or load_settings({}).model_dir)


def _models_pull(args: argparse.Namespace) -> int:
    from voice.models import VOSK_SMALL_EN_US, format_progress, pull

    def progress(done: int, total: int | None) -> None:
        print("\r" + format_progress(done, total), end="", file=sys.stderr, flush=True)

    target = _models_dir(args)
    print(f"Downloading {VOSK_SMALL_EN_US.name} into {target}", file=sys.stderr)
    try:
        path = pull(VOSK_SMALL_EN_US, target, progress=progress, force=args.force)
    finally:
        print(file=sys.stderr)
    print(f"Installed {path}. Open Up will now use Vosk.")
    return 0


def _models_list(args: argparse.Namespace) -> int:
    from voice.models import find_installed, installed_models

    target = _models_dir(args)
    for model in installed_models(target):
        print(f"{model.name}: {'ready' if model.complete else model.problem}")
    engine = "vosk" if find_installed(target) else "pocketsphinx (bundled en-us; run `openup models pull` for Vosk)"
    print(f"Models folder: {target}\nEngine in use: {engine}")
    return 0


def _voice_out(args: argparse.Namespace):
    """A Mouth that speaks replies, or stays silent after one clear warning if it cannot."""
    from voice.speech_out import ReplyVoice

    settings = load_settings(vars(args))
    return ReplyVoice.open(settings, quiet=args.quiet, out=args.out)
