"""One request in, one answer out: the coach shared by every connection.

The catalog, matcher and drills are built once; each conversation gets its own
``intents.dialogue.Session`` (cheap), which also screens every utterance for
danger before any coaching.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Callable

from content.care import Care
from content.catalog import Catalog
from content.drills import Drill
from intents.dialogue import Session
from intents.matcher import Matcher
from voice.serve.conversations import ConversationStore, StoreLimits

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    """A transcript to answer, parsed once from the event's data."""

    text: str
    conversation_id: str | None
    """The client's ``context.conversation_id``; None means the connection is the conversation."""
    context: dict[str, Any] | None
    """The transcript's context, echoed back in the answer."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Request:
        text = data.get("text")
        context = data.get("context")
        context = context if isinstance(context, dict) else None
        conversation = context.get("conversation_id") if context else None
        return cls(
            text=text if isinstance(text, str) else "",
            conversation_id=None if conversation in (None, "") else str(conversation),
            context=context,
        )


@dataclass(frozen=True)
class Answer:
    """What goes back to the client."""

    text: str
    handled: bool
    """False for a request there was nothing to answer in (empty text)."""
    intent: str
    technique: str | None
    context: dict[str, Any] | None
    end: bool = False
    """The user said goodbye; the conversation is over."""


def session_factory(catalog: Catalog, matcher: Matcher, drills: tuple[Drill, ...], care: Care,
                    region: str, discreet: bool = False) -> Callable[[], Session]:
    """How every conversation's Session is made: shared content, and the region's crisis lines."""
    def new_session() -> Session:
        return Session(catalog, matcher, drills, care=care, region=region, discreet=discreet)  # REGION

    return new_session


class Coach:
    """Answers requests, keeping one Session per conversation."""

    def __init__(self, catalog: Catalog, new_session: Callable[[], Session], limits: StoreLimits,
                 clock: Callable[[], float] = time.monotonic, discreet: bool = False) -> None:
        self.catalog = catalog
        self._discreet = discreet
        """Send care replies as they are said aloud (naming no service): Assist speaks what it shows."""
        self._new_session = new_session
        self._store: ConversationStore[Session] = ConversationStore(new_session, limits, clock)

    def new_session(self) -> Session:
        """A session for a connection that names no conversation."""
        return self._new_session()

    def answer(self, request: Request, own: Callable[[], Session]) -> Answer:
        """Answer ``request`` in its conversation; ``own`` gives the connection's session when it names none."""
        if not request.text.strip():
            return Answer(self.catalog.responses.unclear, False, "fallback", None, request.context)
        session = self._store.get(request.conversation_id) if request.conversation_id else own()
        reply = session.hear(request.text)
        _LOG.info("conversation %s: %s%s%s", request.conversation_id or "(connection)", reply.intent,
                  f" {reply.technique}" if reply.technique else "", f" (care: {reply.care})" if reply.care else "")
        _LOG.debug("heard %r -> %r", request.text, reply.text)
        if reply.end and request.conversation_id:
            self._store.forget(request.conversation_id)  # "stop": the next request starts afresh
        text = reply.speech if self._discreet and reply.care else reply.text
        return Answer(text, True, reply.intent, reply.technique, request.context, reply.end)
