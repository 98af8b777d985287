"""What a record may say: kinds, statuses, certainties, geometry forms, the region.

This table is the one place to read or extend the vocabulary.  A new kind of
record is one entry in :data:`KINDS`; the validator, the export and the route
network read it from here.
"""
from __future__ import annotations

from dataclasses import dataclass

# lon_min, lat_min, lon_max, lat_max: everything mapped must fall inside.
REGION_BOX = (24.0, 4.0, 100.0, 60.0)

# The languages a language map may hold: adding one here (and regenerating the JSON Schema with
# ``python -m geodata schema``) is all the data model needs for a new language.
LANGUAGES = ("en", "ur", "fa", "ru")
REQUIRED_LANGUAGES = ("en", "ur")   # every name, title and question has these
EXPLAINED_IN = ("en",)              # glosses and notes: the English explanation is required

# The map's overlays a tour scene may switch on (dashboard/layers/ has one module for each).
MAP_LAYERS = ("political", "provinces", "zones", "corridors", "sea", "rail", "crossings", "episodes", "events",
              "labels", "context")

# A dated name or geometry normally starts the day after the one before it ends; one that
# leaves a gap or overlaps must say so.
JOINS = ("gap", "overlap")

# How sure a date or a stage is.
CERTAINTIES = (
    "certain",      # the text (or the cited context source) states it to that precision
    "approximate",  # stated loosely ("soon after", "late 1991"), shown to the precision given
    "inferred",     # not stated: deduced from the order of the narrative, and said how in a note
    "disputed",     # the text says one thing and the historical record another; see the note
)
# How sure a location is.
LOCATION_CERTAINTIES = (
    "exact",        # a named place, coordinates from a gazetteer
    "approximate",  # a named area or a place entered by hand from a map
    "inferred",     # the text implies a place without naming it; the note says why this one
    "schematic",    # a line drawn station to station, not the real alignment
)
MODES = ("rail", "sea", "road")
# What a route may minimise (geodata.network.routing says how); a route question names one.
ROUTE_PRIORITIES = ("time", "distance", "borders")


@dataclass(frozen=True)
class KindSpec:
    label_en: str
    statuses: tuple[str, ...]
    geometry: tuple[str, ...]            # allowed geometry forms, see GEOMETRY_FORMS
    mode: str | None = None              # transport mode, for the route network
    lifecycle: bool = False              # statuses must not go backwards (except to "closed")


GEOMETRY_FORMS = ("point", "points", "path", "area", "buffer", "none")

KINDS: dict[str, KindSpec] = {
    "rail_line": KindSpec("Rail line", ("proposed", "agreed", "under_construction", "operational", "closed"),
                          ("path",), mode="rail", lifecycle=True),
    "border_crossing": KindSpec("Border post or crossing", ("proposed", "open", "closed"),
                                ("point", "path"), mode="road", lifecycle=True),
    "sea_link": KindSpec("Caspian sea link", ("proposed", "operational", "closed"), ("path",), mode="sea",
                         lifecycle=True),
    "corridor": KindSpec("Land corridor", ("possible", "proposed", "operational", "closed"), ("path",),
                         mode="road", lifecycle=True),
    "zone": KindSpec("Zone", ("proposed", "decided", "operational", "claimed"), ("area", "buffer")),
    "province": KindSpec("Province", ("province",), ("area",)),
    "polity": KindSpec("Political status", ("soviet_republic", "independent", "union"), ("area",)),
    "event": KindSpec("Event", ("occurred",), ("point", "points", "path", "area", "none")),
    "episode": KindSpec("1918-1924 episode", ("occurred",), ("point", "points", "path", "area")),
    "consulate": KindSpec("Consulate", ("approved", "open", "closed"), ("point",), lifecycle=True),
}

EVENT_TYPES = (
    "visit", "tour", "memorandum", "consulate", "agreement", "arms_deal", "war", "policy_statement",
    "uprising", "military", "formation", "inauguration", "aid", "institution", "opening", "claim",
)

# Statuses after which a lifecycle may end; going back from them is allowed (a line re-opened).
TERMINAL_STATUSES = ("closed",)


def status_rank(kind: str, status: str) -> int:
    return KINDS[kind].statuses.index(status)
