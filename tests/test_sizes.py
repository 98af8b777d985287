"""Sizes: no module over 400 lines, no function over 50, in geodata/ (issue 11), dashboard/ and
assets/ (issue 12: the browser's own scripts, not the vendored ones).

network.py is being split by issue 18 (routes with time) and is left out until then.
"""
from __future__ import annotations

import ast
import re

from helpers import REPO

MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 50
NOT_YET = {"geodata/network.py"}


def _modules(folder: str = "geodata"):
    return [p for p in sorted((REPO / folder).rglob("*.py")) if str(p.relative_to(REPO)) not in NOT_YET]


def _scripts():
    return sorted((REPO / "assets").glob("*.js"))   # assets/vendor/ holds others' code


def _long_modules(paths) -> dict:
    return {str(p.relative_to(REPO)): n for p in paths
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}


def _long_functions(paths) -> dict:
    long = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(REPO)}:{node.name}"] = length
    return long


# Comments, strings and template literals, blanked (newlines kept) so their braces do not count.
_JS_NOISE = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`", re.S)


def js_function_lengths(source: str) -> dict[str, int]:
    """Lines of each ``function`` in a script, from its keyword to its closing brace (named by the
    function's name, or the property it is assigned to, with its line)."""
    code = _JS_NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    out = {}
    for match in re.finditer(r"\bfunction\b\s*(\w*)\s*\([^)]*\)\s*\{", code):
        depth, i = 0, match.end() - 1
        while i < len(code):
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            if depth == 0:
                break
            i += 1
        first = code.count("\n", 0, match.start()) + 1
        owner = re.search(r"(\w+)\s*[:=]\s*$", code[max(0, match.start() - 60):match.start()])
        name = match.group(1) or (owner.group(1) if owner else "(anonymous)")
        out[f"{name}@{first}"] = code.count("\n", match.start(), i) + 1
    return out


def test_no_module_is_over_400_lines() -> None:
    assert _long_modules(_modules("geodata") + _modules("dashboard") + _scripts()) == {}


def test_no_python_function_is_over_50_lines() -> None:
    assert _long_functions(_modules("geodata") + _modules("dashboard")) == {}


def test_no_script_function_is_over_50_lines() -> None:
    long = {f"{p.relative_to(REPO)}:{name}": n for p in _scripts()
            for name, n in js_function_lengths(p.read_text(encoding="utf-8")).items() if n > MAX_FUNCTION_LINES}
    assert long == {}


def test_the_script_measure_counts_a_function_s_lines_and_ignores_braces_in_strings() -> None:
    source = 'var a = 1;\nfunction f(x) {\n  var s = "}}{";  // }\n  if (x) { return 1; }\n  return 2;\n}\n'
    assert js_function_lengths(source) == {"f@2": 5}
    method = "var o = {\n  go: function (y) {\n    return y;\n  }\n};\n"
    assert js_function_lengths(method) == {"go@2": 3}
