"""The interface in every registered language: strings, numbers, dates, and text from the data.

Languages and their strings are data (see :mod:`dashboard.languages`): ``locale/languages.csv``
lists them, ``locale/<code>/LC_MESSAGES/*.po`` translate them. Numbers and dates are formatted by
Babel from CLDR, in the digits of the language's numbering system (Urdu and Persian: ۰۱۲…).
"""
from __future__ import annotations

import datetime as _dt
import decimal

from babel.dates import format_date as _babel_date
from babel.lists import format_list
from babel.numbers import format_decimal

from geodata.dates import PartialDate, end_of_year

from .languages import SOURCE_LANGUAGE, Catalogues, Language

CATALOGUES = Catalogues.load()
LANGUAGES: tuple[Language, ...] = tuple(CATALOGUES.languages.values())
LANGS: tuple[str, ...] = tuple(CATALOGUES.languages)
DEFAULT_LANG = SOURCE_LANGUAGE
STRINGS = CATALOGUES.english   # key -> English; every catalogue translates these keys


def language(lang: str) -> Language:
    """The registry entry of ``lang``; an unknown code gets the source language's."""
    return CATALOGUES.languages.get(lang) or CATALOGUES.languages[DEFAULT_LANG]


def known_language(code: object) -> str | None:
    """``code`` if it names a registered language (as in ``?lang=``), else None."""
    return code if isinstance(code, str) and code in CATALOGUES.languages else None


def direction(lang: str) -> str:
    return language(lang).direction


def language_options() -> list[dict]:
    """The language switch: each language by its name in itself, in the registry's order."""
    return [{"label": lang.name, "value": lang.code} for lang in LANGUAGES]


def t(key: str, lang: str) -> str:
    english = STRINGS[key]
    return CATALOGUES.lookup(lang, "messages", key, english) or english


def digits(value: object, lang: str) -> str:
    """``value`` as written (a year, a block number), its digits in the language's numerals."""
    return str(value).translate(language(lang).digit_table)


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A quantity with the locale's grouping and decimal signs (CLDR), in the language's numerals."""
    lang_ = language(lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    quantity = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP)
    text = format_decimal(quantity, format=pattern, locale=lang_.code, numbering_system=lang_.numbering)
    return text.translate(lang_.digit_table)


def listed(items: list[str], lang: str) -> str:
    """Items as a list in the language (CLDR: "a, b, and c"; Urdu "a، b، اور c")."""
    return format_list(list(items), locale=language(lang).code) if items else ""


def format_date(date: PartialDate | None, lang: str) -> str:
    """A partial date to its own precision ('1991', 'November 1991', '12 May 1996'), month names from CLDR."""
    if date is None:
        return t("ongoing", lang)
    key = "date_day" if date.day else "date_month" if date.month else "date_year"
    day = _dt.date(date.year, date.month or 1, date.day or 1)
    return digits(_babel_date(day, t(key, lang), locale=language(lang).code), lang)


def status_label(status: str | None, lang: str) -> str:
    return t(f"st_{status}", lang) if status and f"st_{status}" in STRINGS else (status or "")


# --------------------------------------------------------------------------- text from the data

def data_text(context: str, english: str, lang: str) -> str | None:
    """The translation of a text from the data files (``context`` = the id of what it belongs to).

    None when ``lang`` has none yet (the caller then says so and shows the English).
    """
    if lang == DEFAULT_LANG:
        return english
    return CATALOGUES.lookup(lang, "data", context, english)


QUOTE_LANG = "ur"   # the language the text is quoted in (sources.json "language")


def gloss_wanted(lang: str) -> bool:
    """A quotation's gloss is for readers of other languages: the page in the quotation's own
    language shows the quotation alone."""
    return lang != QUOTE_LANG


def name_in(thing, lang: str) -> str:
    """The name of a record or place in ``lang``: the data's own, else the catalogue's, else English."""
    own = thing.names.as_dict().get(lang)
    return own or data_text(thing.id, thing.names.en, lang) or thing.names.en


def name_in_year(thing, year: int, lang: str) -> str:
    """The name a record or place had in ``year`` (its dated name then, from the data model's
    ``name_at``: geodata.query.name_in_year), in ``lang``; where that period has no name in
    ``lang``, the catalogue's translation of its English, else the English. The one rule for every
    name the map, the details, the route explorer and the exports show for a year."""
    names = thing.name_at(end_of_year(int(year)))
    own = names.as_dict().get(lang)
    return own or data_text(thing.id, names.en, lang) or names.en


def text_in(context: str, english: str, lang: str) -> tuple[str, str]:
    """(text, language of the text): the translation if there is one, else the English."""
    translated = data_text(context, english, lang)
    return (translated, lang) if translated else (english, DEFAULT_LANG)


def in_language(texts, context: str, lang: str) -> str:
    """A text the data gives as a language map ({"en": ..., "ur": ...}): its own ``lang``, else the
    catalogue's translation of its English, else the English."""
    return texts.get(lang) or data_text(context, texts["en"], lang) or texts["en"]


def names_by_language(thing, year: int | None = None) -> dict[str, str]:
    """A record's or place's name in every registered language that has one (for exports); with a
    year, the names it had then (name_in_year's rule)."""
    names = thing.names if year is None else thing.name_at(end_of_year(int(year)))
    out = {}
    for code in LANGS:
        own = names.as_dict().get(code) or data_text(thing.id, names.en, code)
        if own:
            out[code] = own
    return out
