"""The status board of a region and year: every unit, its evaluation's state, score, grade, open
findings by severity, last change and days to the deadline, sortable and filterable.

Two queries whatever the number of units (the units, their evaluations for the year), merged here; the
columns come from the evaluation's denormalised fields, so no version is read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.web.accounts.models import Organisation, YearSettings
from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation, State

SORTS = {
    "unit": lambda r: r.unit.name,
    "state": lambda r: r.state_order,
    "score": lambda r: (r.score is None, -(r.score or 0)),
    "errors": lambda r: (-(r.errors or 0), r.unit.name),
    "updated": lambda r: (r.updated is None, -(r.updated.timestamp() if r.updated else 0)),
}
STATE_ORDER = {state: n for n, state in enumerate(State)}


@dataclass
class BoardRow:
    unit: Organisation
    evaluation: Evaluation | None

    @property
    def state(self) -> str:
        return self.evaluation.state if self.evaluation else ""

    @property
    def state_label(self) -> str:
        return self.evaluation.get_state_display() if self.evaluation else "未开始"

    @property
    def state_order(self) -> int:
        return STATE_ORDER.get(self.state, -1)  # type: ignore[call-overload]

    @property
    def openable(self) -> bool:
        return self.evaluation is not None and self.evaluation.state in BUREAU_VISIBLE

    def __getattr__(self, name: str) -> Any:
        if name in {"score", "grade", "errors", "warnings", "infos", "updated", "execution_rate", "provisional"}:
            return getattr(self.evaluation, name) if self.evaluation else None
        raise AttributeError(name)


@dataclass
class Board:
    year: int
    rows: list[BoardRow]
    deadline: dt.date | None
    years: list[int]

    @property
    def days_left(self) -> int | None:
        return (self.deadline - dt.date.today()).days if self.deadline else None

    def counts(self) -> list[tuple[str, str, int]]:
        counted = {label: 0 for _, label in State.choices}
        started = 0
        for row in self.rows:
            if row.evaluation:
                counted[row.state_label] += 1
                started += 1
        return [("", "未开始", len(self.rows) - started)] + [(s, label, counted[label]) for s, label in State.choices]


def years_of(region_id: int) -> list[int]:
    found = set(
        Evaluation.objects.filter(unit__region_id=region_id).order_by().values_list("fiscal_year", flat=True).distinct()
    ) | set(YearSettings.objects.filter(region_id=region_id).values_list("fiscal_year", flat=True))
    return sorted(found, reverse=True)


def board(region_id: int, year: int | None, state: str = "", sort: str = "unit", query: str = "") -> Board:
    years = years_of(region_id)
    year = year or (years[0] if years else dt.date.today().year - 1)
    units = Organisation.objects.filter(region_id=region_id, kind=Organisation.UNIT).order_by("name")
    if query:
        units = units.filter(name__icontains=query)
    by_unit: dict[int, list[Evaluation]] = {}
    for e in Evaluation.objects.filter(unit__region_id=region_id, fiscal_year=year).order_by("kind"):
        by_unit.setdefault(e.unit_id, []).append(e)
    # a row per evaluation (a unit may have a 部门整体 and several 项目支出 ones), one for a unit with none
    rows = [BoardRow(unit, e) for unit in units for e in by_unit.get(unit.pk) or [None]]
    if state == "none":
        rows = [r for r in rows if r.evaluation is None]
    elif state:
        rows = [r for r in rows if r.state == state]
    key = SORTS.get(sort.lstrip("-"), SORTS["unit"])
    rows.sort(key=key, reverse=sort.startswith("-"))  # type: ignore[arg-type]
    deadline = YearSettings.objects.filter(region_id=region_id, fiscal_year=year).values_list("deadline", flat=True).first()
    return Board(year, rows, deadline, years)


def decimal_or_blank(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")
