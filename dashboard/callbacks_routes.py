"""The route explorer's callbacks live with the explorer (dashboard/route_callbacks.py, issue 18)."""
from __future__ import annotations

from .callbacks_common import Context, guarded
from .route_callbacks import register_route_callbacks


def register(app, c: Context) -> None:
    register_route_callbacks(app, c.dataset, c.known_ids, guarded)
