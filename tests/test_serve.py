"""`openup serve`: a live Wyoming server on 127.0.0.1, spoken to with the wyoming client library."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from wyoming.asr import Transcript
from wyoming.client import AsyncTcpClient
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info
from wyoming.ping import Ping

from content.care import load_care
from content.catalog import load_catalog
from intents.dialogue import Session
from intents.matcher import Matcher
from voice import __version__
from voice.serve.app import handler_factory, server_for
from voice.serve.coach import Coach, Request, session_factory
from voice.serve.conversations import ConversationStore, StoreLimits
from voice.serve.server import Address, ServeConfig, ServeError
from voice.serve.wire import ProtocolError, WireLimits, read_event

HANG_GUARD = 20.0
"""Seconds before a test gives up waiting (a hang guard, never a speed check)."""

CATALOG = load_catalog()
CARE = load_care()
MATCHER = Matcher.from_catalog(CATALOG)


def care_reply(region: str) -> str:
    """What a fresh Session for ``region`` answers to a disclosure of violence."""
    return Session(CATALOG, MATCHER, care=CARE, region=region).hear("he hits me").text


# -- a live server in a background thread ---------------------------------------


class LiveServer:
    """The real server on an ephemeral port, its event loop in a thread of its own."""

    def __init__(self, config: ServeConfig) -> None:
        self._config = config
        self._ready = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)
        self.port = 0

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = server_for(self._config)
        await server.start(handler_factory(self._config))
        self.port = server.address.port
        self._ready.set()
        await self._stop.wait()
        await server.stop()

    def __enter__(self) -> LiveServer:
        self._thread.start()
        assert self._ready.wait(HANG_GUARD), "server did not start"
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(HANG_GUARD)


@pytest.fixture(scope="module")
def port():
    with LiveServer(ServeConfig(uri="tcp://127.0.0.1:0", region="US")) as server:
        yield server.port


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, HANG_GUARD))


async def exchange(port: int, *events: Event) -> list[Event]:
    """Send each event on one connection and read one answer to each."""
    answers = []
    async with AsyncTcpClient("127.0.0.1", port) as client:
        for event in events:
            await client.write_event(event)
            answers.append(await client.read_event())
    return answers


def said(text: str, conversation: str | None = None) -> Event:
    return Transcript(text, context={"conversation_id": conversation} if conversation else None).event()


def technique_in(reply: str):
    """The technique a tip reply presents (a tip says its summary)."""
    found = [t for t in CATALOG.techniques if t.summary in reply]
    assert len(found) == 1, reply
    return found[0]


# -- the protocol ---------------------------------------------------------------


def test_describe_names_a_handle_program_in_english_credited_to_the_article(port):
    (answer,) = run(exchange(port, Describe().event()))
    assert Info.is_type(answer.type)
    (program,) = Info.from_event(answer).handle
    assert program.version == __version__ and program.installed
    assert "Carina Wolff" in program.attribution.name and "Bustle" in program.attribution.name
    assert "11 Ways To Get Your Partner to Open Up" in program.attribution.name
    assert any("en" in model.languages for model in program.models)


def test_a_request_for_advice_gets_a_tip(port):
    (answer,) = run(exchange(port, said("how do I get him to open up", "tip-1")))
    assert Handled.is_type(answer.type)
    assert technique_in(Handled.from_event(answer).text)


def test_follow_ups_stay_in_the_conversation_and_context_is_echoed(port):
    tip, quote, more = run(exchange(
        port, said("how do I get him to open up", "follow"), said("who said that", "follow"),
        said("tell me more", "follow"),
    ))
    technique = technique_in(tip.data["text"])
    assert technique.quotes[0].speaker in quote.data["text"]
    assert more.data["text"].startswith(technique.detail)
    assert {a.data["context"]["conversation_id"] for a in (tip, quote, more)} == {"follow"}


def test_a_conversation_carries_over_to_a_new_connection(port):
    (tip,) = run(exchange(port, said("how do I get him to open up", "reconnect")))
    (quote,) = run(exchange(port, said("who said that", "reconnect")))
    assert technique_in(tip.data["text"]).quotes[0].speaker in quote.data["text"]


def test_without_a_conversation_id_the_connection_is_the_conversation(port):
    tip, quote = run(exchange(port, said("how do I get him to open up"), said("who said that")))
    assert technique_in(tip.data["text"]).quotes[0].speaker in quote.data["text"]
    (fresh,) = run(exchange(port, said("who said that")))  # a new connection knows no tip yet
    assert fresh.data["text"] != quote.data["text"]


def test_two_conversations_are_kept_apart(port):
    async def both():
        first = await exchange(port, said("how do I get him to open up", "apart-a"))
        second = await exchange(port, said("how can I be a better listener", "apart-b"))
        quote_b = await exchange(port, said("who said that", "apart-b"))
        quote_a = await exchange(port, said("who said that", "apart-a"))
        return first + second + quote_b + quote_a

    tip_a, tip_b, quote_b, quote_a = run(both())
    speaker_a = technique_in(tip_a.data["text"]).quotes[0].speaker
    speaker_b = technique_in(tip_b.data["text"]).quotes[0].speaker
    assert speaker_a != speaker_b, "the two tips must come from different experts"
    assert speaker_a in quote_a.data["text"] and speaker_b not in quote_a.data["text"]
    assert speaker_b in quote_b.data["text"] and speaker_a not in quote_b.data["text"]


def test_a_disclosure_of_violence_gets_care_with_a_phone_number(port):
    (answer,) = run(exchange(port, said("he hits me", "care")))
    assert Handled.is_type(answer.type)
    assert re.search(r"\d", answer.data["text"])
    assert answer.data["text"] == care_reply("US") != care_reply("GB")  # the server's region's lines
    assert not any(t.summary in answer.data["text"] for t in CATALOG.techniques)  # no tip


def test_empty_input_is_not_handled(port):
    blank, spaces = run(exchange(port, said("", "empty"), said("   ", "empty")))
    assert NotHandled.is_type(blank.type) and NotHandled.is_type(spaces.type)
    assert blank.data["context"] == {"conversation_id": "empty"}


def test_an_unexpected_error_costs_one_connection_not_the_server(monkeypatch, caplog):
    from intents.dialogue import Session
    from voice.serve import app

    class Fragile(Session):
        def hear(self, text, *args, **kwargs):
            if text == "boom":
                raise RuntimeError("a bug")
            return super().hear(text, *args, **kwargs)

    def fragile_factory(catalog, matcher, drills, care, *_):
        return lambda: Fragile(catalog, matcher, drills, care=care)

    monkeypatch.setattr(app, "session_factory", fragile_factory)
    with LiveServer(ServeConfig(uri="tcp://127.0.0.1:0")) as server:
        (lost,) = run(exchange(server.port, said("boom", "fragile")))
        assert lost is None  # that connection closed without an answer
        (tip,) = run(exchange(server.port, said("how do I get him to open up", "fragile")))
        assert Handled.is_type(tip.type)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "voice.serve.handler"]
    assert len(errors) == 1 and "a bug" in str(errors[0].exc_info[1])  # logged with its traceback


def test_ping_gets_pong_and_unknown_events_are_ignored(port):
    async def talk():
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Event("no-such-event", {"x": 1}))
            await client.write_event(Ping(text="hello").event())
            return await client.read_event()

    answer = run(talk())
    assert answer.type == "pong" and answer.data["text"] == "hello"


def test_fifty_clients_at_once_each_get_their_own_answers(port):
    async def client(number: int):
        tip, quote = await exchange(port, said("how do I get him to open up", f"many-{number}"),
                                    said("who said that", f"many-{number}"))
        return tip, quote

    async def all_of_them():
        return await asyncio.gather(*(client(n) for n in range(50)))

    results = run(all_of_them())
    assert len(results) == 50
    for number, (tip, quote) in enumerate(results):
        assert tip.data["context"]["conversation_id"] == f"many-{number}"
        assert technique_in(tip.data["text"]).quotes[0].speaker in quote.data["text"]


# -- hostile and careless clients -------------------------------------------------


async def raw(port: int, data: bytes) -> bytes:
    """Send raw bytes and return everything the server sends back before it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        received = await reader.read()
    except ConnectionResetError:  # closed with our bytes unread: the kernel resets, also a refusal
        received = b""
    writer.close()
    return received


