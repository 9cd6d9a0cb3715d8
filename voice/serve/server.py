"""Listen on tcp:// or unix://, share one coach between all connections, stop cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import stat
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

from wyoming.server import AsyncServer, HandlerFactory

from voice.errors import VoiceError
from voice.serve.conversations import StoreLimits
from voice.serve.wire import WireLimits

_LOG = logging.getLogger(__name__)

DEFAULT_URI = "tcp://127.0.0.1:10700"

STOP_GRACE = 2.0
"""Seconds open connections get to finish after a stop signal."""


class ServeError(VoiceError):
    """A bad --uri, or an address that cannot be listened on."""


@dataclass(frozen=True)
class ServeConfig:
    """Everything `openup serve` needs, built once in the entry point."""

    uri: str = DEFAULT_URI
    region: str = "other"
    """Country code passed to every conversation's Session: which crisis lines a care reply names."""
    discreet: bool = False
    """Care replies name no service and no reason (Assist speaks them aloud)."""
    store: StoreLimits = field(default_factory=StoreLimits)
    wire: WireLimits = field(default_factory=WireLimits)


@dataclass(frozen=True)
class Address:
    """Where the server listens: a TCP host and port, or a Unix socket path."""

    scheme: str
    """"tcp" or "unix"."""
    host: str = ""
    port: int = 0
    """TCP port; 0 asks the system for a free one."""
    path: Path | None = None

    @classmethod
    def from_uri(cls, uri: str) -> Address:
        parsed = urlparse(uri)
        if parsed.scheme == "unix" and (parsed.netloc + parsed.path):
            return cls("unix", path=Path(parsed.netloc + parsed.path))
        try:
            port = parsed.port
        except ValueError:
            port = None
        if parsed.scheme == "tcp" and parsed.hostname and port is not None:
            return cls("tcp", host=parsed.hostname, port=port)
        raise ServeError(f"cannot listen on {uri!r}; use tcp://HOST:PORT (e.g. {DEFAULT_URI}) or unix://PATH")

    @property
    def uri(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        return f"unix://{self.path}" if self.scheme == "unix" else f"tcp://{host}:{self.port}"


class CoachServer(AsyncServer):
    """The library's server base, listening with a bounded read buffer per connection."""

    def __init__(self, address: Address, buffer_limit: int) -> None:
        super().__init__()
        self.address = address
        self._limit = buffer_limit
        self._server: asyncio.AbstractServer | None = None

    async def start(self, handler_factory: HandlerFactory) -> None:
        """Listen without blocking; ``address`` then holds the real port."""
        callback = partial(self._handler_callback, handler_factory)
        try:
            if self.address.path is not None:  # unix://
                _remove_stale_socket(self.address.path)
                self._server = await asyncio.start_unix_server(
                    callback, path=str(self.address.path), limit=self._limit)
            else:
                self._server = await asyncio.start_server(
                    callback, host=self.address.host, port=self.address.port, limit=self._limit)
                port = self._server.sockets[0].getsockname()[1]
                self.address = Address("tcp", self.address.host, port)
        except OSError as error:
            raise ServeError(f"cannot listen on {self.address.uri}: {error.strerror or error}") from None

    async def run(self, handler_factory: HandlerFactory) -> None:
        """Listen until SIGTERM or SIGINT, then close every connection and return."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        await self.start(handler_factory)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        _LOG.info("listening on %s", self.address.uri)
        try:
            await stop.wait()
            _LOG.info("stopping")
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)
            await self.stop()

    async def stop(self) -> None:
        """Stop accepting, end every connection, and remove the socket file."""
        if self._server is not None:
            self._server.close()
        await super().stop()
        tasks = list(self._handlers)
        if tasks:
            await asyncio.wait(tasks, timeout=STOP_GRACE)
        if self._server is not None:
            await self._server.wait_closed()
        if self.address.path is not None:
            _remove_stale_socket(self.address.path)


def _remove_stale_socket(path: Path) -> None:
    """Remove a socket file left behind; refuse to delete anything that is not a socket."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(mode):
        raise ServeError(f"{path} exists and is not a socket; choose another unix:// path")
    os.unlink(path)
