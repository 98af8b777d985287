"""The validator for ``POST /_dash-update-component`` (issues 7 and 15).

The body must be JSON (no ``NaN``, ``Infinity`` or a number too large to be finite, such as
``1e999``), at most :data:`MAX_CALLBACK_BYTES`, an object naming a server-side callback the app
has, with ``inputs`` and ``state`` matching that callback's declaration (``state`` absent or a
list: a browser never sends ``null``), values that mean something for their component and
property (dashboard.callback_values), strings of at most :data:`MAX_STRING` characters and
nesting of at most :data:`MAX_DEPTH` levels. Anything else raises :class:`BadCallback`, whose
text is the short reason sent back; it never contains the offending value.
"""
from __future__ import annotations

import json
import math

import flask

from .callback_values import ValueSpace

# --- limits ------------------------------------------------------------------------------------
MAX_CONTENT_LENGTH = 1 * 1024 * 1024   # any request body but a callback's (uploads go through callbacks)
MAX_CALLBACK_BYTES = 256 * 1024        # a callback POST; the browser's largest is a few kB
# A callback that receives the reader's own data (an uploaded file, the layers kept in the
# browser's local storage: dashboard/userlayers.py) gets up to this much, and its strings up to
# MAX_USER_STRING characters (a 1 MB file as a base64 data URL is 1.4 million).
MAX_USER_DATA_BYTES = 8 * 1024 * 1024
MAX_USER_STRING = 1_500_000
MAX_DEPTH = 24                         # JSON nesting (a map click is about 6 levels deep)
MAX_STRING = 10_000                    # characters in one JSON string (a URL, a search text)
MAX_ITEMS = 5_000                      # entries in one JSON array or object

CALLBACK_ENDPOINT = "_dash-update-component"


class BadCallback(Exception):
    """A callback request the validator rejects; ``str(exc)`` is the short reason sent back."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.status = status


def _check_json_bounds(value, max_string: int = MAX_STRING) -> None:
    """Depth, string length and container size limits, without recursion."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if len(node) > max_string:
                raise BadCallback("string too long", 413)
        elif isinstance(node, (list, dict)):
            if depth > MAX_DEPTH:
                raise BadCallback("JSON nested too deeply")
            if len(node) > MAX_ITEMS:
                raise BadCallback("too many items", 413)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
            if isinstance(node, dict):
                for key in node:
                    if len(key) > max_string:
                        raise BadCallback("string too long", 413)


