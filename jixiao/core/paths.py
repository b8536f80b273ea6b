"""Field paths with indexes ('budget.projects[2].spent'), as the sources map, findings and extractors name
fields: parsed once per distinct path, and resolved alike on an evaluation or on the plain dicts an import
builds before it validates them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from typing import Any

from pydantic import BaseModel

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@lru_cache(maxsize=1024)
def path_steps(path: str) -> tuple[str | int, ...]:
    """'budget.projects[2].spent' → ('budget', 'projects', 2, 'spent'); paths are few, so each is parsed once."""
    return tuple(name if name else int(index) for name, index in _STEP.findall(path))


@lru_cache(maxsize=1024)
def _attribute_path(path: str) -> Callable[[Any], Any] | None:
    """A compiled getter for a path of names only ('budget.income.total'), None for a path with indexes."""
    steps = path_steps(path)
    return attrgetter(path) if all(isinstance(step, str) for step in steps) else None


def value_at(root: Any, path: str) -> Any:
    """The value at `path` under a model or dict, or None where any step is absent."""
    if isinstance(root, BaseModel):  # the checks read names-only paths on models most: one C-level getter
        getter = _attribute_path(path)
        if getter is not None:
            try:
                return getter(root)
            except AttributeError:  # a step is None (an absent part) or not a field
                return None
    node: Any = root
    for step in path_steps(path):
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        elif isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, BaseModel):
            node = getattr(node, step, None)
        else:
            return None
        if node is None:
            return None
    return node
