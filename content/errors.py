"""The one error content loading raises, naming the file and the key."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file is missing, unreadable, or has a bad or missing key."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = Path(path)
        self.key = key
        self.problem = problem
        where = f"{self.path.name}: {key}" if key else self.path.name
        super().__init__(f"content file {where}: {problem} (fix {self.path})")
