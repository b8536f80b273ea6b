"""Field paths ('budget.projects[2].spent') as HTML ids and back, and a plain evaluation flattened to
its paths, so forms, findings, comments, history and diffs all name a field the same way."""

from __future__ import annotations

import re
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def field_id(path: str | None) -> str:
    """'budget.projects[2].spent' → 'f-budget-projects-2-spent': a valid, stable HTML id."""
    if not path:
        return "f-general"
    return "f-" + _UNSAFE.sub("-", path.replace("[", "-").replace("]", "")).strip("-")


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    """Every leaf of a plain (JSON) evaluation by its path; a list of texts is one leaf per item."""
    flat: dict[str, Any] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            flat.update(flatten(value, f"{prefix}[{n}]"))
    else:
        flat[prefix] = node
    return flat
