"""The status board of a region and year: every unit, its evaluation's state, score, grade, open
findings by severity, last change and days to the deadline, sortable, filterable and paged.

The database does the work: units joined with their evaluations of the year (a unit with none still
has its row), filtered, ordered and cut to the page in SQL, and the states counted by one GROUP BY. A
fixed number of queries whatever the number of units, and only the page shown is rendered. The page
keeps what it rendered under the region's data version (common/regioncache.py), so a province's
thousands of units are read again after a change, not on every view. A score or a finding count is only
the bureau's to see (and to sort by) once the evaluation is reported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, FilteredRelation, Q, QuerySet, Value, When

from jixiao.web.accounts.models import Organisation, Region, YearSettings
from jixiao.web.common.regioncache import kept
from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation, State

PAGE_SIZE = 50
FIELDS = ("kind", "subject", "state", "score", "grade", "provisional", "errors", "warnings", "infos",
          "execution_rate", "updated", "fiscal_year", "budget_adjusted", "budget_executed")  # fmt: skip
FIGURES = ("score", "grade", "provisional", "errors", "warnings", "infos", "execution_rate", "budget_adjusted",
           "budget_executed")  # fmt: skip
STATE_LABELS = dict(State.choices)
NOT_STARTED = "未开始"
_REPORTED = Q(ev__state__in=BUREAU_VISIBLE)


def _seen(field: str) -> Case:
    """A column as the bureau may see it: the value once reported, else nothing."""
    return Case(When(_REPORTED, then=F(f"ev__{field}")), default=Value(None))


SORTS = {
    "unit": [F("name").asc()],
    "state": [F("state_order").asc(nulls_first=True), F("name").asc()],
    "score": [F("seen_score").desc(nulls_last=True), F("name").asc()],
    "errors": [F("seen_errors").desc(nulls_last=True), F("name").asc()],
    "updated": [F("ev__updated").desc(nulls_last=True), F("name").asc()],
}


@dataclass(slots=True)
class BoardRow:
    unit: str
    values: dict[str, Any] | None  # the evaluation's board columns, None for a unit that has not started

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
        return self.values["pk"] if self.values else None


def _row(found: dict[str, Any]) -> BoardRow:
    if found["ev__pk"] is None:
        return BoardRow(found["name"], None)
    values = {"pk": found["ev__pk"], **{f: found[f"ev__{f}"] for f in FIELDS}}
    if values["state"] not in BUREAU_VISIBLE:
        values.update(dict.fromkeys(FIGURES))  # a draft's figures are the unit's own until reported
    return BoardRow(found["name"], values)


@dataclass
class Board:
    """One page of the board."""

    year: int
    deadline: dt.date | None
    counts: list[tuple[str, str, int]]  # (state, label, how many) over the whole year
    rows: list[BoardRow]  # the page asked for
    number: int  # that page's number, from 1
    pages: int
    total: int  # rows that passed the filter, on every page

    @property
    def days_left(self) -> int | None:
        return (self.deadline - dt.date.today()).days if self.deadline else None


def years_of(region_id: int) -> list[int]:
    found = set(
        Evaluation.objects.filter(unit__region_id=region_id).order_by().values_list("fiscal_year", flat=True).distinct()
    ) | set(YearSettings.objects.filter(region_id=region_id).values_list("fiscal_year", flat=True))
    return sorted(found, reverse=True)


def region_years(region: Region) -> list[int]:
    """The years the region has evaluations or settings for, newest first."""
    return kept(region, "years", lambda: years_of(region.pk))


def latest_year(region: Region) -> int:
    """The year a board or an export shows when none is asked for: the latest the region has, else last year."""
    return next(iter(region_years(region)), dt.date.today().year - 1)


def _joined(region_id: int, year: int) -> QuerySet[Organisation]:
    """A row per evaluation of the year (a unit may have a 部门整体 and 项目支出 ones), one for a unit with none."""
    return Organisation.objects.filter(region_id=region_id, kind=Organisation.UNIT).annotate(
        ev=FilteredRelation("evaluations", condition=Q(evaluations__fiscal_year=year))
    )


def _rows(region_id: int, year: int, state: str, sort: str, query: str) -> QuerySet[Any]:
    """Every (unit, evaluation) that passes the filter, in the order asked for, as plain values."""
    joined = _joined(region_id, year)
    if query:
        joined = joined.filter(name__contains=query)
    if state == "none":
        joined = joined.filter(ev__isnull=True)
    elif state:
        joined = joined.filter(ev__state=state)
    order = list(SORTS.get(sort.lstrip("-"), SORTS["unit"]))
    if sort.startswith("-"):
        order = [term.copy() for term in order]
        order[0].descending = not order[0].descending
        order[0].nulls_first, order[0].nulls_last = False, True  # a unit without a value stays last
    return (
        joined.annotate(
            seen_score=_seen("score"),
            seen_errors=_seen("errors"),
            state_order=Case(*[When(ev__state=s, then=Value(n)) for n, s in enumerate(STATE_LABELS)], default=Value(-1)),
        )
        .order_by(*order, "ev__kind", "ev__pk")
        .values("name", "ev__pk", *(f"ev__{f}" for f in FIELDS))
    )


def board(region_id: int, year: int, state: str = "", sort: str = "unit", query: str = "", page: Any = 1) -> Board:
    """A page of the region's board for the year, filtered and sorted."""
    tally = dict(_joined(region_id, year).order_by().values_list("ev__state").annotate(n=Count("pk")))
    counts = [("none", NOT_STARTED, tally.get(None, 0))] + [(s, label, tally.get(s, 0)) for s, label in STATE_LABELS.items()]
    shown = Paginator(_rows(region_id, year, state, sort, query), PAGE_SIZE).get_page(page)
    deadline = YearSettings.objects.filter(region_id=region_id, fiscal_year=year).values_list("deadline", flat=True).first()
    rows = [_row(found) for found in shown.object_list]
    return Board(year, deadline, counts, rows, shown.number, shown.paginator.num_pages, shown.paginator.count)


def all_rows(region_id: int, year: int, state: str = "", sort: str = "unit", query: str = "") -> list[BoardRow]:
    """Every row of the board as filtered and sorted, for the exports."""
    return [_row(found) for found in _rows(region_id, year, state, sort, query)]