def still_serving(port: int) -> bool:
    (answer,) = run(exchange(port, said("who said that")))
    return Handled.is_type(answer.type)


def test_a_client_that_disconnects_mid_request_does_no_harm(port):
    async def careless():
        # cut off inside the data the header promised, and inside a header line
        for data in (b'{"type": "transcript", "data_length": 100}\n{"text": "how', b'{"type": "trans'):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(data)
            await writer.drain()
            writer.close()
        # a full request, then gone before the answer is read
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b'{"type": "transcript", "data": {"text": "how do I get him to talk"}}\n')
        await writer.drain()
        writer.transport.abort()

    run(careless())
    assert still_serving(port)


@pytest.mark.parametrize("garbage", [
    b"\x00\xff\xfe not json at all\n",
    b"[1, 2, 3]\n",
    b'{"type": 5}\n',
    b'{"type": "transcript", "data": "text"}\n',
    b'{"type": "transcript", "data_length": "many"}\n',
    b'{"type": "transcript", "data_length": 5}\n[1,2]',
    b"[" * 4000 + b"\n",
])
def test_garbage_closes_that_connection_and_the_server_keeps_serving(port, garbage):
    assert run(raw(port, garbage)) == b""
    assert still_serving(port)


@pytest.mark.parametrize("oversized", [
    b'{"type": "transcript", "data": {"text": "' + b"a" * 100_000 + b'"}}\n',
    b'{"type": "transcript", "data_length": 1000000000}\n',
    b'{"type": "audio-chunk", "payload_length": 1000000000}\n',
    b"x" * 1_000_000,
])
def test_an_oversized_event_is_refused_and_the_server_keeps_serving(port, oversized):
    assert run(raw(port, oversized)) == b""  # closed without an answer, and without waiting for a gigabyte
    assert still_serving(port)


