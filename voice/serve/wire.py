"""Reading Wyoming events from an untrusted client, with every length capped.

A Wyoming event is one JSON header line, then ``data_length`` bytes of JSON
data and ``payload_length`` bytes of payload, both lengths claimed by the
header. The library's reader trusts those claims; this one checks them first,
so a client cannot make the server buffer more than the caps.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from wyoming.event import Event


@dataclass(frozen=True)
class WireLimits:
    """The most one event may carry; a client that sends more is disconnected."""

    header_bytes: int = 4096
    """Longest JSON header line, in bytes (also the connection's read buffer limit)."""
    data_bytes: int = 16384
    """Largest claimed ``data_length``, in bytes (a spoken request is a few hundred)."""
    payload_bytes: int = 65536
    """Largest claimed ``payload_length``, in bytes (the coach uses no payloads)."""
    quiet_seconds: float = 300.0
    """Longest wait for a client's next event before its connection is closed, in seconds."""


class ProtocolError(ValueError):
    """The client sent something that is not a well-formed, bounded Wyoming event."""


class ClientGone(ProtocolError):
    """The stream ended in the middle of an event: the client hung up mid-request."""


async def read_event(reader: asyncio.StreamReader, limits: WireLimits) -> Event | None:
    """The next event, or None at a clean end of stream; raises ProtocolError on bad input."""
    line = await _read_line(reader, limits.header_bytes)
    if line is None:
        return None
    header = _parse_object(line, "header")
    event_type = header.get("type")
    if not isinstance(event_type, str) or not event_type:
        raise ProtocolError("header has no event type")
    data = header.get("data") or {}
    if not isinstance(data, dict):
        raise ProtocolError("header data is not an object")
    data_length = _length(header, "data_length", limits.data_bytes)
    payload_length = _length(header, "payload_length", limits.payload_bytes)
    if data_length:
        data = {**data, **_parse_object(await _read_exactly(reader, data_length), "data")}
    payload = await _read_exactly(reader, payload_length) if payload_length else None
    return Event(type=event_type, data=data, payload=payload)


async def _read_line(reader: asyncio.StreamReader, most: int) -> bytes | None:
    try:
        line = await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise ClientGone("stream ended inside a header line") from None
        return None
    except asyncio.LimitOverrunError:
        raise ProtocolError(f"header line longer than {most} bytes") from None
    if len(line) > most:
        raise ProtocolError(f"header line longer than {most} bytes")
    return line


async def _read_exactly(reader: asyncio.StreamReader, count: int) -> bytes:
    try:
        return await reader.readexactly(count)
    except asyncio.IncompleteReadError:
        raise ClientGone(f"stream ended before the {count} bytes the header claimed") from None


def _length(header: dict[str, Any], key: str, most: int) -> int:
    value = header.get(key)
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ProtocolError(f"{key} is not a byte count")
    if value > most:
        raise ProtocolError(f"{key} {value} is over the limit of {most} bytes")
    return value


def _parse_object(raw: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):  # deep nesting: RecursionError
        raise ProtocolError(f"{what} is not JSON") from None
    if not isinstance(value, dict):
        raise ProtocolError(f"{what} is not a JSON object")
    return value
