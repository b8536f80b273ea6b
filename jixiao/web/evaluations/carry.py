"""New evaluations from old ones: an empty one, one carried from last year (structure and indicators
kept, figures cleared), and an edited 自评表 merged back into the evaluation it was written from."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.io import canonical
from jixiao.web.accounts.models import Organisation

# what belongs to one year only: the year's own account, cleared when carried to the next
YEAR_BOUND = (
    "report_date", "overall_task", "key_tasks", "problems", "measures", "results_use", "other_matters",
    "performance.achievements", "self_assessment", "outline", "sources", "restated",
)  # fmt: skip
# numbers that are structure, not figures: kept when carried (an indicator's target whole)
KEPT_NUMBERS = ("weight", "fiscal_year", "code", "budget_code", "target")
# the parts of an indicator that are this year's result
INDICATOR_RESULTS = ("actual", "score", "deviation")


def empty_evaluation(unit: Organisation, year: int) -> CoreEvaluation:
    return CoreEvaluation(
        kind="部门整体",
        fiscal_year=year,
        title=f"{year}年度{unit.name}部门整体支出绩效自评报告",
        unit={"name": unit.name, "budget_code": unit.budget_code or None},  # type: ignore[arg-type]
    )


def _clear_numbers(node: Any, key: str = "") -> Any:
    """Every number under `node` blanked (None, never zero), except the structural ones."""
    if key in KEPT_NUMBERS:
        return node
    if isinstance(node, dict):
        return {k: _clear_numbers(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_clear_numbers(v, key) for v in node]
    if isinstance(node, bool):
        return node
    if isinstance(node, int) or (isinstance(node, str) and re.fullmatch(r"-?\d+(\.\d+)?", node) and key != "text"):
        return None
    return node


def from_last_year(last: CoreEvaluation, year: int) -> CoreEvaluation:
    data = canonical.to_plain(last)
    for path in YEAR_BOUND:
        head, _, rest = path.partition(".")
        if rest:
            data.get(head, {}).pop(rest, None)
        else:
            data.pop(head, None)
    for indicator in data.get("performance", {}).get("indicators", []):
        for part in INDICATOR_RESULTS:
            indicator.pop(part, None)
    data = _clear_numbers(data)
    old = last.fiscal_year
    if old is not None and data.get("title"):
        data["title"] = data["title"].replace(str(old), str(year))
    data["fiscal_year"] = year
    return _valid(data)


def _valid(data: dict[str, Any]) -> CoreEvaluation:
    """The evaluation, without the list items a cleared number left invalid (a staff count with no count
    is not a row worth keeping: the row comes back when the figure is written)."""
    while True:
        try:
            return CoreEvaluation.model_validate(data)
        except ValidationError as exc:
            loc = exc.errors()[0]["loc"]
            index = max((n for n, part in enumerate(loc) if isinstance(part, int)), default=None)
            if index is None:
                raise
            node: Any = data
            for part in loc[:index]:
                node = node[part]
            del node[loc[index]]


# what a 自评表 carries (io/xlsx_reader.py reads these); everything else stays as the report has it
SCORECARD_PARTS = (
    ("budget", ("initial", "adjusted", "executed", "execution_rate")),
    ("performance", ("targets", "achievements", "indicators")),
    ("self_assessment", ("grade", "score")),
)


def merge_scorecard(current: CoreEvaluation, form: CoreEvaluation) -> CoreEvaluation:
    """The evaluation with what the uploaded 自评表 states put in place of its own values (and sources)."""
    data = canonical.to_plain(current, full=True)
    read = canonical.to_plain(form, full=True)
    sources = dict(data.get("sources") or {})
    for part, names in SCORECARD_PARTS:
        for name in names:
            value = read[part][name]
            if value in (None, []):
                continue
            data[part][name] = value
            prefix = f"{part}.{name}"
            for path in [p for p in sources if p == prefix or p.startswith((prefix + ".", prefix + "["))]:
                del sources[path]
            sources.update({p: loc for p, loc in (read.get("sources") or {}).items() if p.startswith(prefix)})
    data["sources"] = sources
    return CoreEvaluation.model_validate(data)