def test_a_silent_connection_is_closed():
    with LiveServer(ServeConfig(uri="tcp://127.0.0.1:0", wire=WireLimits(quiet_seconds=0.2))) as server:
        assert run(raw(server.port, b'{"type": "transcr')) == b""  # neither finished nor closed by the client
        assert still_serving(server.port)


def test_the_wire_reader_refuses_claims_over_its_limits():
    async def read(data: bytes, limits: WireLimits):
        reader = asyncio.StreamReader(limit=limits.header_bytes)
        reader.feed_data(data)
        reader.feed_eof()
        return await read_event(reader, limits)

    limits = WireLimits(header_bytes=64, data_bytes=10, payload_bytes=4)
    event = asyncio.run(read(b'{"type": "t", "data_length": 10, "payload_length": 4}\n{"a":"12"}abcd', limits))
    assert (event.type, event.data, event.payload) == ("t", {"a": "12"}, b"abcd")
    assert asyncio.run(read(b"", limits)) is None
    for bad in (b'{"type": "t", "data_length": 11}\n', b'{"type": "t", "payload_length": 5}\n',
                b'{"type": "' + b"t" * 80 + b'"}\n', b'{"type": "t"', b'{"type": "t", "data_length": -1}\n'):
        with pytest.raises(ProtocolError):
            asyncio.run(read(bad, limits))


# -- the conversation store (an injected clock: no sleeping) -----------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_idle_conversation_is_forgotten_after_the_timeout():
    clock = Clock()
    store = ConversationStore(object, StoreLimits(idle_timeout=60, max_conversations=10), clock)
    first = store.get("a")
    clock.now += 59
    assert store.get("a") is first  # used again: the idle time starts over
    clock.now += 59
    assert "a" in store and store.get("a") is first
    clock.now += 60
    assert "a" not in store and len(store) == 0
    assert store.get("a") is not first


def test_the_least_recently_used_conversation_goes_when_full():
    clock = Clock()
    store = ConversationStore(object, StoreLimits(idle_timeout=60, max_conversations=3), clock)
    kept = {name: store.get(name) for name in "abc"}
    clock.now += 1
    store.get("a")  # now b is the least recently used
    store.get("d")
    assert len(store) == 3 and "b" not in store
    assert store.get("a") is kept["a"] and store.get("c") is kept["c"]


def test_store_limits_must_be_sensible():
    for idle, most in ((0, 10), (60, 0)):
        with pytest.raises(ValueError):
            StoreLimits(idle, most)


# -- the coach without a network -------------------------------------------------------


def coach(region="US", clock=None):
    kwargs = {"clock": clock} if clock else {}
    return Coach(CATALOG, session_factory(CATALOG, MATCHER, (), CARE, region), StoreLimits(60, 10), **kwargs)


def test_stop_ends_the_conversation(port):
    tip, stop, quote = run(exchange(
        port, said("how do I get him to open up", "ending"), said("stop", "ending"), said("who said that", "ending"),
    ))
    assert technique_in(tip.data["text"]).quotes[0].text not in quote.data["text"]
    assert stop.data["text"] == CATALOG.responses.stop


def test_a_conversation_expires_inside_the_coach():
    clock = Clock()
    answers = coach(clock=clock)
    own = lambda: pytest.fail("a named conversation must not use the connection's session")  # noqa: E731
    tip = answers.answer(Request("how do I get him to open up", "x", None), own)
    clock.now += 61
    quote = answers.answer(Request("who said that", "x", None), own)
    assert technique_in(tip.text).quotes[0].text not in quote.text


