"""The route explorer's answers as HTML: a verdict, totals, countries, borders, a table, a sentence.

Pure functions of the answers (:class:`geodata.network.RouteResult`,
:class:`geodata.network.ReachResult`) and the language; the table has labelled
columns with units, one row per travel leg, border crossing or change of mode.
"""
from __future__ import annotations

from dash import html

from geodata.dates import PartialDate, end_of_year
from geodata.load import Dataset
from geodata.network import RouteResult, compare_reach, country_name_in, crossing_name, sentence

from . import ids, style
from .i18n import digits, direction, format_date, listed, name_in, name_in_year, status_label, t
from .i18n import number as quantity
from .route_map import BAND_COLOURS, COMPARE_COLOUR, MODE_COLOURS
from .route_text import change_sentence, number, rt


def _place(dataset: Dataset, pid: str, lang: str, year: int | None = None) -> str:
    """The place's name (in ``year``, the name it had then: Poltoratsk for Ashgabat in 1925)."""
    p = dataset.places.get(pid)
    if p is None:
        return pid
    return name_in(p, lang) if year is None else name_in_year(p, year, lang)


def _crossing(dataset: Dataset, record_id: str, a: str, b: str, lang: str, year: int) -> str:
    """A crossing named as a crossing, in the year's names: the border post's record, else its two
    sides (the towns facing each other, or "between A and B" from the catalogue)."""
    return crossing_name(dataset, record_id, a, b, record_name=lambda record: name_in_year(record, year, lang),
                         side_name=lambda pid: _place(dataset, pid, lang, year),
                         between=lambda first, second: rt("between", lang, a=first, b=second))


def arrow(lang: str) -> str:
    """The arrow of reading order: a right-to-left line reads from right to left."""
    return " ← " if direction(lang) == "rtl" else " → "


def _hours(value: float, lang: str) -> str:
    # CLDR's signs and digits for the language (۴٬۰۴۴, ۷٫۵), never a Western comma among Urdu digits
    return quantity(value, lang, decimals=1 if value < 10 else 0)


def _source_button(dataset: Dataset, record_id: str, result: RouteResult, position: int, lang: str):
    record = dataset.by_id[record_id]
    cite = (f"{t('block', lang)} {digits(record.sources[0].block, lang)}" if record.from_text
            else rt("src_context", lang))
    return html.Button(cite, id={"type": ids.SEGMENT_SOURCE, "id": record.id, "n": f"{result.year}-{position}"},
                       className="linklike", title=name_in(record, lang),
                       **{"aria-label": f"{cite}: {name_in(record, lang)}" + (
                           "" if record.from_text else f" ({t('context_badge', lang)})")})


def _stop_text(dataset: Dataset, row, day, lang: str) -> str:
    if row["type"] == "transfer":
        return rt("transfer", lang, a=t(f"mode_{row['from_mode']}", lang), b=t(f"mode_{row['to_mode']}", lang),
                  at=_place(dataset, row["at"], lang, day.year))
    parts = [_crossing(dataset, row["record"], row["at"], row["next"], lang, day.year)]
    if row["kind"]:
        key = "border_international" if row["kind"] == "international" else "border_republic"
        parts.append(rt(key, lang, a=country_name_in(dataset, row["from_country"], day, lang),
                        b=country_name_in(dataset, row["to_country"], day, lang)))
    if row["gauges"]:
        parts.append(rt("gauge", lang, a=row["gauges"][0], b=row["gauges"][1]))
    return rt("semicolon", lang).join(parts)


COLUMNS = ("col_stretch", "col_mode", "col_km", "col_hours", "col_status", "col_source")


def _travel_row(dataset: Dataset, result: RouteResult, row, position: int, lang: str) -> html.Tr:
    status = t(f"st_{row['status']}", lang)
    flagged = row["status"] == "possible" or row["planned"]
    cells = [_place(dataset, row["from"], lang, result.year) + arrow(lang) + _place(dataset, row["to"], lang, result.year),
             html.Span(t(f"mode_{row['mode']}", lang), className=f"mode-chip mode-{row['mode']}"),
             number(row["km"], lang), _hours(row["hours"], lang),
             html.Span(("⚠ " if flagged else "") + status, className="flag" if flagged else None),
             _source_button(dataset, row["record"], result, position, lang)]
    return html.Tr([html.Td(c) for c in cells], className="travel" + (" flagged" if flagged else ""),
                   **{"data-type": "travel", "data-mode": row["mode"], "data-status": row["status"]})