def _prop_id(cid, prop: str) -> str:
    """How dash-renderer writes a property in ``changedPropIds``: ``id.prop``, dict ids as sorted JSON."""
    if isinstance(cid, dict):
        cid = json.dumps(cid, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{cid}.{prop}"


def _declared(spec_id: str):
    """A declared dependency id: a plain string, or a pattern dict (wildcards as ``["ALL"]``...)."""
    if spec_id.startswith("{"):
        try:
            parsed = json.loads(spec_id)
        except ValueError:
            return spec_id
        if isinstance(parsed, dict):
            return parsed
    return spec_id


def _matches(declared, cid) -> bool:
    if isinstance(declared, str):
        return cid == declared
    if not isinstance(cid, dict) or set(cid) != set(declared):
        return False
    for key, want in declared.items():
        got = cid[key]
        if isinstance(want, list):  # a wildcard (ALL / MATCH / ALLSMALLER): any scalar id value
            if not isinstance(got, (str, int, float, bool)):
                return False
        elif got != want:
            return False
    return True


def _is_wildcard(declared) -> bool:
    return isinstance(declared, dict) and any(isinstance(v, list) for v in declared.values())


class CallbackValidator:
    """Checks one parsed callback request against the app's callback map and layout."""

    def __init__(self, app, space: ValueSpace):
        self.app = app
        self.space = space

    def _check_item(self, item, spec: dict, where: str, prop_ids: set[str]) -> None:
        if not isinstance(item, dict):
            raise BadCallback(f"{where}: not an object")
        cid, prop = item.get("id"), item.get("property")
        if not isinstance(prop, str) or prop != spec["property"]:
            raise BadCallback(f"{where}: wrong property")
        if not _matches(_declared(spec["id"]), cid):
            raise BadCallback(f"{where}: wrong id")
        if "value" in item:
            reason = self.space.reason(cid, prop, item["value"])
            if reason is not None:
                raise BadCallback(f"{where}: {reason}")
        prop_ids.add(_prop_id(cid, prop))

    def _check_deps(self, items, specs: list[dict], where: str, prop_ids: set[str]) -> None:
        if not isinstance(items, list) or len(items) != len(specs):
            raise BadCallback(f"{where}: does not match the callback")
        for i, (item, spec) in enumerate(zip(items, specs)):
            declared = _declared(spec["id"])
            if _is_wildcard(declared) and isinstance(item, list):  # ALL / ALLSMALLER: a list of matches
                for sub in item:
                    self._check_item(sub, spec, f"{where}[{i}]", prop_ids)
            else:
                self._check_item(item, spec, f"{where}[{i}]", prop_ids)

    def _check_outputs(self, outputs, declared) -> None:
        specs = declared if isinstance(declared, list) else [declared]
        items = outputs if isinstance(declared, list) else [outputs]
        if not isinstance(items, list) or len(items) != len(specs):
            raise BadCallback("outputs: do not match the callback")
        for item, spec in zip(items, specs):
            want = _declared(spec.component_id_str())
            subs = item if isinstance(item, list) and _is_wildcard(want) else [item]
            for sub in subs:
                if not isinstance(sub, dict) or not isinstance(sub.get("property"), str):
                    raise BadCallback("outputs: not an id and a property")
                if sub["property"].split("@", 1)[0] != spec.component_property:
                    raise BadCallback("outputs: wrong property")
                if not _matches(want, sub.get("id")):
                    raise BadCallback("outputs: wrong id")

    def check(self, body, size: int = 0) -> None:
        """Refuse ``body`` (``size`` bytes as sent) unless this app's browser could have sent it."""
        if not isinstance(body, dict):
            raise BadCallback("the body is not a JSON object")
        output = body.get("output")
        if not isinstance(output, str) or len(output) > MAX_STRING:
            raise BadCallback("no output named")
        spec = self.app.callback_map.get(output)
        if not isinstance(spec, dict) or not callable(spec.get("callback")):
            raise BadCallback("unknown callback", 404)
        user_data = self.space.carries_user_data(spec.get("inputs", []) + spec.get("state", []))
        if size > MAX_CALLBACK_BYTES and not user_data:
            raise BadCallback("request too large", 413)
        _check_json_bounds(body, MAX_USER_STRING if user_data else MAX_STRING)
        self._check_outputs(body.get("outputs"), spec["output"])
        prop_ids: set[str] = set()
        self._check_deps(body.get("inputs"), spec.get("inputs", []), "inputs", prop_ids)
        # A browser leaves "state" out when the callback has none; null is no list of states.
        self._check_deps(body.get("state", []), spec.get("state", []), "state", prop_ids)
        changed = body.get("changedPropIds", [])
        if not isinstance(changed, list) or not all(isinstance(c, str) and c in prop_ids for c in changed):
            raise BadCallback("changedPropIds: not among the inputs")
        parsed = body.get("parsedChangedPropsIds")
        if parsed is not None and not isinstance(parsed, list):
            raise BadCallback("parsedChangedPropsIds: not a list")


def _reject_constant(name: str):
    # NaN and Infinity are not JSON; Python's parser accepts them, a browser never sends them.
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    # 1e999 is valid JSON but parses as inf, which no browser sends: refused like Infinity.
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def read_callback_body(request: flask.Request) -> tuple[object, int]:
    """The parsed body and its size; bodies over MAX_USER_DATA_BYTES are refused unread.

    ``CallbackValidator.check`` then holds every callback but those receiving the reader's own
    data to MAX_CALLBACK_BYTES.
    """
    length = request.content_length
    if length is not None and length > MAX_USER_DATA_BYTES:
        raise BadCallback("request too large", 413)
    if request.mimetype != "application/json":
        raise BadCallback("expected application/json", 415)
    request.max_content_length = MAX_USER_DATA_BYTES  # also bounds a body sent without a length...
    raw = request.get_data(cache=True)
    if len(raw) >= MAX_USER_DATA_BYTES:  # ...which werkzeug then cuts at the limit instead of refusing
        raise BadCallback("request too large", 413)
    if not raw.strip():
        raise BadCallback("empty body")
    try:
        return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float), len(raw)
    except RecursionError:  # thousands of levels: the parser gives up before our depth check runs
        raise BadCallback("JSON nested too deeply") from None
    except ValueError:
        raise BadCallback("the body is not valid JSON") from None