def test_requests_are_parsed_defensively():
    assert Request.from_data({"text": 5, "context": "no"}) == Request("", None, None)
    assert Request.from_data({"text": "hi", "context": {"conversation_id": 7}}).conversation_id == "7"
    assert Request.from_data({}).text == ""


def test_the_users_words_are_logged_only_at_debug(caplog):
    answers = coach()
    words = "he hits me when he drinks"
    with caplog.at_level(logging.DEBUG, logger="voice.serve"):
        answers.answer(Request(words, "private", None), lambda: None)
    info = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("safety" in line and "abuse" in line for line in info)
    assert not any("hits" in line or "drinks" in line for line in info)
    assert any("drinks" in line for line in debug)


def test_discreet_care_replies_name_no_service():
    answers = Coach(CATALOG, session_factory(CATALOG, MATCHER, (), CARE, "US", discreet=True), StoreLimits(60, 10),
                    discreet=True)
    text = answers.answer(Request("he hits me", "quiet", None), lambda: None).text
    discreet = Session(CATALOG, MATCHER, care=CARE, region="US", discreet=True).hear("he hits me").speech
    assert text == discreet != care_reply("US")


def test_every_conversation_gets_the_region_s_crisis_lines():
    for region in ("GB", "AU"):
        answers = coach(region)
        for conversation in ("one", "two"):
            assert answers.answer(Request("he hits me", conversation, None), lambda: None).text == care_reply(region)


# -- addresses, the command line and signals ----------------------------------------------


def test_uris():
    assert Address.from_uri("tcp://127.0.0.1:10700") == Address("tcp", "127.0.0.1", 10700)
    assert Address.from_uri("unix:///run/openup.sock").path == Path("/run/openup.sock")
    assert Address.from_uri("tcp://[::1]:10700").uri == "tcp://[::1]:10700"
    for bad in ("tcp://127.0.0.1", "http://x:1", "tcp://:80", "unix://", "tcp://h:99999"):
        with pytest.raises(ServeError):
            Address.from_uri(bad)


def openup(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "voice", "serve", *args], stderr=subprocess.PIPE,
                            text=True, **kwargs)


@pytest.mark.parametrize("flags, says", [
    (("--uri", "http://nowhere"), "tcp://HOST:PORT"),
    (("--idle-timeout", "0"), "idle timeout"),
    (("--max-conversations", "0"), "at least one conversation"),
])
def test_bad_flags_are_one_line_and_exit_2(flags, says):
    process = openup(*flags)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and err.count("\n") == 1 and says in err


def test_a_busy_port_is_one_line_and_exit_2(port):
    process = openup("--uri", f"tcp://127.0.0.1:{port}")  # the live server has it
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and err.count("\n") == 1 and "cannot listen on" in err


def _listening(process: subprocess.Popen) -> str:
    for line in process.stderr:
        found = re.search(r"listening on (\S+)", line)
        if found:
            return found.group(1)
    raise AssertionError(f"server exited without listening (code {process.wait()})")


@pytest.mark.parametrize("scheme", ["tcp", "unix"])
def test_sigterm_stops_the_server_cleanly(scheme):
    with tempfile.TemporaryDirectory() as folder:
        socket_path = Path(folder) / "openup.sock"
        uri = f"unix://{socket_path}" if scheme == "unix" else "tcp://127.0.0.1:0"
        process = openup("--uri", uri, "--region", "GB")
        try:
            address = Address.from_uri(_listening(process))

            async def ask():
                from wyoming.client import AsyncClient

                async with AsyncClient.from_uri(address.uri) as client:
                    await client.write_event(said("he hits me", "sig"))
                    return await client.read_event()

            assert run(ask()).data["text"] == care_reply("GB")  # --region reached the sessions
            if scheme == "unix":
                assert socket_path.exists()
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=HANG_GUARD) == 0
            assert not socket_path.exists()
        finally:
            if process.poll() is None:
                process.kill()
            process.stderr.close()


def test_importing_the_cli_does_not_import_wyoming():
    code = "import sys, voice.cli.parser; print('wyoming' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_serve_help_lists_its_flags():
    result = subprocess.run([sys.executable, "-m", "voice", "serve", "--help"], capture_output=True, text=True,
                            timeout=60)
    for flag in ("--uri", "--region", "--idle-timeout", "--max-conversations"):
        assert flag in result.stdout
