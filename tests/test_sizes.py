"""Sizes in geodata/: no module over 400 lines, no function over 50 (issue 11).

network.py is being split by issue 18 (routes with time) and is left out until then.
"""
from __future__ import annotations

import ast

from helpers import REPO

MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 50
NOT_YET = {"geodata/network.py"}


def _modules():
    return [p for p in sorted((REPO / "geodata").rglob("*.py")) if str(p.relative_to(REPO)) not in NOT_YET]


def test_no_geodata_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(REPO)): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_geodata_function_is_over_50_lines() -> None:
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(REPO)}:{node.name}"] = length
    assert long == {}
