"""A section's form as the template draws it: headings, inputs with their value, error, findings and
comments, and tables with their rows; and which field box each finding belongs in.

A finding names a field path (`budget.income.total`, `performance.indicators[2].actual`); it is shown
beside the input of that path, else beside the nearest enclosing row, table or group, else in the
section's general list. Table rows are named by a key (their index when the page was drawn, `newN` for
rows added in the browser), so the live check can put a finding of row n in the box of that row's key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.core.paths import path_steps
from jixiao.web.common.paths import field_id
from jixiao.web.evaluations.fields import ROW_KEY, SECTIONS, Group, Input, Section, Table, display, get_at


@dataclass
class Box:
    """One input (or a row or a table) with what is said about it."""

    path: str  # the name in the form
    label: str
    kind: str = ""
    value: str = ""
    choices: tuple[str, ...] = ()
    error: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    comments: list[Any] = field(default_factory=list)

    @property
    def id(self) -> str:
        return field_id(self.path)


@dataclass
class Row:
    key: str
    box: Box  # the row's own findings (those naming the row as a whole)
    cells: list[Box]


@dataclass
class Block:
    kind: str  # "heading" | "input" | "table"
    depth: int = 0
    label: str = ""
    box: Box | None = None
    columns: list[Input] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    new_row: list[Box] = field(default_factory=list)
    table: str = ""


def _parent(path: str) -> str | None:
    steps = path_steps(path)
    if len(steps) <= 1:
        return None
    out = ""
    for step in steps[:-1]:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def place(path: str | None, known: set[str]) -> str | None:
    """The nearest box for a finding's field path, or None for the general list."""
    while path:
        if path in known:
            return path
        if f"{path}.text" in known:
            return f"{path}.text"
        path = _parent(path)
    return None


def section_of(path: str | None) -> Section | None:
    """The section whose fields include this path."""
    if not path:
        return None
    for section in SECTIONS:
        for item in section.items:
            if path == item.path or path.startswith((item.path + ".", item.path + "[")):
                return section
    return None


class Drawing:
    """The blocks of one section for the given data, findings, errors and comments."""

    def __init__(
        self,
        section: Section,
        data: dict[str, Any],
        findings: list[dict[str, Any]],
        errors: dict[str, str] | None = None,
        comments: dict[str, list[Any]] | None = None,
        row_keys: dict[str, list[str]] | None = None,
    ) -> None:
        self.section = section
        self.data = data
        self.errors = errors or {}
        self.comments = comments or {}
        self.row_keys = row_keys or {}
        self.boxes: dict[str, Box] = {}  # by the data path (row index, not key)
        self.blocks: list[Block] = []
        self._items(section.items, 0)
        self.found: list[dict[str, Any]] = []  # this section's findings, each with the id of its box
        known = set(self.boxes)
        for finding in findings:
            target = place(finding["location"].get("field"), known)
            if target is None:
                if section_of(finding["location"].get("field")) is section:
                    self.found.append({**finding, "box": None})
            else:
                placed = {**finding, "box": self.boxes[target].id}
                self.boxes[target].findings.append(placed)
                self.found.append(placed)

    def _box(self, data_path: str, name: str, label: str, kind: str = "", choices: tuple[str, ...] = ()) -> Box:
        value = get_at(self.data, data_path)
        box = Box(
            name,
            label,
            kind,
            display(value, kind) if kind else "",  # type: ignore[arg-type]
            choices,
            self.errors.get(data_path),
            comments=self.comments.get(data_path, []),
        )
        self.boxes[data_path] = box
        return box

    def _items(self, items: list[Input | Table | Group], depth: int) -> None:
        for item in items:
            if isinstance(item, Input):
                box = self._box(item.path, item.path, item.label, item.kind, item.choices)
                self.blocks.append(Block("input", depth, item.label, box))
            elif isinstance(item, Group):
                self.blocks.append(Block("heading", depth, item.label))
                self._items(item.items, depth + 1)
            else:
                self.blocks.append(self._table(item, depth))

    def _table(self, table: Table, depth: int) -> Block:
        rows = get_at(self.data, table.path) or []
        keys = self.row_keys.get(table.path) or [str(n) for n in range(len(rows))]
        block = Block("table", depth, table.label, self._box(table.path, table.path, table.label), table.columns,
                      table=table.path)  # fmt: skip
        for n, key in enumerate(keys[: len(rows)]):
            prefix, name = f"{table.path}[{n}]", f"{table.path}[{key}]"
            cells = [
                self._box(f"{prefix}.{c.path}", f"{name}.{c.path}", c.label, c.kind, c.choices) for c in table.columns
            ]
            block.rows.append(Row(key, self._box(prefix, name, table.label), cells))
        block.new_row = [Box(f"{table.path}[__key__].{c.path}", c.label, c.kind, "", c.choices) for c in table.columns]
        return block

    @property
    def row_key_name(self) -> str:
        return ROW_KEY

    def all_findings(self) -> list[dict[str, Any]]:
        return self.found
