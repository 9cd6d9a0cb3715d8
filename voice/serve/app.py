"""Build the shared coach once, then serve until stopped: what `openup serve` runs."""

from __future__ import annotations

import asyncio
from functools import partial

from wyoming.server import HandlerFactory

from voice.serve.coach import Coach, session_factory
from voice.serve.describe import coach_info
from voice.serve.handler import CoachHandler
from voice.serve.server import Address, CoachServer, ServeConfig


def handler_factory(config: ServeConfig) -> HandlerFactory:
    """Load the catalog, matcher, drills and care lines once; every connection shares them."""
    from content.care import load_care
    from content.catalog import load_catalog
    from content.drills import load_drills
    from intents.matcher import Matcher

    catalog = load_catalog()
    new_session = session_factory(catalog, Matcher.from_catalog(catalog), load_drills(), load_care(),
                                  config.region, config.discreet)
    coach = Coach(catalog, new_session, config.store, discreet=config.discreet)
    return partial(CoachHandler, coach=coach, info=coach_info(catalog), limits=config.wire)


def server_for(config: ServeConfig) -> CoachServer:
    """A server for ``config.uri`` whose connections read through the wire limits."""
    return CoachServer(Address.from_uri(config.uri), config.wire.header_bytes)


def serve(config: ServeConfig) -> int:
    """Serve until SIGTERM or SIGINT; returns the exit code."""
    server = server_for(config)  # a bad --uri fails before any loading
    asyncio.run(server.run(handler_factory(config)))
    return 0
