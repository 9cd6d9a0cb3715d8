"""Conversations kept by id: each forgotten after idle time, and only so many kept.

Plain data structure with an injected clock, so expiry is tested without
sleeping. Entries are ordered by last use, oldest first, which makes both
idle expiry and least-recently-used eviction a walk from the front.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class StoreLimits:
    """How long and how many conversations are remembered."""

    idle_timeout: float = 300.0
    """Seconds without a request after which a conversation is forgotten."""
    max_conversations: int = 1000
    """Most conversations kept at once; the least recently used goes first."""

    def __post_init__(self) -> None:
        if self.idle_timeout <= 0 or self.max_conversations < 1:
            raise ValueError("idle timeout must be positive and at least one conversation kept")


class ConversationStore(Generic[T]):
    """Maps a conversation id to its state, made by ``new`` on first use."""

    def __init__(self, new: Callable[[], T], limits: StoreLimits,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._new = new
        self._limits = limits
        self._clock = clock
        self._entries: OrderedDict[str, tuple[T, float]] = OrderedDict()
        """id -> (state, last use in clock seconds), least recently used first."""

    def get(self, conversation_id: str) -> T:
        """The conversation's state, new if it was never seen, expired or evicted."""
        now = self._clock()
        self._expire(now)
        entry = self._entries.pop(conversation_id, None)
        state = entry[0] if entry else self._new()
        while len(self._entries) >= self._limits.max_conversations:
            self._entries.popitem(last=False)
        self._entries[conversation_id] = (state, now)
        return state

    def forget(self, conversation_id: str) -> None:
        """Drop a conversation now (it ended)."""
        self._entries.pop(conversation_id, None)

    def __len__(self) -> int:
        self._expire(self._clock())
        return len(self._entries)

    def __contains__(self, conversation_id: object) -> bool:
        self._expire(self._clock())
        return conversation_id in self._entries

    def _expire(self, now: float) -> None:
        oldest = now - self._limits.idle_timeout
        while self._entries and next(iter(self._entries.values()))[1] <= oldest:
            self._entries.popitem(last=False)
