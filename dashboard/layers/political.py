"""The political units of the chosen year (geodata/dated: units.json, built into units.geojson).

Each unit standing on 31 December of the year is filled by its status (legend); the USSR is its
outline around its republics, drawn under them; a unit inside another (an ASSR in a union
republic) is drawn on top of it. Every extent is reconstructed from today's divisions and
approximate: the hover says so, the legend says so, and the map carries the borders line
(layers/borders_note.py). A click opens the unit's details (``unit-<id>``, dashboard/dated_details.py).
"""
from __future__ import annotations

from geodata.dated.layers import load_layer
from geodata.dates import PartialDate

from .. import style
from ..escape import plotly_text
from ..i18n import digits, direction, format_date, t
from . import _dated, _legend
from ._base import Layer, MapState

FILL = {
    "iran": "#F7D774",                      # Iran, the text's subject
    "independent_state": "#D2EBC2",         # pale green
    "protectorate_or_khanate": "#E9D3B0",   # tan
    "peoples_soviet_republic": "#F2C0A8",   # salmon
    "provisional_government": "#D9D9D9",    # grey
    "soviet_republic": "#F0C9DE",           # pink
    "union_republic": "#D3C0E6",            # lavender
    "autonomous_republic": "#C9E4E0",       # pale teal
    "autonomous_oblast": "#F5E0F0",         # very pale magenta
    "union": "rgba(0,0,0,0)",               # the USSR: outline only
}
ORDER = tuple(FILL)
UNION_LINE = {"color": "#7A1F1F", "width": 3.2}
BORDER = {"color": style.BORDER_COLOUR, "width": 0.8}
# The text's own record of the country each unit became (its passages open from the unit's details).
TEXT_RECORD = {**dict.fromkeys(("turkmen-ssr", "turkmenistan"), "polity-tkm"),
               **dict.fromkeys(("uzbek-ssr", "uzbekistan"), "polity-uzb"),
               **dict.fromkeys(("tajik-ssr", "tajikistan"), "polity-tjk"),
               **dict.fromkeys(("kirghiz-ssr", "kyrgyzstan"), "polity-kgz"),
               **dict.fromkeys(("kazakh-ssr", "kazakhstan"), "polity-kaz"),
               **dict.fromkeys(("azerbaijan-ssr", "azerbaijan"), "polity-aze"),
               **dict.fromkeys(("armenian-ssr", "armenia"), "polity-arm"),
               **dict.fromkeys(("georgian-ssr", "georgia"), "polity-geo"),
               **dict.fromkeys(("ukrainian-ssr", "ukraine"), "polity-ukr"),
               **dict.fromkeys(("rsfsr", "russia"), "polity-rus")}


def fill_key(props) -> str:
    return "iran" if props["unit"] == "iran" else props["status"]


def _colourscale() -> list:
    n = len(ORDER)
    scale = []
    for i, key in enumerate(ORDER):
        scale += [[i / n, FILL[key]], [(i + 1) / n, FILL[key]]]
    return scale


def hover_text(props, names: dict, lang: str) -> str:
    """Name and status since its date (and the unit it was part of), then that a click opens its
    sources, as every feature's tooltip says (layers/_hover.py)."""
    status = t(f"st_{props['status']}", lang)
    since = props.get("stage_start") or props.get("start")
    if since:
        when = t("hover_since", lang).format(date=format_date(PartialDate.parse(since), lang))
        status = t("hover_status", lang).format(status=status, when=when)
    parent = names.get(props.get("parent"))
    line = f"{props.get(f'name_{lang}') or props['name_en']} — {status}"
    if parent:
        line += f" ({t('part_of', lang).format(parent=parent)})"
    # that every extent is approximate: the borders line and the legend
    return f"{plotly_text(line)}<br><i>{plotly_text(t('hover_click', lang))}</i>"


def traces(dataset, state: MapState) -> list[dict]:
    key = (_dated.ids_in("units", state.year), state.lang, _dated.steady_run("units", state.year, *dataset.years))
    return _drawn(key, dataset, state)


@_dated.memo
def _drawn(dataset, state: MapState) -> list[dict]:
    feats = _dated.outermost_first(_dated.features("units", state.year))
    names = {f.props["unit"]: f.props.get(f"name_{state.lang}") or f.props["name_en"] for f in feats}
    union = [f.props["status"] == "union" for f in feats]
    return [{
        "type": "choropleth", "geojson": _dated.URL.format(name="units"), "featureidkey": "properties.id",
        "locations": [f.props["id"] for f in feats],
        "z": [ORDER.index(fill_key(f.props)) for f in feats], "zmin": 0, "zmax": len(ORDER),
        "colorscale": _colourscale(), "showscale": False,
        "marker": {"line": {"color": [UNION_LINE["color"] if u else BORDER["color"] for u in union],
                            "width": [UNION_LINE["width"] if u else BORDER["width"] for u in union]}},
        "text": [hover_text(f.props, names, state.lang) for f in feats],
        "customdata": [_dated.UNIT_PREFIX + f.props["unit"] for f in feats],
        "hovertemplate": "%{text}<extra></extra>", "name": t("layer_political", state.lang),
        "meta": {"role": "units", "units": [f.props["unit"] for f in feats]}, "showlegend": False,
    }]


def caption(dataset, state: MapState) -> str:
    """The map's caption line of this layer: what the borders drawn are (written in a corner of the
    map, not at a place: on a phone's narrow map a place can be out of view)."""
    return plotly_text(borders_line(dataset, state.year, state.lang))


def borders_line(dataset, year: int, lang: str) -> str:
    """"Borders of 1925, ..." or, where they held unchanged for several years, "Borders of 1937–1939, ..."."""
    first, last = _dated.steady_run("units", year, *dataset.years)
    years = digits(first, lang) if first == last else f"{digits(first, lang)}–{digits(last, lang)}"
    line = t("borders_line", lang).format(year=years)
    # SVG text is laid out left to right: a right-to-left line starting with digits needs its
    # direction said (U+200F RIGHT-TO-LEFT MARK), or the year lands at the wrong end.
    return "\u200f" + line if direction(lang) == "rtl" else line


def change_years(dataset) -> set[int]:
    return _dated.change_years("units", *dataset.years)


def _legend_entries() -> tuple:
    shown = ("iran", "independent_state", "protectorate_or_khanate", "peoples_soviet_republic",
             "provisional_government", "soviet_republic", "union_republic", "autonomous_republic",
             "autonomous_oblast")
    return (*(_legend.fill(FILL[k], "st_iran" if k == "iran" else f"st_{k}") for k in shown),
            _legend.line(UNION_LINE["color"], "union_outline"),
            _legend.line(style.BORDER_COLOUR, "approx_extent"))


LAYER = Layer("political", "layer_political", True, traces, legend=_legend_entries(), kinds=("polity",),
              changes=change_years, caption=caption)

# Every unit the layer can draw, for links and clicks (``unit-<id>``).
UNIT_IDS = frozenset(_dated.UNIT_PREFIX + f.props["unit"] for f in load_layer("units"))
