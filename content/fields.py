"""Read a TOML content file and its fields, so every loader reports problems the same way."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

from content.errors import ContentError


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; ContentError names it when missing, unreadable or not TOML."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(path, "", "file is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, "", f"not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(path, "", f"cannot be read ({error})") from None


def text(doc: dict[str, Any], key: str, path: Path, where: str = "") -> str:
    """A required non-empty string; ``where`` prefixes the key in errors ("quotes[0].")."""
    value = doc.get(key)
    if value is None:
        raise ContentError(path, where + key, "missing key")
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, where + key, f"must be a non-empty string, got {value!r}")
    return value.strip()


def texts(doc: dict[str, Any], key: str, path: Path, where: str = "", allow_empty: bool = False) -> tuple[str, ...]:
    """A required list of non-empty strings (empty only when ``allow_empty``)."""
    value = doc.get(key)
    if value is None:
        raise ContentError(path, where + key, "missing key")
    if not isinstance(value, list) or not (value or allow_empty):
        raise ContentError(path, where + key, "must be a non-empty list of strings")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ContentError(path, f"{where}{key}[{index}]", f"must be a non-empty string, got {item!r}")
    return tuple(item.strip() for item in value)


def text_table(path: Path, shape: type[T]) -> T:
    """A file of named lines (every key a non-empty string) as the frozen dataclass ``shape``:
    every field required, no unknown key, both named in the error."""
    doc = read_toml(path)
    names = shape.__dataclass_fields__  # type: ignore[attr-defined]
    for key in doc:
        if key not in names:
            raise ContentError(path, key, f"unknown key; known: {', '.join(names)}")
    return shape(**{name: text(doc, name, path) for name in names})
