"""What every feature's callbacks share: the app's read-only context and a guard against failures."""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from dash import ctx, html, no_update, set_props
from dash.exceptions import PreventUpdate

from geodata.load import Dataset

from . import ids
from .i18n import t
from .page_lang import referrer_language
from .urlstate import FIRST_YEAR, LAST_YEAR, View, ViewState, parse_query

log = logging.getLogger("dashboard.callbacks")


@dataclass(frozen=True)
class Context:
    """The dataset, loaded once and read-only, and what the callbacks derive from it once."""
    dataset: Dataset
    known_ids: frozenset[str]
    scenes: tuple = ()

    def parse(self, search) -> ViewState:
        return parse_query(search or "", self.known_ids, len(self.scenes))


def guarded(func):
    """Log a failing callback and show a short message instead of breaking the page."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PreventUpdate:
            raise
        except Exception:  # any bug must leave the page working: log it, tell the user briefly
            log.exception("callback %s failed", func.__name__)
            set_props(ids.MESSAGE, {"children": html.P(t("error", referrer_language()), role="alert",
                                                        className="notice error")})
            # Not PreventUpdate: Dash would answer 204 and drop the message set above.
            outputs = ctx.outputs_list
            return tuple(no_update for _ in outputs) if isinstance(outputs, list) else no_update
    return wrapper


def view_from_store(data) -> View | None:
    if isinstance(data, (list, tuple)) and len(data) == 3:
        try:
            return View(*(float(v) for v in data))
        except (TypeError, ValueError):
            return None
    return None


def year_or_none(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


__all__ = ["Context", "guarded", "view_from_store", "year_or_none", "log"]
