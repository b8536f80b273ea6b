"""YAML read as text: the 1.2 core schema without numbers, dates and timestamps.

Only null and booleans are resolved; every other scalar stays a string and the model decides its type, so
"239.67" and "0.8" become exact Decimals (never floats), "0.50" keeps its two decimals and "2024-03-14"
becomes a date only where a model expects one. The canonical files and the rulebooks are read alike.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.resolver import BaseResolver


class TextResolver(BaseResolver):
    """Resolves null and booleans only."""

    processing_version = (1, 2)

    def __init__(self, version: Any = None, loader: Any = None) -> None:
        super().__init__(loader)


TextResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
TextResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def text_yaml() -> YAML:
    """A safe, pure-Python YAML reader (and writer) with the text resolver."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = TextResolver
    return yaml
