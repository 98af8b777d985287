"""The route explorer's sentences, from the interface catalogue like every other string.

Its strings are in ``locale/messages.pot`` and each language's ``messages.po`` under keys that
start with ``rt_`` (``rt_total``, ``rt_sentence_change``, ...), so a translator finds them with the
rest and a language needs nothing here. :func:`rt` takes the key without the prefix; a key that is
not the explorer's own comes from the page's strings.
"""
from __future__ import annotations

from .i18n import STRINGS, digits, t
from .i18n import number as i18n_number

PREFIX = "rt_"


def rt(key: str, lang: str, **values) -> str:
    """A route string in ``lang``, formatted, its numbers in the language's digits."""
    text = t(PREFIX + key, lang) if PREFIX + key in STRINGS else t(key, lang)
    return text.format(**{k: digits(v, lang) for k, v in values.items()}) if values else text


def number(value: float, lang: str) -> str:
    """A whole quantity with CLDR's group sign of the language (۴٬۰۴۴, not ۴,۰۴۴)."""
    return i18n_number(value, lang)


def change_sentence(before, after, a: str, b: str, lang: str) -> str:
    """The two-year sentence of :func:`geodata.network.sentence`, in ``lang`` (numbers as there)."""
    y0, y1 = before.year, after.year
    if not before.found and not after.found:
        return rt("sentence_none_both", lang, a=a, b=b, y0=y0, y1=y1)
    if not before.found:
        return rt("sentence_new", lang, a=a, b=b, y0=y0, y1=y1, km1=number(after.length_km, lang),
                  h1=number(after.hours, lang))
    if not after.found:
        return rt("sentence_gone", lang, a=a, b=b, y0=y0, y1=y1, km0=number(before.length_km, lang),
                  h0=number(before.hours, lang))
    dkm, dh = after.length_km - before.length_km, after.hours - before.hours
    if abs(dkm) < 0.5 and abs(dh) < 0.5:
        return rt("sentence_same", lang, a=a, b=b, y0=y0, y1=y1, km1=number(after.length_km, lang),
                  h1=number(after.hours, lang))
    return rt("sentence_change", lang, a=a, b=b, y0=y0, y1=y1, dkm=number(abs(dkm), lang), dh=number(abs(dh), lang),
              kmword=rt("shorter" if dkm < 0 else "longer", lang), hword=rt("faster" if dh < 0 else "slower", lang),
              km1=number(after.length_km, lang), h1=number(after.hours, lang), km0=number(before.length_km, lang),
              h0=number(before.hours, lang))
