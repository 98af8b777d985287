"""A language map: one human-readable text in several languages, read-only.

Every human-readable field of the data is one of these (names, glosses, notes,
captions, questions), keyed by the language codes of :data:`geodata.schema.LANGUAGES`,
so a new language is new keys in the data, not a change to the model.
"""
from __future__ import annotations

from typing import Iterator, Mapping


class LangText(Mapping[str, str]):
    """``{"en": ..., "ur": ...}``, read-only; ``text.en`` is None where missing, ``text.in_lang(lang)``
    falls back to English; ``get`` is the plain mapping one (None where missing), so a caller can
    tell "no text in this language" from "the English"."""

    __slots__ = ("_items",)
    FALLBACK = "en"

    def __init__(self, items: Mapping[str, str] | None = None, **more: str):
        object.__setattr__(self, "_items", {k: v for k, v in {**(items or {}), **more}.items() if v})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a LangText is read-only")

    def __getitem__(self, lang: str) -> str:
        return self._items[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"LangText({self._items!r})"

    def __getattr__(self, lang: str) -> str | None:
        # text.en, text.ur, text.fa ...: None where the language is missing.
        if lang.startswith("_"):
            raise AttributeError(lang)
        return self._items.get(lang)

    def in_lang(self, lang: str) -> str | None:
        """The text in ``lang``, else the English (every map the data holds has English)."""
        return self._items.get(lang) or self._items.get(self.FALLBACK)

    def as_dict(self) -> dict[str, str]:
        return dict(self._items)


def lang_text(value: object) -> LangText | None:
    """A LangText from a parsed map (``None`` stays ``None``)."""
    if value is None:
        return None
    return value if isinstance(value, LangText) else LangText(dict(value))
