"""The languages the interface speaks: one registry line and one gettext catalogue each.

``locale/languages.csv`` is the registry: one line per language with its code (a CLDR locale that
Babel knows), its name in itself, its writing direction, the CLDR numbering system whose digits
it is shown in, the CSS font stack its text is set in, and the size in px of its names on the map
(Nastaliq needs more than Latin or Naskh to be read at the same distance).

``locale/<domain>.pot`` holds the English source strings; ``locale/<code>/LC_MESSAGES/<domain>.po``
a language's translations, in the form every translator's tool (Poedit, Weblate, Lokalize,
``msgmerge``) reads and writes. Two domains:

- ``messages``: the interface. ``msgctxt`` is a stable key (``t("close", lang)``), ``msgid`` the
  English, ``msgstr`` the translation.
- ``data``: text from the data files (record names and notes, place notes, tour captions, the
  route questions) for the languages the data files themselves do not carry. ``msgctxt`` is the
  id of the record, place, scene (``tour:<id>``) or question (``question:<id>``), ``msgid`` the
  English text as the data has it. When the English in the data changes, the old translation no
  longer matches and the page says there is no translation yet instead of showing a stale one.

The ``.po`` files are read with Babel once, when this module is imported; nothing is compiled, so
there is no ``.mo`` build step to forget. A fuzzy or empty ``msgstr`` counts as untranslated.
``MAP_LOCALE_DIR`` points the app at another folder of the same shape (the tests use it).
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(os.environ.get("MAP_LOCALE_DIR") or Path(__file__).resolve().parent.parent / "locale")
SOURCE_LANGUAGE = "en"
DOMAINS = ("messages", "data")
REGISTRY_COLUMNS = ("code", "name", "direction", "numbering", "font", "label_px")
LABEL_PX_RANGE = (9, 24)
FONT_STACK = re.compile(r"[\w '\",-]+")   # it is written into a stylesheet: nothing that could end a rule
# Babel 2.19 knows each numbering system's symbols (CLDR ``symbols``) but not its digits (CLDR
# ``numberingSystems.xml``), so the digits of the systems we can show are written out here.
NUMBERING_DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "deva": "०१२३४५६७८९",
    "beng": "০১২৩৪৫৬৭৮৯",
}


class LanguageError(ValueError):
    """The registry or a catalogue cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str          # the language's name in itself, as the language switch shows it
    direction: str     # "ltr" or "rtl"
    numbering: str     # CLDR numbering system id: "latn", "arabext", ...
    font: str          # CSS font-family stack
    label_px: int      # font size of a place's name on the map (a country's is 4 px larger)

    @property
    def digit_table(self) -> dict[int, str]:
        return str.maketrans("0123456789", NUMBERING_DIGITS[self.numbering])


def _language_from_row(row: dict, where: str) -> Language:
    missing = [c for c in REGISTRY_COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise LanguageError(f"{where}: empty {', '.join(missing)}")
    values = {c: row[c].strip() for c in REGISTRY_COLUMNS}
    low, high = LABEL_PX_RANGE
    if not (values["label_px"].isdigit() and low <= int(values["label_px"]) <= high):
        raise LanguageError(f"{where}: label_px must be a whole number of px from {low} to {high}, "
                            f"not {values['label_px']!r}")
    lang = Language(**{**values, "label_px": int(values["label_px"])})
    if lang.direction not in ("ltr", "rtl"):
        raise LanguageError(f"{where}: direction must be 'ltr' or 'rtl', not {lang.direction!r}")
    if not FONT_STACK.fullmatch(lang.font):
        raise LanguageError(f"{where}: font must be a CSS font-family list (letters, digits, spaces, commas, "
                            f"hyphens, quotes), not {lang.font!r}")
    if lang.numbering not in NUMBERING_DIGITS:
        raise LanguageError(f"{where}: numbering {lang.numbering!r} is not one of {', '.join(NUMBERING_DIGITS)}")
    try:
        Locale.parse(lang.code)
    except (UnknownLocaleError, ValueError):
        raise LanguageError(f"{where}: {lang.code!r} is not a locale Babel (CLDR) knows") from None
    return lang


def read_registry(locale_dir: Path) -> tuple[Language, ...]:
    path = locale_dir / "languages.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != REGISTRY_COLUMNS:
                raise LanguageError(f"{path}: the header must be {','.join(REGISTRY_COLUMNS)}")
            languages = tuple(_language_from_row(row, f"{path} line {reader.line_num}") for row in reader)
    except OSError as exc:
        raise LanguageError(f"{path}: cannot read the language registry ({exc.strerror})") from None
    codes = [lang.code for lang in languages]
    if len(set(codes)) != len(codes) or SOURCE_LANGUAGE not in codes:
        raise LanguageError(f"{path}: codes must be unique and include {SOURCE_LANGUAGE!r}; found {codes}")
    return languages


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    try:
        with path.open("rb") as f:
            return read_po(f, locale=locale, abort_invalid=True)
    except OSError as exc:
        raise LanguageError(f"{path}: cannot read the catalogue ({exc.strerror})") from None
    except Exception as exc:   # Babel's PoFileError and the parse errors under it
        raise LanguageError(f"{path}: not a readable .po file: {exc}") from None


def translations(catalog: Catalog) -> Mapping[tuple[str | None, str], str]:
    """(msgctxt, msgid) -> msgstr for every entry that is translated and not fuzzy."""
    return MappingProxyType({(m.context, m.id): m.string for m in catalog
                             if m.id and isinstance(m.string, str) and m.string and not m.fuzzy})


def source_strings(locale_dir: Path) -> Mapping[str, str]:
    """The interface's English strings by key, from the ``messages`` template."""
    template = read_catalog(locale_dir / "messages.pot")
    return MappingProxyType({m.context: m.id for m in template if m.id})


@dataclass(frozen=True)
class Catalogues:
    """Everything read from one locale folder: the registry, the English, the translations."""
    languages: Mapping[str, Language]
    english: Mapping[str, str]
    domains: Mapping[tuple[str, str], Mapping]   # (language, domain) -> translations

    @classmethod
    def load(cls, locale_dir: Path = LOCALE_DIR) -> "Catalogues":
        languages = read_registry(locale_dir)
        domains = {}
        for lang in languages:
            if lang.code == SOURCE_LANGUAGE:
                continue
            for domain in DOMAINS:
                path = locale_dir / lang.code / "LC_MESSAGES" / f"{domain}.po"
                if domain == "messages" or path.exists():
                    domains[(lang.code, domain)] = translations(read_catalog(path, lang.code))
        return cls(MappingProxyType({lang.code: lang for lang in languages}), source_strings(locale_dir),
                   MappingProxyType(domains))

    def lookup(self, lang: str, domain: str, context: str | None, english: str) -> str | None:
        return self.domains.get((lang, domain), {}).get((context, english))
