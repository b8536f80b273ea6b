"""The status board of a region and year: every unit, its evaluation's state, score, grade, open
findings by severity, last change and days to the deadline, sortable, filterable and paged.

The database does the work: units joined with their evaluations of the year (a unit with none still
has its row), filtered, ordered and cut to the page in SQL, and the states counted by one GROUP BY. A
fixed number of small queries whatever the number of units, and only the page shown is rendered, so a
province's thousands of units cost about what a county's fifty do. A score or a finding count is only
the bureau's to see (and to sort by) once the evaluation is reported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, FilteredRelation, Q, QuerySet, Value, When

from jixiao.web.accounts.models import Organisation, YearSettings
from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation, State

PAGE_SIZE = 50
FIELDS = ("kind", "subject", "state", "score", "grade", "provisional", "errors", "warnings", "infos",
          "execution_rate", "updated", "fiscal_year", "budget_adjusted", "budget_executed")  # fmt: skip
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
    return BoardRow(found["name"], {"pk": found["ev__pk"], **{f: found[f"ev__{f}"] for f in FIELDS}})


@dataclass
class Board:
    year: int
    rows: QuerySet[Any]  # every (unit, evaluation) that passed the filter, ordered: read a page at a time
    deadline: dt.date | None
    years: list[int]
    counts: list[tuple[str, str, int]]  # (state, label, how many) over the whole year

    @property
    def days_left(self) -> int | None:
        return (self.deadline - dt.date.today()).days if self.deadline else None

    def page(self, number: Any) -> Page:
        page = Paginator(self.rows, PAGE_SIZE).get_page(number)
        page.object_list = [_row(found) for found in page.object_list]
        return page

    def all_rows(self) -> list[BoardRow]:
        return [_row(found) for found in self.rows]


def years_of(region_id: int) -> list[int]:
    found = set(
        Evaluation.objects.filter(unit__region_id=region_id).order_by().values_list("fiscal_year", flat=True).distinct()
    ) | set(YearSettings.objects.filter(region_id=region_id).values_list("fiscal_year", flat=True))
    return sorted(found, reverse=True)


def board(region_id: int, year: int | None, state: str = "", sort: str = "unit", query: str = "") -> Board:
    years = years_of(region_id)
    year = year or (years[0] if years else dt.date.today().year - 1)
    # a row per evaluation of the year (a unit may have a 部门整体 and 项目支出 ones), one for a unit with none
    joined = Organisation.objects.filter(region_id=region_id, kind=Organisation.UNIT).annotate(
        ev=FilteredRelation("evaluations", condition=Q(evaluations__fiscal_year=year))
    )
    tally = dict(joined.order_by().values_list("ev__state").annotate(n=Count("pk")))
    counts = [("none", NOT_STARTED, tally.get(None, 0))] + [(s, label, tally.get(s, 0)) for s, label in STATE_LABELS.items()]
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
    rows = (
        joined.annotate(
            seen_score=_seen("score"),
            seen_errors=_seen("errors"),
            state_order=Case(*[When(ev__state=s, then=Value(n)) for n, s in enumerate(STATE_LABELS)], default=Value(-1)),
        )
        .order_by(*order, "ev__kind", "ev__pk")
        .values("name", "ev__pk", *(f"ev__{f}" for f in FIELDS))
    )
    deadline = YearSettings.objects.filter(region_id=region_id, fiscal_year=year).values_list("deadline", flat=True).first()
    return Board(year, rows, deadline, years, counts)
