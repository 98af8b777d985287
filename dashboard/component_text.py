"""The text that Dash's and Plotly's own components write, in the page's language.

Each library has its own way in, and each way is fed from the catalogues (``messages``):

- Dash 4's ``dcc.Dropdown`` takes a ``labels`` prop (its search box's placeholder, "Clear
  selection", "No options found", ...): :func:`dropdown_labels`.
- plotly.js takes a locale in the graph's config (``locale`` + ``locales``, the same dictionary
  ``Plotly.register`` would take, so nothing is fetched): :func:`graph_config`.
- Dash 4's sliders (Radix: "Minimum", "Maximum" on a range's thumbs) and number inputs ("Decrease
  value", "Increase value" on their steppers) have no prop for these names. The page carries their
  translations in every language (:func:`widget_labels_json`, on the app root) and
  ``assets/widget_labels.js`` puts them in place as the components render and after a switch.
"""
from __future__ import annotations

import json
import unicodedata

from .i18n import LANGUAGES, digits, number, t

# Dash's key -> our catalogue key.
DROPDOWN_KEYS = {"search": "dd_search", "clear_search": "dd_clear_search", "clear_selection": "dd_clear_selection",
                 "no_options_found": "dd_no_options", "select_all": "dd_select_all", "deselect_all": "dd_deselect_all",
                 "selected_count": "dd_selected_count"}

# plotly.js's English (its dictionary's keys) -> our catalogue key; the modebar of our map and its messages.
PLOTLY_KEYS = {"Download plot as a PNG": "pl_download_png", "Download plot": "pl_download", "Pan": "pl_pan",
               "Zoom in": "pl_zoom_in", "Zoom out": "pl_zoom_out", "Reset": "pl_reset", "Reset view": "pl_reset_view",
               "Zoom": "pl_zoom", "Autoscale": "pl_autoscale", "Reset axes": "pl_reset_axes",
               "Sorry, there was a problem downloading your image!": "pl_download_failed",
               "Double-click to zoom back out": "pl_double_click"}

# What Dash's slider and number input write in English -> our catalogue key.
WIDGET_KEYS = {"Minimum": "wd_minimum", "Maximum": "wd_maximum", "Decrease value": "wd_decrease",
               "Increase value": "wd_increase"}


def dropdown_labels(lang: str) -> dict:
    """``dcc.Dropdown(labels=...)`` in ``lang`` ("{num_selected}" is Dash's placeholder: kept)."""
    return {dash_key: t(key, lang) for dash_key, key in DROPDOWN_KEYS.items()}


def plotly_locale(lang: str) -> dict:
    """A plotly.js locale: its dictionary, and the decimal and group signs of the language (CLDR)."""
    sample = number(1234.5, lang, decimals=1)     # e.g. 1,234.5 / ۱٬۲۳۴٫۵
    return {"dictionary": {english: t(key, lang) for english, key in PLOTLY_KEYS.items()},
            "format": {"decimal": sample[-2], "thousands": sample[1]}}


def graph_config(base: dict, lang: str) -> dict:
    """The map's config with plotly.js speaking ``lang`` (English is plotly.js's own)."""
    if lang == "en":
        return dict(base)
    return {**base, "locale": lang, "locales": {lang: plotly_locale(lang)}}


def widget_labels_json() -> str:
    """{lang: {Dash's English: translation}} for assets/widget_labels.js, every language at once."""
    return json.dumps({lang.code: {english: t(key, lang.code) for english, key in WIDGET_KEYS.items()}
                       for lang in LANGUAGES}, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------- numbers typed in a box

# Decimal and group signs a reader may type besides "." (CLDR's arabext: ٫ U+066B and ٬ U+066C).
_DECIMAL_SIGNS = {"٫": ".", "/": "."}
_GROUP_SIGNS = ("٬", ",", " ")


def input_number(value, lang: str) -> str:
    """A number for a text box, in the language's digits (1996 -> ۱۹۹۶; 0.5 -> ۰٫۵); None -> ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = digits(value, lang)
    decimal = number(0.5, lang, decimals=1)[1]      # the language's decimal sign (CLDR)
    return text.replace(".", decimal)


def read_number(value):
    """What a reader typed in a number box, as a number: digits of any script (Python reads every
    Unicode decimal digit), the Arabic decimal and group signs. Anything else is returned as it
    was, for the checks downstream to name; '' and None are None."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    for sign, ascii_sign in _DECIMAL_SIGNS.items():
        text = text.replace(sign, ascii_sign)
    for sign in _GROUP_SIGNS:
        text = text.replace(sign, "")
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return value
