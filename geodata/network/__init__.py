"""The transport network of any year, and routes and reach through it, with distance and time.

The public surface, for the page, the CLI, the tests and the benchmark:

* :mod:`.graph` - the links usable on a day and their lengths along the drawn geometry;
* :mod:`.costs` - speeds and delays, as records in ``data/costs.json`` (cited or the
  map's assumption), and :class:`Assumptions` a user may change;
* :mod:`.timegraph` - the costed graph of a day (hops, borders, gauges, transfers);
* :mod:`.routing` - :func:`find_route` by time, distance or fewest borders;
* :mod:`.legs` - a route's table and the borders it crosses;
* :mod:`.explain` - why there is no route;
* :mod:`.reach` - what a place reaches within N hours;
* :mod:`.compare` - the same journey in two years, in a sentence;
* :mod:`.questions` - the text's claims, as ready questions.
"""
from .compare import change, sentence
from .costs import ASSUMPTION_FIELDS, SERVICES, Assumptions, assumption_basis, default_assumptions, load_costs
from .graph import (ALL_MODES, PLANNED_STATUSES, TRANSPORT_KINDS, UNCERTAIN_STATUSES, USABLE_STATUSES, YEAR_MAX,
                    YEAR_MIN, Segment, build_network, geodesic_km, link_state, planned_statuses, transport_segments, usable_statuses)
from .legs import crossing_name
from .places import PlaceNotFound, check_countries, check_year, country_name_in, resolve_place
from .questions import RouteQuestion, answer_question, question, route_questions
from .reach import ReachResult, compare_reach, reach
from .routing import DEFAULT_PRIORITY, PRIORITIES, RouteResult, find_route

__all__ = [
    "ALL_MODES", "ASSUMPTION_FIELDS", "Assumptions", "DEFAULT_PRIORITY", "PLANNED_STATUSES", "PRIORITIES",
    "PlaceNotFound", "ReachResult", "RouteQuestion", "RouteResult", "SERVICES", "Segment",
    "TRANSPORT_KINDS", "UNCERTAIN_STATUSES", "USABLE_STATUSES", "YEAR_MAX", "YEAR_MIN", "answer_question",
    "assumption_basis",
    "build_network", "change", "check_countries", "check_year", "compare_reach", "country_name_in",
    "crossing_name", "default_assumptions", "find_route", "geodesic_km", "link_state", "load_costs",
    "planned_statuses", "question", "reach", "resolve_place", "route_questions", "sentence",
    "transport_segments", "usable_statuses",
]