def _stop_row(dataset: Dataset, result: RouteResult, row, lang: str) -> html.Tr:
    """A border crossing or a change of mode: what and where across the row, then its hours."""
    day = end_of_year(result.year)
    label = rt("col_crossing" if row["type"] == "crossing" else "col_transfer", lang)
    return html.Tr([html.Td([html.Strong(label + ": "), _stop_text(dataset, row, day, lang)], colSpan=3),
                    html.Td(_hours(row["hours"], lang)), html.Td(), html.Td()],
                   className=row["type"], **{"data-type": row["type"]})


def _table(dataset: Dataset, result: RouteResult, lang: str) -> html.Table:
    heads = [rt(c, lang, year=result.year) if c == "col_status" else rt(c, lang) for c in COLUMNS]
    rows = [_travel_row(dataset, result, row, i, lang) if row["type"] == "travel"
            else _stop_row(dataset, result, row, lang) for i, row in enumerate(result.legs)]
    return html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in heads])), html.Tbody(rows)],
                      className="route-table")


def why_not(dataset: Dataset, result: RouteResult, lang: str) -> html.Span:
    """Why there is no route: the engine's own diagnosis in English (it names record ids); in another
    language, the links the route would need, by their names of the year, with status and date."""
    if lang == "en":
        return html.Span(result.reason or "", lang="en", dir="ltr")
    a, b = (_place(dataset, pid, lang, result.year) for pid in (result.origin, result.destination))
    if not result.blocked:
        return html.Span(rt("why_unjoined", lang, year=result.year, a=a, b=b))
    links = []
    for block in result.blocked:
        record = dataset.by_id.get(block["record"])
        name = name_in_year(record, result.year, lang) if record else block["record"]
        state = status_label(block["status"], lang) if block["status"] else rt("no_status", lang)
        if block["usable_from"]:
            state = rt("usable_from", lang, status=state, date=format_date(PartialDate.parse(block["usable_from"]), lang))
        links.append(f"{name} ({state})")
    return html.Span(rt("why_blocked", lang, year=result.year, links=listed(links, lang)))


def result_view(dataset: Dataset, result: RouteResult, lang: str, compare: bool = False):
    verdict = result.verdict
    head = html.H3([digits(result.year, lang), ": ",
                    html.Span(rt(f"verdict_{verdict}", lang), className=f"route-{verdict}")],
                   **{"data-found": "true" if result.found else "false", "data-year": str(result.year),
                      "data-verdict": verdict})
    body = [head]
    if not result.found:
        body.append(html.P([html.Strong(t("why", lang) + ": "), why_not(dataset, result, lang)],
                           className="route-reason"))
        return html.Div(body, className="route-one")
    day = end_of_year(result.year)
    body.append(html.P(rt("total", lang, km=number(result.length_km, lang), hours=number(result.hours, lang),
                          days=quantity(result.hours / 24, lang, decimals=1)) + " · " + rt(f"by_{result.by}", lang),
                       className="route-km", **{"data-km": f"{result.length_km:.1f}",
                                                "data-hours": f"{result.hours:.2f}"}))
    body.append(html.P([html.Strong(t("countries", lang) + ": "),
                        arrow(lang).join(country_name_in(dataset, c, day, lang) for c in result.countries)],
                       className="route-countries", **{"data-countries": ",".join(result.countries)}))
    if result.borders:
        body.append(html.P([html.Strong(t("borders", lang) + ": "), rt("semicolon", lang).join(
            f"{_crossing(dataset, b['record'], b['at'], b['next'], lang, day.year)} "
            f"({country_name_in(dataset, b['from'], day, lang)}{arrow(lang)}{country_name_in(dataset, b['to'], day, lang)})"
            for b in result.borders)], className="route-borders"))
    body.append(html.Details([html.Summary(t("segments", lang)),
                              html.Div(_table(dataset, result, lang), className="route-table-wrap")],
                             open=not compare))
    return html.Div(body, className="route-one")


def _swatch(colour: str, dashed: bool = False) -> html.Span:
    return html.Span(className="swatch" + (" dashed" if dashed else ""), style={"borderColor": colour})


