"""Reading data files: UTF-8 text, strict JSON, and the characters a text field may hold.

JSON is read strictly: an object with a key given twice is an error (the standard
library would silently keep the last one), NaN and Infinity are refused, and every
string is checked for control and bidirectional-override characters, which would
hide or reorder what a reader sees (a name could display as something else).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterator

from .problems import Problem

# C0/C1 controls (newline and tab included: no field is multi-line), and the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).  Not ZWNJ/ZWJ
# (U+200C/U+200D): Urdu and Persian spelling needs them (places.csv has six ZWNJ).
# Not LRM/RLM either: they only mark direction, they cannot reorder text.
FORBIDDEN_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

Path_ = tuple  # a path into parsed JSON: keys and list indexes
Locate = Callable[[object, Path_], tuple[str, str]]


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, "", "", f"cannot be read ({exc.strerror or exc})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(label, "", "", f"is not UTF-8 (bad byte at offset {exc.start}); save it as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem(label, "", "", "is empty"))
        return None
    return text


class _Object(dict):
    """A parsed JSON object that remembers the keys it was given more than once."""
    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, object]]) -> dict:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))
    return obj


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(text: str) -> object:
    """Parse JSON, remembering duplicated keys (see :func:`json_defects`); raises ValueError."""
    return json.loads(text, object_pairs_hook=_pairs, parse_constant=_refuse_constant)


def json_defects(value: object, at: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(where, what) for every duplicated key and every string holding a forbidden character."""
    if isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            yield at + (key,), "is given more than once in the same object; keep one"
        for key, item in value.items():
            yield from json_defects(item, at + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from json_defects(item, at + (i,))
    elif isinstance(value, str):
        message = text_defect(value)
        if message:
            yield at, message


def text_defect(text: str) -> str | None:
    found = FORBIDDEN_CHARS.search(text)
    if not found:
        return None
    return (f"holds the invisible character U+{ord(found.group()):04X} at position {found.start()}: "
            "control and bidirectional-override characters are not allowed in text")


def field_path(path: Path_) -> str:
    """("stages", 0, "start") -> "stages[0].start"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate_in_list(list_key: str | None) -> Locate:
    """For files holding a list of items with ids (under ``list_key``): the item's id and the field."""
    def locate(data: object, path: Path_) -> tuple[str, str]:
        rest = path
        items = data
        if list_key is not None and path[:1] == (list_key,):
            items, rest = data.get(list_key), path[1:]
        if rest and isinstance(rest[0], int) and isinstance(items, list):
            item = items[rest[0]]
            rid = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            return rid or f"item {rest[0]}", field_path(rest[1:])
        return "", field_path(path)
    return locate


def read_json(path: Path, label: str, problems: list[Problem], locate: Locate | None = None) -> object | None:
    """The parsed file, or None (with a problem noted) if it is not strict, clean JSON."""
    text = read_text(path, label, problems)
    if text is None:
        return None
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, "", f"line {exc.lineno} column {exc.colno}", f"is not valid JSON: {exc.msg}"))
        return None
    except (ValueError, RecursionError) as exc:
        problems.append(Problem(label, "", "", f"is not valid JSON: {exc}"))
        return None
    locate = locate or (lambda _data, at: ("", field_path(at)))
    before = len(problems)
    for at, message in json_defects(data):
        record, field = locate(data, at)
        problems.append(Problem(label, record, field, message))
    return data if len(problems) == before else None
