"""What a feature's tooltip says: its name, its status in the chosen year with the date that
status began, and that a click opens its source.

The text is Plotly pseudo-HTML: each part from the data is escaped (dashboard/escape.py) and the
parts are joined by ``<br>``, so no name can add markup. The renderer (dashboard/render.py) carries
it per record as the group's hover text.
"""
from __future__ import annotations

from ..escape import plotly_text
from ..i18n import format_date, status_label, t
from ._base import MapState, hover_name

POINT_IN_TIME = ("event", "episode")   # a date (range), not a status that holds "since"


def _when(record, stage, lang: str) -> str:
    if record.kind in POINT_IN_TIME:
        first = format_date(stage.start, lang) if stage.start else ""
        last = format_date(stage.end, lang) if stage.end and stage.end != stage.start else ""
        return f"{first} – {last}" if first and last else first or last
    return t("hover_since", lang).format(date=format_date(stage.start, lang)) if stage.start else ""


def status_line(record, state: MapState, status_text: str | None = None) -> str:
    """'operational, since 12 May 1996' for the stage in force at the end of the chosen year (an
    event or episode: its own dates, whichever year is chosen); '' when nothing holds then."""
    stage = record.stage_at(state.day)
    if stage is None and record.kind in POINT_IN_TIME and record.stages:
        stage = record.stages[-1]
    if stage is None:
        return ""
    label = status_text or status_label(stage.status, state.lang)
    when = _when(record, stage, state.lang)
    return t("hover_status", state.lang).format(status=label, when=when) if label and when else label or when


def hover_html(record, state: MapState, status_text: str | None = None) -> str:
    """The tooltip of ``record`` in the chosen year, as Plotly pseudo-HTML."""
    lines = [f"<b>{plotly_text(hover_name(record, state.lang))}</b>"]
    status = status_line(record, state, status_text)
    if status:
        lines.append(plotly_text(status))
    lines.append(f"<i>{plotly_text(t('hover_click', state.lang))}</i>")
    return "<br>".join(lines)


__all__ = ["hover_html", "status_line"]
