"""The figures behind the dashboard, for the evaluations a bureau may see (reported ones) in one year.

A fixed number of queries whatever the number of units: the year's evaluations, last year's scores,
findings counted by category and by rule in SQL. The page keeps what it rendered under the region's
data version (common/regioncache.py), so they are read again after a change, not on every view."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count

from jixiao.core.findings import CATEGORY_NAMES
from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation, Finding

TOP_RULES = 15
SHOWN = 20  # a chart names at most this many units at each end (a province has thousands)


@dataclass
class Stats:
    year: int
    count: int = 0
    grades: list[tuple[str, int]] = field(default_factory=list)
    ranking: list[tuple[str, str]] = field(default_factory=list)  # (unit, score)
    categories: list[tuple[str, int]] = field(default_factory=list)
    rules: list[tuple[str, int]] = field(default_factory=list)  # (rule, count)
    execution: list[tuple[str, str, str]] = field(default_factory=list)  # (unit, rate, score)
    year_over_year: list[tuple[str, str, str, str]] = field(default_factory=list)  # (unit, last, now, change)

    def charts(self) -> dict[str, Any]:
        """Plain data for the page's ECharts (numbers as strings stay exact; the chart reads them)."""
        return {
            "grades": {"labels": [g for g, _ in self.grades], "values": [n for _, n in self.grades]},
            "ranking": {"labels": [u for u, _ in self.ranking], "values": [s for _, s in self.ranking]},
            "categories": {"labels": [c for c, _ in self.categories], "values": [n for _, n in self.categories]},
            "rules": {"labels": [r for r, _ in self.rules], "values": [n for _, n in self.rules]},
            "execution": [{"name": u, "value": [r, s]} for u, r, s in self.execution],
            "yoy": {"labels": [u for u, *_ in self.year_over_year], "last": [a for _, a, _, _ in self.year_over_year],
                    "now": [b for _, _, b, _ in self.year_over_year]},
        }  # fmt: skip


def _text(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


GRADE_ORDER = ["优", "好", "良", "较好", "中", "一般", "差"]


def stats(region_id: int, year: int) -> Stats:
    visible = Evaluation.objects.filter(unit__region_id=region_id, state__in=BUREAU_VISIBLE)
    rows = list(visible.filter(fiscal_year=year).select_related("unit").only(
        "unit__name", "score", "grade", "execution_rate", "unit_id", "kind").order_by())  # fmt: skip
    result = Stats(year, len(rows))
    grades = Counter(e.grade or "无法评定" for e in rows)
    result.grades = sorted(grades.items(), key=lambda g: GRADE_ORDER.index(g[0]) if g[0] in GRADE_ORDER else 99)
    scored = sorted((e for e in rows if e.score is not None), key=lambda e: e.score or 0, reverse=True)
    ends = scored if len(scored) <= 2 * SHOWN else scored[:SHOWN] + scored[-SHOWN:]
    result.ranking = [(e.unit.name, _text(e.score)) for e in ends]
    result.execution = [
        (e.unit.name, _text(e.execution_rate), _text(e.score)) for e in scored if e.execution_rate is not None
    ]
    findings = Finding.objects.filter(evaluation__in=visible.filter(fiscal_year=year))
    result.categories = [
        (CATEGORY_NAMES.get(r["category"], r["category"]), r["n"])
        for r in findings.values("category").annotate(n=Count("id")).order_by("-n", "category")
    ]
    result.rules = [
        (r["rule"], r["n"]) for r in findings.values("rule").annotate(n=Count("id")).order_by("-n", "rule")[:TOP_RULES]
    ]
    last = {
        (unit, kind): score
        for unit, kind, score in visible.filter(fiscal_year=year - 1).values_list("unit_id", "kind", "score")
    }
    changes = []
    for e in scored:
        before = last.get((e.unit_id, e.kind))
        if before is not None and e.score is not None:
            changes.append((e.score - before, e.unit.name, before, e.score))
    changes.sort(reverse=True)  # the largest rises first, the largest falls last
    if len(changes) > 2 * SHOWN:
        changes = changes[:SHOWN] + changes[-SHOWN:]
    result.year_over_year = [(name, _text(b), _text(now), _text(change)) for change, name, b, now in changes]
    return result
