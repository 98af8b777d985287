"""Small helpers shared by the readers."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping


def freeze(value: object) -> object:
    """A read-only copy of parsed JSON: objects become read-only mappings, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value
