"""Field paths with indexes ('budget.projects[2].spent'), as the sources map, findings and extractors name
fields: parsed once per distinct path, and resolved alike on an evaluation or on the plain dicts an import
builds before it validates them. `field_paths` lists every path a model has, so a path can be checked
before anything is written under it."""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_INDEX = re.compile(r"\[\d+\]")


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


@lru_cache(maxsize=4096)
def path_shape(path: str) -> str:
    """'budget.projects[2].spent' → 'budget.projects[].spent': the path with its list indexes left out."""
    return _INDEX.sub("[]", path)


def field_paths(model: type[BaseModel]) -> dict[str, bool]:
    """Every path under `model` in `path_shape`'s form, each with whether its value may be left unset (None or
    absent): {'budget.projects[].spent': True, 'staffing.authorized_by_kind[].count': False, …}. The keys of
    a dict field (`sources`) are free: the dict is a path, its entries are not."""
    paths: dict[str, bool] = {}
    _walk(model, "", paths)
    return paths


def _walk(model: type[BaseModel], prefix: str, paths: dict[str, bool]) -> None:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation, nullable = _unwrap(info.annotation)
        paths[path] = nullable or not info.is_required()
        _inner(annotation, path, paths)


def _inner(annotation: Any, path: str, paths: dict[str, bool]) -> None:
    if get_origin(annotation) is list:
        item, nullable = _unwrap(get_args(annotation)[0])
        paths[f"{path}[]"] = nullable
        _inner(item, f"{path}[]", paths)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        _walk(annotation, f"{path}.", paths)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """`X | None` → (X, True); any other annotation → (it, False)."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0], len(members) < len(get_args(annotation))
    return annotation, False