def map_key(results: list[RouteResult], reaches: list, network: bool, lang: str, key_id: str = "route-key"):
    """What each line and dot on the map is: the key for the compared years, the reach bands, the network."""
    items = []
    for i, result in enumerate(r for r in results if r.found):
        key = "key_route" if i == 0 else "key_compare"
        items.append(html.Li([_swatch(style.ROUTE_COLOUR if i == 0 else COMPARE_COLOUR, dashed=i > 0),
                              rt(key, lang, year=result.year)], **{"data-year": str(result.year)}))
    if reaches:
        edges = reaches[0].band_edges
        bands = [html.Span([_swatch(BAND_COLOURS[i]), f"≤ {digits(f'{e:g}', lang)}"], className="band")
                 for i, e in enumerate(edges)]
        items.append(html.Li([rt("key_reach", lang, year=reaches[0].year), " ", *bands]))
        if len(reaches) > 1:
            items.append(html.Li(rt("key_reach_compare", lang, year=reaches[1].year)))
    if network:
        items.append(html.Li([_swatch(MODE_COLOURS[m]) for m in MODE_COLOURS] + [" ", rt("network_key", lang)]))
    return html.Ul(items, className="route-key", id=key_id) if items else None


def reach_view(dataset: Dataset, reaches: list, lang: str):
    if not reaches:
        return None
    first = reaches[0]
    lines = [html.P(rt("reach_summary", lang, n=len(r.hours) - 1, hours=f"{r.limit_hours:g}",
                       place=_place(dataset, r.origin, lang, r.year), year=r.year),
                    className="reach-summary", **{"data-year": str(r.year), "data-count": str(len(r.hours) - 1)})
             for r in reaches]
    if len(reaches) == 2:
        before, after = sorted(reaches, key=lambda r: r.year)
        gained = compare_reach(before, after)["gained"]
        text = (rt("reach_gained", lang, after=after.year, before=before.year,
                   places=listed([_place(dataset, p, lang, after.year) for p in gained], lang))
                if gained else rt("reach_nothing_new", lang, after=after.year, before=before.year))
        lines.append(html.P(text, className="reach-gained", **{"data-gained": ",".join(gained)}))
    return html.Div(lines, className="reach-box", **{"data-origin": first.origin})


def _verdict_line(dataset: Dataset, result: RouteResult, lang: str) -> html.P:
    verdict = html.Span(rt(f"verdict_{result.verdict}", lang), className=f"route-{result.verdict}")
    length = (" — " + rt("total", lang, km=number(result.length_km, lang), hours=number(result.hours, lang),
                         days=quantity(result.hours / 24, lang, decimals=1))) if result.found else ""
    return html.P([html.Strong(digits(result.year, lang) + ": "), verdict, length], className="route-verdict",
                  **{"data-year": str(result.year), "data-verdict": result.verdict})


def compare_sentence(dataset: Dataset, before: RouteResult, after: RouteResult, lang: str) -> str:
    """How the journey changed between the two years, the places named as in the first year: the
    engine's English sentence (it says the modes too), else the catalogue's in ``lang``."""
    if lang == "en":
        return sentence(dataset, before, after)
    return change_sentence(before, after, _place(dataset, before.origin, lang, before.year),
                           _place(dataset, before.destination, lang, before.year), lang)


def route_summary(dataset: Dataset, results: list[RouteResult], lang: str) -> list:
    """The explorer's answer in a few lines, for the presenter's caption: the sentence comparing
    the years, each year's verdict and length (earliest first), and the key of the map's lines."""
    parts = []
    if len(results) == 2:
        before, after = sorted(results, key=lambda r: r.year)
        parts.append(html.P(compare_sentence(dataset, before, after, lang), className="route-sentence"))
    parts += [_verdict_line(dataset, r, lang) for r in sorted(results, key=lambda r: r.year)]
    key = map_key(results, [], False, lang, key_id="tour-route-key")
    return parts + ([key] if key is not None else [])


def results_view(dataset: Dataset, results: list[RouteResult], lang: str, reaches: list = (),
                 network: bool = False, problem: str | None = None):
    """Everything the explorer answers: a problem with the input, the sentence, each year, the reach, the key."""
    if problem:
        return html.P(rt("bad_input", lang, message=problem), className="route-problem", role="alert")
    parts = []
    if len(results) == 2:
        before, after = sorted(results, key=lambda r: r.year)
        parts.append(html.P(compare_sentence(dataset, before, after, lang), className="route-sentence"))
    parts += [result_view(dataset, r, lang, compare=i > 0) for i, r in enumerate(results)]
    parts.append(reach_view(dataset, list(reaches), lang))
    parts.append(map_key(results, list(reaches), network, lang))
    parts = [p for p in parts if p is not None]
    return html.Div(parts, className="route-compare" if len(results) == 2 else "route-single") if parts else None
