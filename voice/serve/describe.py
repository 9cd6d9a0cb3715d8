"""The answer to `describe`: one intent-handling program, English, credited to the article."""

from __future__ import annotations

from wyoming.info import Attribution, HandleModel, HandleProgram, Info

from content.catalog import Catalog
from voice import __version__

PUBLISHER = "Bustle"
PUBLISHER_URL = "https://www.bustle.com"
"""Where the article was published; the advice is retold from it, quotes credited to each expert."""


def coach_info(catalog: Catalog) -> Info:
    """What Home Assistant shows for this service."""
    # the program and its one model are described alike: same credit, installed, version
    shared = {"attribution": Attribution(name=f"{catalog.source} ({PUBLISHER})", url=PUBLISHER_URL),
              "installed": True, "version": __version__}
    model = HandleModel(name="openup-coach",
                        description="Eleven ways to get your partner to open up: tips, the experts' words, practice",
                        languages=["en"], **shared)
    program = HandleProgram(name="openup", description="Open Up: an offline coach for getting your partner to open up",
                            models=[model], **shared)
    return Info(handle=[program])
