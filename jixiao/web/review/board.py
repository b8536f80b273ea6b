"""The status board of a region and year: every unit, its evaluation's state, score, grade, open
findings by severity, last change and days to the deadline, sortable, filterable and paged.

A fixed number of queries whatever the number of units (the units' names, their evaluations' board
columns for the year, the deadline, the years), read as plain values and merged here, and kept in the
cache under the year's fingerprint until something changes; only the page shown is rendered, so a
province's thousands of units cost little more than a county's fifty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator

from jixiao.web.accounts.models import Organisation, YearSettings
from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation, State
from jixiao.web.evaluations.store import year_fingerprint

PAGE_SIZE = 50
CACHED_FOR = 10 * 60  # seconds; the fingerprint changes with the data, this only bounds the memory kept
COLUMNS = ("pk", "unit_id", "kind", "subject", "state", "score", "grade", "provisional", "errors", "warnings", "infos",
           "execution_rate", "updated", "fiscal_year", "budget_adjusted", "budget_executed")  # fmt: skip
STATE_ORDER = {state.value: n for n, state in enumerate(State)}
STATE_LABELS = dict(State.choices)
NOT_STARTED = "未开始"


@dataclass(slots=True)
class BoardRow:
    unit: str
    values: dict[str, Any] | None  # the evaluation's board columns, None for a unit that has not started

    def get(self, name: str) -> Any:
        return self.values.get(name) if self.values else None

    @property
    def state(self) -> str:
        return self.values["state"] if self.values else ""

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state] if self.values else NOT_STARTED

    @property
    def openable(self) -> bool:
        return self.values is not None and self.values["state"] in BUREAU_VISIBLE

    @property
    def pk(self) -> int | None:
        return self.get("pk")


def _score_key(r: BoardRow) -> tuple[bool, Decimal]:
    score = r.get("score") if r.openable else None
    return score is None, -(score or 0)


SORTS = {
    "unit": lambda r: r.unit,
    "state": lambda r: (STATE_ORDER.get(r.state, -1), r.unit),
    "score": _score_key,
    "errors": lambda r: (-(r.get("errors") or 0) if r.openable else 1, r.unit),
    "updated": lambda r: (r.values is None, -(r.get("updated").timestamp() if r.values else 0)),
}


@dataclass
class Board:
    year: int
    rows: list[BoardRow]  # every row that passed the filter, sorted
    deadline: dt.date | None
    years: list[int]
    counts: list[tuple[str, str, int]]  # (state, label, how many) over the whole year

    @property
    def days_left(self) -> int | None:
        return (self.deadline - dt.date.today()).days if self.deadline else None

    def page(self, number: Any) -> Page:
        return Paginator(self.rows, PAGE_SIZE).get_page(number)


def years_of(region_id: int) -> list[int]:
    found = set(
        Evaluation.objects.filter(unit__region_id=region_id).order_by().values_list("fiscal_year", flat=True).distinct()
    ) | set(YearSettings.objects.filter(region_id=region_id).values_list("fiscal_year", flat=True))
    return sorted(found, reverse=True)


def all_rows(region_id: int, year: int) -> list[BoardRow]:
    """A row per evaluation (a unit may have a 部门整体 and several 项目支出 ones), one for a unit with none;
    cached under the year's fingerprint, so it is read again only after a change."""
    key = "board:" + year_fingerprint(region_id, year)
    rows: list[BoardRow] | None = cache.get(key)
    if rows is None:
        units = Organisation.objects.filter(region_id=region_id, kind=Organisation.UNIT).order_by("name")
        by_unit: dict[int, list[dict[str, Any]]] = {}
        for values in Evaluation.objects.filter(unit__region_id=region_id, fiscal_year=year).order_by("kind").values(*COLUMNS):
            by_unit.setdefault(values["unit_id"], []).append(values)
        rows = [BoardRow(name, v) for pk, name in units.values_list("pk", "name") for v in by_unit.get(pk) or [None]]
        cache.set(key, rows, CACHED_FOR)
    return list(rows)


def board(region_id: int, year: int | None, state: str = "", sort: str = "unit", query: str = "") -> Board:
    years = years_of(region_id)
    year = year or (years[0] if years else dt.date.today().year - 1)
    rows = all_rows(region_id, year)
    counted = dict.fromkeys(STATE_LABELS, 0)
    for row in rows:
        if row.values:
            counted[row.state] += 1
    counts = [("none", NOT_STARTED, sum(1 for r in rows if r.values is None))]
    counts += [(s, label, counted[s]) for s, label in STATE_LABELS.items()]
    if query:
        rows = [r for r in rows if query in r.unit]
    if state == "none":
        rows = [r for r in rows if r.values is None]
    elif state:
        rows = [r for r in rows if r.state == state]
    rows.sort(key=SORTS.get(sort.lstrip("-"), SORTS["unit"]), reverse=sort.startswith("-"))  # type: ignore[arg-type]
    deadline = YearSettings.objects.filter(region_id=region_id, fiscal_year=year).values_list("deadline", flat=True).first()
    return Board(year, rows, deadline, years, counts)
