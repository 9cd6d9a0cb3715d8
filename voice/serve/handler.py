"""One client connection: bounded events in, `info` / `handled` / `not-handled` out."""

from __future__ import annotations

import asyncio
import logging

from wyoming.asr import Transcript
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info
from wyoming.ping import Ping, Pong
from wyoming.server import AsyncEventHandler

from intents.dialogue import Session
from voice.serve.coach import Answer, Coach, Request
from voice.serve.wire import ClientGone, ProtocolError, WireLimits, read_event

_LOG = logging.getLogger(__name__)


class CoachHandler(AsyncEventHandler):
    """Answers one client's events in order; the connection itself is a conversation when none is named."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 coach: Coach, info: Info, limits: WireLimits) -> None:
        super().__init__(reader, writer)
        self._coach = coach
        self._info = info.event()
        self._limits = limits
        self._session: Session | None = None

    async def run(self) -> None:
        """Like the library's loop, but every event is read through the length caps."""
        self._is_running = True
        try:
            while self._is_running:
                event = await asyncio.wait_for(read_event(self.reader, self._limits), self._limits.quiet_seconds)
                if event is None or not await self.handle_event(event):
                    break
        except ClientGone as error:
            _LOG.debug("client hung up: %s", error)
        except ProtocolError as error:
            _LOG.warning("dropping client %s: %s", self.writer.get_extra_info("peername") or "", error)
        except TimeoutError:
            _LOG.debug("closing a connection that stayed silent for %s s", self._limits.quiet_seconds)
        except ConnectionError as error:
            _LOG.debug("client went away before its answer: %s", error)
        except Exception:  # a bug must cost one connection, not the server; the traceback says where
            _LOG.exception("closing a connection after an unexpected error")
        finally:
            await self.disconnect()
            self.writer.close()

    async def handle_event(self, event: Event) -> bool:
        if Transcript.is_type(event.type):
            request = Request.from_data(event.data)
            answer = self._coach.answer(request, self._own_session)
            if answer.end and request.conversation_id is None:
                self._session = None  # "stop": the connection's next request starts afresh
            await self.write_event(_reply_event(answer))
        elif Describe.is_type(event.type):
            await self.write_event(self._info)
        elif Ping.is_type(event.type):
            await self.write_event(Pong(text=Ping.from_event(event).text).event())
        else:
            _LOG.debug("ignoring a %s event", event.type)
        return True

    def _own_session(self) -> Session:
        if self._session is None:
            self._session = self._coach.new_session()
        return self._session


def _reply_event(answer: Answer) -> Event:
    if answer.handled:
        return Handled(text=answer.text, context=answer.context).event()
    return NotHandled(text=answer.text, context=answer.context).event()
